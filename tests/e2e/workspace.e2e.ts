// Issue 11, the workspace at a lecture-hall size (1280x720), in English and Korean: everything that matters
// on one screen with no page scroll, live thumbnails in the blocks, the block detail pane, presenter mode and
// its keys, the view kept in the link, and a network built and trained with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, watchErrors } from './browser';
import { settle } from './workspaceHelpers';
import { tabTo } from './editorHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const LECTURE = { width: 1280, height: 720 };

async function openApp(query: string, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: LECTURE });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl()}${query}`);
  await page.waitForSelector('.react-flow__node[data-id=output] .block-thumb');
  return { page, errors };
}

/** Whether the element's box lies wholly inside the viewport. */
const inViewport = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
}));


const thumb = (page: Page, id: string) => page.evaluate((block) => {
  const canvas = document.querySelector(`[data-thumb="${block}"] canvas`) as HTMLCanvasElement | null;
  return { step: Number(canvas?.dataset.step ?? 0), pixels: canvas?.toDataURL() ?? '' };
}, id);

const chartPoints = (page: Page) => page.evaluate(() =>
  Number(document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0));

describe('one screen at 1280x720', () => {
  it.each([['en-US', 'Train'], ['ko-KR', '학습 시작']])('shows Train, every LeNet-5 block and the loss chart without scrolling (%s)', async (locale, train) => {
    const { page, errors } = await openApp('/', locale);
    await settle(page);
    expect(await page.locator('[data-action=train]').innerText()).toBe(train);
    expect(await inViewport(page, '[data-action=train]')).toEqual([true]);
    const blocks = await inViewport(page, '.react-flow__node');
    expect(blocks.length).toBe(13); // LeNet-5 here: input, 2 x (conv, act, pool), flatten, 2 x (dense, act), softmax
    expect(blocks.every(Boolean)).toBe(true);
    expect(await inViewport(page, '[data-testid=loss-chart] svg')).toEqual([true]);
    const size = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth, innerHeight, innerWidth,
    }));
    expect(size.height).toBeLessThanOrEqual(size.innerHeight);
    expect(size.width).toBeLessThanOrEqual(size.innerWidth);
    // Node text stays readable on the projector: the block kinds are drawn at 10 px or more on screen.
    const kindPx = await page.locator('.block-node .kind').first().evaluate((el) => el.getBoundingClientRect().height);
    expect(kindPx).toBeGreaterThanOrEqual(10);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('live network', () => {
  it("changes every conv block's thumbnail while training, and a click opens the block's detail with its maps", async () => {
    const { page, errors } = await openApp('/?trainLimit=2048&testLimit=256&epochs=30');
    await page.click('[data-action=train]');
    const convs = ['conv1', 'conv2'];
    await page.waitForFunction((ids) => ids.every((id) => Number(document.querySelector(`[data-thumb="${id}"] canvas`)
      ?.getAttribute('data-step') ?? 0) > 0), convs, { timeout: 120_000 });
    for (const id of convs) {
      const first = await thumb(page, id);
      await page.waitForFunction(([block, step]) => Number(document.querySelector(`[data-thumb="${block}"] canvas`)
        ?.getAttribute('data-step') ?? 0) > step, [id, first.step] as const, { timeout: 60_000 });
      expect((await thumb(page, id)).pixels).not.toBe(first.pixels);
    }
    // The input image at the left, the class probabilities (top class and its share) at the right.
    expect((await thumb(page, 'input')).step).toBeGreaterThan(0);
    expect(await page.locator('[data-thumb=output] [data-testid=top-class]').innerText()).toMatch(/^\d \d+%$/);

    await page.locator('.react-flow__node[data-id=conv2]').click();
    await page.waitForSelector('[data-panel-body=block]:not([hidden]) .block-detail[data-block=conv2]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=block-maps] canvas')
      ?.getAttribute('data-step') ?? 0) > 0, undefined, { timeout: 60_000 });
    expect(await page.locator('[data-testid=block-maps] canvas').getAttribute('aria-label')).toContain('conv2');
    expect(await page.locator('[data-panel-body=block] .editor-inspector[data-inspects=conv2]').count()).toBe(1);
    // The block's settings come first: its first field is in view at the pane's top, above the maps; and after
    // scrolling down to the maps, selecting another block opens that one at its settings again.
    const fieldsInView = (id: string) => page.evaluate((block) => {
      const body = document.querySelector('[data-panel-body=block]')!.getBoundingClientRect();
      const field = document.querySelector(`.editor-inspector[data-inspects="${block}"] [data-field]`)?.getBoundingClientRect();
      const maps = document.querySelector('[data-testid=block-maps]')!.getBoundingClientRect();
      return field !== undefined && field.top >= body.top && field.bottom <= body.bottom && field.top < maps.top;
    }, id);
    expect(await fieldsInView('conv2')).toBe(true);
    await page.locator('[data-panel-body=block]').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await page.locator('.react-flow__node[data-id=conv1]').click();
    await page.waitForSelector('[data-panel-body=block] .editor-inspector[data-inspects=conv1]');
    expect(await fieldsInView('conv1')).toBe(true);
    await page.click('[data-action=stop]');
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('presenter mode', () => {
  it('has large type, every key does what it says, and the link keeps the mode, panel and block', async () => {
    const { page, errors } = await openApp('/?trainLimit=1024&testLimit=128&epochs=50&backend=wasm');
    const body = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await body();
    await page.keyboard.press('p');
    await page.waitForSelector('.workspace.presenter');
    const sizes = await page.locator('.side-body p, .side-body label, .status-bar span, .run-controls button, .side-tabs [role=tab]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    expect(await page.locator('.pickers').isVisible()).toBe(false); // only the essential controls

    await page.keyboard.press(' '); // play
    await page.waitForSelector('[data-phase=training]', { timeout: 60_000 });
    await page.keyboard.press(' '); // pause
    await page.waitForSelector('[data-phase=paused]', { timeout: 30_000 });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const paused = await chartPoints(page);
    await page.keyboard.press('ArrowRight'); // one step
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) === n + 1,
      paused, { timeout: 30_000 });
    await page.keyboard.press('r'); // reset
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });

    await page.keyboard.press('f');
    await page.waitForSelector('.workspace[data-full=network]');
    expect(await page.locator('.ws-side').isVisible()).toBe(false);
    await page.keyboard.press('f');
    await page.waitForSelector('.workspace:not([data-full])');
    await page.keyboard.press('3');
    await page.waitForSelector('[data-panel-body=maps]:not([hidden])');
    await page.keyboard.press('1');
    await page.waitForSelector('[data-panel-body=data]:not([hidden])');
    await page.keyboard.press('l');
    await page.mouse.move(400, 300);
    await page.waitForFunction(() => (document.querySelector('[data-testid=laser]') as HTMLElement | null)?.style.transform.includes('400px'));
    await page.keyboard.press('l');
    await page.waitForSelector('[data-testid=laser]', { state: 'detached' });
    await page.keyboard.press('b');
    expect(await inViewport(page, '[data-testid=blank]')).toEqual([true]);
    await page.keyboard.press('b');
    await page.waitForSelector('[data-testid=blank]', { state: 'detached' });
    await page.keyboard.press('?');
    const keyMap = page.locator('.key-map');
    await keyMap.waitFor();
    expect(await keyMap.locator('[data-key-action]').count()).toBe(9);
    await page.keyboard.press('?'); // closes it again (focus is in the map)
    await keyMap.waitFor({ state: 'detached' });

    // The link keeps presenter mode, the open panel and the selected block.
    await page.keyboard.press('3');
    await page.locator('.react-flow__node[data-id=conv1]').click();
    await page.keyboard.press('3'); // selecting opened the block pane; back to the maps
    await page.waitForFunction(() => location.hash.includes('pm=1') && location.hash.includes('panel=maps') && location.hash.includes('block=conv1'));
    const link = await page.evaluate(() => location.href);
    const again = await page.context().newPage();
    await again.goto(link);
    await again.waitForSelector('.workspace.presenter [data-panel-body=maps]:not([hidden])');
    expect(await again.locator('.react-flow__node[data-id=conv1] .block-node.selected').count()).toBe(1);
    await again.close();
    // A reload straight after a click reopens what the click opened: the address carries it at once (with the
    // edits' 300 ms delay, the reload came back to the maps, the panel before it).
    await page.keyboard.press('4');
    const fourth = await page.locator('.side-tabs [role=tab][aria-selected=true]').getAttribute('data-panel-tab');
    expect(fourth).not.toBe('maps');
    await page.reload();
    await page.waitForSelector(`.workspace.presenter [data-panel-body="${fourth}"]:not([hidden])`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('keyboard only', () => {
  it('builds a three-block network and starts training without the mouse', async () => {
    const { page, errors } = await openApp('/?trainLimit=512&testLimit=128&epochs=1&backend=wasm');
    await tabTo(page, '[data-action=empty]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.react-flow__node[data-id=conv1]', { state: 'detached' });
    for (const kind of ['conv2d', 'flatten']) {
      await tabTo(page, `[data-palette=${kind}]`);
      await page.keyboard.press('Enter');
    }
    await page.waitForSelector('.react-flow__node[data-id=flatten1]');
    // Input, a convolution, flatten and the softmax output (three blocks between input and output, counting it).
    expect(await page.locator('.react-flow__node').count()).toBe(4);
    await tabTo(page, '[data-action=train]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) > 0,
      undefined, { timeout: 120_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
