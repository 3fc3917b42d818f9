// Accessibility: axe-core (through @axe-core/playwright, which works with playwright-core: it needs only a
// Page) on every main screen of the workspace: the first screen, a block's detail pane, a lesson step, the
// project list, mid-training, presenter mode and its key map, in English; the first screen and presenter mode
// (with its key map) again in Korean. Any serious or critical violation fails; the rest are printed. axe takes
// 20-40 s on a whole page on a 2-core machine, so a screen that only opens a region (a pane, a menu, an overlay)
// is audited on that region alone; screens that change the whole page (training, presenter mode) on all of it.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Found {
  readonly id: string;
  readonly impact: string;
  readonly targets: string[];
}

/** axe's findings on the page, or on the region `scope` alone: id, impact and the elements concerned. */
async function audit(page: Page, screen: string, scope?: string): Promise<Found[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (scope !== undefined) builder = builder.include(scope);
  const result = await builder.analyze();
  const found = result.violations.map((v) => ({
    id: v.id, impact: v.impact ?? 'none', targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  console.log(`axe on ${screen}: ${found.length === 0 ? 'no violation'
    : `\n${found.map((f) => `  ${f.impact} ${f.id}: ${f.targets.join(' | ')}`).join('\n')}`}`);
  return found;
}
const severe = (found: Found[]) => found.filter((f) => f.impact === 'serious' || f.impact === 'critical');

const QUERY = '/?trainLimit=2048&testLimit=256&epochs=30';
const READY = '.react-flow__node[data-id="conv1"]';

/** Presenter mode (P, focus on the page) and its key map (?), both audited; the map is closed again. */
async function presenterScreens(page: Page, locale: string, problems: Record<string, Found[]>) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('p');
  await page.waitForSelector('.workspace.presenter');
  problems.presenter = severe(await audit(page, `presenter mode (${locale})`));
  await page.keyboard.press('?');
  await page.waitForSelector('.key-map');
  problems.keyMap = severe(await audit(page, `the key map (${locale})`, '.key-map'));
  await page.keyboard.press('?');
  await page.waitForSelector('.key-map', { state: 'detached' });
}

describe('accessibility (axe-core)', () => {
  it('has no serious or critical violation on any main screen in English; the chart keeps its text alternative', async () => {
    const { page, errors } = await openPage(browser, QUERY, READY, { locale: 'en-US', viewport: { width: 1280, height: 720 } });
    const problems: Record<string, Found[]> = {};
    problems.first = severe(await audit(page, 'the first screen (en)'));

    await page.locator('.react-flow__node[data-id="conv1"]').click();
    await page.waitForSelector('[data-panel-body=block]:not([hidden]) .block-detail[data-block=conv1]');
    problems.block = severe(await audit(page, 'the block detail pane (en)', '.ws-side'));

    await openPanel(page, 'lessons');
    await page.click('[data-lesson="1"]');
    await page.waitForSelector('[data-testid=lessons][data-step="1.1"]');
    problems.lesson = severe(await audit(page, 'a lesson step (en)', '.ws-side'));
    // Lesson 1 hides the run controls and the other panels while it is open: close it to train below.
    await page.click('[data-action=lessons-close]');
    await page.waitForSelector('.top-bar [data-action=train]', { state: 'visible' });

    await page.click('[data-action=projects]');
    await page.waitForSelector('.projects-panel');
    problems.projects = severe(await audit(page, 'the project list (en)', '.projects-panel'));
    await page.click('[data-action=projects]');
    await page.waitForSelector('.projects-panel', { state: 'detached' });

    await openPanel(page, 'data');
    await page.click('[data-action=train]');
    await page.waitForFunction(() => Number(
      document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) > 3, undefined, { timeout: 120_000 });
    problems.training = severe(await audit(page, 'mid-training (en)'));
    await page.click('[data-action=stop]');

    // The chart's text alternative in the workspace: its latest values, and its data as a table behind a button.
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=chart-latest]')?.textContent ?? ''));
    expect(await page.locator('[data-testid=chart-latest]').innerText()).toMatch(/^Latest: batch \d+, training loss [\d.e-]+, training accuracy [\d.]+%\.$/);
    await page.click('[data-action=chart-table]');
    expect(await page.locator('[data-testid=chart-table] tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-action=chart-table]').getAttribute('aria-expanded')).toBe('true');

    await presenterScreens(page, 'en', problems);
    expect(problems).toEqual({ first: [], block: [], lesson: [], projects: [], training: [], presenter: [], keyMap: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 420_000);

  it('has no serious or critical violation in Korean on the first screen and in presenter mode', async () => {
    const { page, errors } = await openPage(browser, QUERY, READY, { locale: 'ko-KR', viewport: { width: 1280, height: 720 } });
    const problems: Record<string, Found[]> = {};
    problems.first = severe(await audit(page, 'the first screen (ko)'));
    expect(await page.locator('[data-testid=chart-latest]').innerText()).toBe('아직 학습 데이터가 없습니다.');
    await presenterScreens(page, 'ko', problems);
    expect(problems).toEqual({ first: [], presenter: [], keyMap: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);
});
