// Issue 25, every screen a class brings: the projector (presenter mode at 1280x720, in Korean), a phone and a
// tablet with touch, in both orientations. Each region is measured as drawn: full view's area, the text size of
// the blocks on screen, which keys reach the workspace, and boxes that must not overlap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { settle } from './workspaceHelpers';
import { boxesOverlap, settledBoxes, visibleBoxes, type Box } from './screenHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const LECTURE = { width: 1280, height: 720 };
const SMALL = '/?trainLimit=512&testLimit=128&epochs=20&backend=wasm';

async function presenting(query = SMALL): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, query, '.react-flow__node[data-id=output]', { viewport: LECTURE, locale: 'ko-KR' });
  await opened.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await opened.page.keyboard.press('p');
  await opened.page.waitForSelector('.workspace.presenter');
  await settle(opened.page);
  return opened;
}

const box = (page: Page, selector: string): Promise<Box> => page.locator(selector).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
});

/** The share of the window a region's box covers. */
async function share(page: Page, selector: string): Promise<{ width: number; height: number }> {
  const b = await box(page, selector);
  return { width: (b.right - b.left) / LECTURE.width, height: (b.bottom - b.top) / LECTURE.height };
}

describe('presenter mode at 1280x720 in Korean', () => {
  it('full view (F) gives the network, the chart and the panel the whole screen, each drawn larger', async () => {
    const { page, errors } = await presenting();
    await page.locator('.react-flow__node[data-id=conv1]').click();
    await page.keyboard.press('f');
    await page.waitForSelector('.workspace[data-full=network]');
    await settle(page);
    const net = await share(page, '.ws-network .editor-canvas');
    expect(net.width).toBeGreaterThan(0.95);
    expect(net.height).toBeGreaterThan(0.8);
    await page.keyboard.press('f');

    await page.mouse.click(200, 600); // on the chart: it takes no focus, F still means it
    await page.keyboard.press('f');
    await page.waitForSelector('.workspace[data-full=chart]');
    const chart = await share(page, '.ws-chart');
    expect(chart.width).toBeGreaterThan(0.95);
    expect(chart.height).toBeGreaterThan(0.8);
    // Scaled up: the axis numbers are larger on screen than the chart's own 10 px.
    const tick = await page.locator('.loss-chart .axis text').first().evaluate((el) => el.getBoundingClientRect().height);
    expect(tick).toBeGreaterThan(13);
    await page.keyboard.press('f');

    // The block's maps, in the side panel.
    await page.click('[data-panel-tab=maps]');
    await page.keyboard.press('f');
    await page.waitForSelector('.workspace[data-full=panel]');
    const panel = await share(page, '.ws-side');
    expect(panel.width).toBeGreaterThan(0.95);
    expect(panel.height).toBeGreaterThan(0.8);
    // The maps are drawn larger: each of the canvas's pixels takes more than one of the screen's.
    const scale = await page.locator('[data-panel-body=maps] .viz-canvas-host canvas').first()
      .evaluate((c) => c.getBoundingClientRect().width / (c as HTMLCanvasElement).width);
    expect(scale).toBeGreaterThan(1.5);
    // Nothing is cut: the open panel scrolls to its end, above the exit button.
    const body = '[data-panel-body]:not([hidden])';
    expect(boxesOverlap([await box(page, body)], [await box(page, '.exit-full')])).toBe(false);
    await page.click('[data-action=exit-full]');
    await page.waitForSelector('.workspace:not([data-full])');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('with a lesson open, the full panel scrolls to its end instead of cutting it', async () => {
    const { page, errors } = await presenting('/');
    await page.click('[data-action=lessons]');
    await page.click('[data-lesson="2"]');
    await page.click('[data-panel-tab=data]');
    await page.waitForSelector('.ws-side > .lesson-strip'); // the lesson's strip above a long panel
    await page.keyboard.press('f');
    await page.waitForSelector('.workspace[data-full=panel]');
    const body = page.locator('[data-panel-body=data]');
    const last = await body.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return { end: el.scrollTop + el.clientHeight >= el.scrollHeight - 1, height: el.clientHeight, panelBottom: el.getBoundingClientRect().bottom };
    });
    expect(last.end).toBe(true);
    expect(last.height).toBeGreaterThan(LECTURE.height * 0.4);
    expect(last.panelBottom).toBeLessThanOrEqual(LECTURE.height);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('after clicking a block, Space trains and → steps one batch instead of moving the block', async () => {
    const { page, errors } = await presenting();
    const conv1 = page.locator('.react-flow__node[data-id=conv1]');
    await conv1.click();
    const before = await conv1.evaluate((el) => (el as HTMLElement).style.transform);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) === 1,
      undefined, { timeout: 60_000 });
    expect(await conv1.evaluate((el) => (el as HTMLElement).style.transform)).toBe(before);
    await conv1.click();
    await page.keyboard.press(' ');
    await page.waitForSelector('[data-phase=training]', { timeout: 60_000 });
    await page.click('[data-panel-tab=block]'); // a tab clicked last: Space still pauses
    await page.keyboard.press(' ');
    await page.waitForSelector('[data-phase=paused]', { timeout: 30_000 });
    expect(await conv1.evaluate((el) => (el as HTMLElement).style.transform)).toBe(before);
    // A text field keeps its keys.
    await page.click('[data-panel-tab=data]');
    const rate = page.locator('[data-panel-body=data] input[type=text], [data-panel-body=data] input:not([type])').first();
    await rate.click();
    await page.keyboard.press(' ');
    expect(await page.locator('[data-phase=paused]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('draws every block text in view at 16 px or more, and the laser note covers no label', async () => {
    const { page, errors } = await presenting();
    const sizes = await page.evaluate(() => {
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
      const pane = document.querySelector('.ws-network .editor-canvas')!.getBoundingClientRect();
      const texts = [...document.querySelectorAll('.block-node *')].filter((el) => {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        const r = el.getBoundingClientRect();
        return own && r.width > 0 && r.left >= pane.left && r.right <= pane.right;
      });
      return texts.map((el) => ({ text: el.textContent, px: parseFloat(getComputedStyle(el).fontSize) * zoom }));
    });
    expect(sizes.length).toBeGreaterThan(8);
    const small = sizes.filter((s) => s.px < 16);
    expect(small).toEqual([]);

    await page.keyboard.press('l');
    await page.waitForSelector('.laser-note');
    // The note takes a row of its own: the chart redraws for its new height on the next frame, so the boxes are
    // read once the layout has come to rest (read at once, under load, they were the chart's old layout's).
    const labels = await settledBoxes(page, '.loss-chart text, .ws-chart h2, .block-node, .side-body label');
    const note = await visibleBoxes(page, '.laser-note');
    expect(boxesOverlap(note, labels)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('a long project name (issue 23)', () => {
  it('is shortened in the top bar and the Projects panel, whole in their tooltips, and pushes no button off', async () => {
    const { page, errors } = await openPage(browser, '/', '.react-flow__node[data-id=output]', { viewport: LECTURE });
    const name = `Lecture-${'x'.repeat(142)}`; // 150 characters and no space to break at
    await page.click('[data-action=projects]');
    await page.fill('[data-field=project-name]', name);
    await page.press('[data-field=project-name]', 'Enter');
    await page.waitForFunction((n) => document.querySelector('[data-action=projects]')?.getAttribute('title')?.includes(n), name);
    const off = await page.locator('.top-bar button, .projects-panel button').evaluateAll((els) => els.flatMap((el) => {
      const r = el.getBoundingClientRect();
      const panel = el.closest('.projects-panel')?.getBoundingClientRect();
      const outside = r.right > innerWidth + 0.5 || r.left < 0 || (panel !== undefined && r.right > panel.right + 0.5);
      return r.width > 0 && outside ? [(el.textContent ?? '').slice(0, 30)] : [];
    }));
    expect(off).toEqual([]);
    expect(await page.locator('.projects-list td.project-name').first().getAttribute('title')).toBe(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LECTURE.width);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
