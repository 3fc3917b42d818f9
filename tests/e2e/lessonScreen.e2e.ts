// Every lesson step at 1280x720 (the projector), in Korean and in English, in the normal workspace and in
// presenter mode: the step opens at its top, and each of its buttons, the prediction's options, the task and
// the controls of the step's own tool are where a click lands (the element at their centre is them), with no
// scrolling. Where the step points at another panel ("Go to"), the lesson strip's buttons above that panel, and
// the setting the task changes, pass the same test; a comparison not yet run shows no empty chart. One page
// for both languages, the steps walked by their buttons, no training.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatStepRef, LESSONS } from '../../src/lessons';
import { launchBrowser, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LECTURE = { width: 1280, height: 720 };

/**
 * What a step's task needs outside the lessons panel: the network strip's toolbar, and the palette's first
 * blocks (the palette scrolls sideways for the rest, as it does beside any panel). Not in presenter mode,
 * which hides both.
 */
const TOOLBAR = '.ws-network .editor-toolbar :is(button, input)';
const TASK_CONTROLS: Readonly<Record<string, readonly string[]>> = {
  '2.3': [TOOLBAR, '[data-palette=avgpool2d]'],
  '2.5': [TOOLBAR, '[data-palette=conv2d]'],
  '3.1': [TOOLBAR, '[data-palette=conv2d]', '[data-palette=activation]', '[data-palette=maxpool2d]'],
  '5.2': [TOOLBAR],
};

/**
 * In the page: the elements that are not where a click would land (their name and what is there instead),
 * and scrolled containers of the open lesson. `selectors` are checked on top of the lesson's own.
 */
function misplaced(selectors: readonly string[]): string[] {
  const out: string[] = [];
  const name = (el: Element) => el.getAttribute('data-action') ?? el.getAttribute('data-testid')
    ?? (el.hasAttribute('data-option') ? `option ${el.getAttribute('data-option')}` : null)
    ?? `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 24)}`;
  const own = '[data-testid=lessons] :is(button, input, select), [data-testid=lessons] [data-testid=lesson-task] .lesson-status, '
    + '[data-testid=lesson-strip] :is(button, [data-testid=strip-task] .lesson-status)';
  const elements = [...document.querySelectorAll(own), ...selectors.flatMap((s) => [...document.querySelectorAll(s)])];
  for (const el of elements) {
    if (el.closest('[hidden]') || el.getClientRects().length === 0) continue;
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const at = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null;
    if (!at || !(at === el || el.contains(at))) {
      out.push(`${name(el)} at (${Math.round(x)}, ${Math.round(y)}): ${at ? `${at.tagName.toLowerCase()}.${at.getAttribute('class') ?? ''}` : 'off screen'}`);
    }
  }
  const lesson = document.querySelector('[data-panel-body=lessons]:not([hidden]) .lessons-panel');
  if (lesson) {
    for (let el: Element | null = lesson; el; el = el.parentElement) if (el.scrollTop > 0) out.push(`scrolled: ${el.className}`);
    for (const el of lesson.querySelectorAll('*')) if (el.scrollTop > 0) out.push(`scrolled: ${el.className}`);
  }
  return out;
}

/** Polls until nothing is misplaced (a formula or a panel's code may still be loading), then returns what is. */
async function check(page: Page, selectors: readonly string[] = []): Promise<string[]> {
  let found: string[] = [];
  for (let i = 0; i < 15; i++) {
    found = await page.evaluate(misplaced, selectors);
    if (found.length === 0) return found;
    await page.waitForTimeout(100);
  }
  return found;
}

// Screenshots of every step for a person to look at, only when asked for (LESSON_SHOTS=/some/folder).
const shots = process.env.LESSON_SHOTS;

/** Walks all steps from 1.1 by the Next button; returns every problem found, by step. */
async function walk(page: Page, presenter: boolean, lang = ''): Promise<string[]> {
  const problems: string[] = [];
  await page.click('[data-panel-tab=lessons]');
  await page.click('[data-lesson="1"]');
  await page.waitForSelector('[data-testid=lessons][data-step]');
  // The list resumes a lesson at the step last open (1.6 on the second walk): back to the first.
  while (await page.getAttribute('[data-testid=lessons]', 'data-step') !== '1.1') await page.click('[data-testid=lessons] [data-action=prev]');
  for (const lesson of LESSONS) {
    for (const [i, step] of lesson.steps.entries()) {
      const at = formatStepRef({ lesson: lesson.id, step: i + 1 });
      await page.waitForSelector(`[data-panel-body=lessons]:not([hidden]) [data-testid=lessons][data-step="${at}"]`);
      if (step.formula) await page.waitForSelector('[data-testid=formula] .katex');
      const extra = presenter ? [] : TASK_CONTROLS[at] ?? [];
      problems.push(...(await check(page, extra)).map((p) => `${at}: ${p}`));
      if (shots) await page.screenshot({ path: `${shots}/${lang}${presenter ? '-pm' : ''}-${at}.png` });
      // A comparison not yet run shows no empty axes, only the line saying what will appear (4.4 opened on one).
      if (step.setup.compare && await page.locator('[data-testid=compare-chart]').isVisible()) problems.push(`${at}: empty comparison chart`);
      const goTo = page.locator('[data-testid=lessons] [data-action=show-panel]');
      if (await goTo.count() > 0) {
        await goTo.click();
        // "Go to" a part of the workspace (the chart) keeps the lesson in front; a panel brings the strip.
        await page.waitForSelector(`[data-testid=lesson-strip][data-step="${at}"], [data-panel-body=lessons]:not([hidden])`);
        const field = step.setup.field ? [`.editor-inspector [data-field="${step.setup.field}"]`] : [];
        if (field.length > 0) {
          const focused = await page.waitForFunction((sel) => document.activeElement?.matches(sel) === true, field[0]!, { timeout: 3000 })
            .then(() => true, () => false);
          if (!focused) problems.push(`${at} (go to): ${step.setup.field} not focused`);
        }
        problems.push(...(await check(page, field)).map((p) => `${at} (go to): ${p}`));
        // The panel under the strip keeps room to work in (8.4's was 108 px tall): a third of the screen at least.
        const body = await page.locator('.side-body:not([hidden])').evaluate((el) => el.clientHeight);
        if (body < LECTURE.height / 3) problems.push(`${at} (go to): panel body ${body} px tall`);
        const back = page.locator('[data-testid=lesson-strip] [data-action=lesson-back]');
        if (await back.count() > 0) await back.click();
      }
      const next = page.locator('[data-testid=lessons] [data-action=next]');
      if (await next.isEnabled()) await next.click();
    }
  }
  return problems;
}

describe('every lesson step at 1280x720', () => {
  for (const presenter of [false, true]) {
    it(`in Korean, then in English${presenter ? ', in presenter mode' : ''}: the lesson's buttons, options, task and tool are on screen and uncovered`, async () => {
      const { page, errors } = await openPage(browser, presenter ? '/#v=1&pm=1' : '/', '.react-flow__node', { viewport: LECTURE, locale: 'ko-KR' });
      const problems: string[] = [];
      for (const lang of ['ko', 'en']) {
        await page.click(`.language-switch button[lang=${lang}]`);
        problems.push(...(await walk(page, presenter, lang)).map((p) => `${lang}: ${p}`));
        expect(await page.getAttribute('[data-testid=lessons]', 'lang')).toBe(lang);
        await page.click('[data-testid=lessons] [data-action=lessons-close]');
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('table cells keep their words and numbers whole in Korean, however narrow the table', async () => {
    const { page, errors } = await openPage(browser, '/', '.react-flow__node', { viewport: LECTURE, locale: 'ko-KR' });
    // A table squeezed into 60 px, as the comparison's was in a narrow panel: each cell stays one line.
    const lines = await page.evaluate(() => {
      const box = document.createElement('div');
      box.lang = 'ko';
      box.style.width = '60px';
      box.innerHTML = '<table><tr><th>옵티마이저</th><td>momentum</td><td>0.001</td><td>105,866</td><td>97.9%</td></tr></table>';
      document.querySelector('#root')!.append(box);
      const cells = [...box.querySelectorAll('td, th')].map((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        return `${c.textContent}: ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
      });
      box.remove();
      return cells;
    });
    expect(lines).toEqual(['옵티마이저: 1', 'momentum: 1', '0.001: 1', '105,866: 1', '97.9%: 1']);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
