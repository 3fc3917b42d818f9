// Issue 5, predictions and arithmetic: the arithmetic view's output size equals each block's, free play
// warns about a stride that does not fit, a confusion matrix and mistakes appear after an epoch, drawing
// on the pad changes the probabilities, and charts save as SVG and PNG. No page errors throughout.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, watchErrors } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;
// Screenshots for a person to look at, only when asked for (PREDICT_SHOTS=/some/folder).
const shots = process.env.PREDICT_SHOTS;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the app with a side panel open (the arithmetic one unless said). */
async function openApp(query: string, panel = 'arith'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl()}${query}`);
  await page.waitForSelector('.react-flow__node');
  await openPanel(page, panel);
  return { page, errors };
}

const arith = (page: Page) => page.locator('[data-testid=arith-view]');

async function draw(page: Page, points: readonly [number, number][]): Promise<void> {
  await page.locator('[data-testid=draw-pad]').scrollIntoViewIfNeeded();
  const box = await page.locator('[data-testid=draw-pad]').boundingBox();
  if (!box) throw new Error('the draw pad is not visible');
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first![0] * box.width, box.y + first![1] * box.height);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 6 });
  await page.mouse.up();
}

describe('convolution arithmetic', () => {
  it('shows every conv and pool block with the output size of the block itself', async () => {
    const { page, errors } = await openApp('/');
    const ids = await page.locator('[data-testid=arith-view] select[data-field=block] option').evaluateAll(
      (options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(ids.length).toBeGreaterThanOrEqual(4); // LeNet-5: two convolutions, two poolings
    for (const id of ids) {
      await page.selectOption('[data-testid=arith-view] select[data-field=block]', id);
      await page.waitForSelector(`[data-testid=arith-view][data-block="${id}"]`);
      const shape = await page.locator(`.react-flow__node[data-id="${id}"] [data-testid=shape]`).innerText();
      const [h, w] = shape.split('×').map((s) => Number(s.trim()));
      expect(Number(await arith(page).getAttribute('data-out-h'))).toBe(h);
      expect(Number(await arith(page).getAttribute('data-out-w'))).toBe(w);
      // The diagram slides over exactly one window per output cell.
      await page.waitForFunction((n) => document.querySelector('.arith-diagram')?.getAttribute('data-steps') === String(n), h! * w!);
    }
    // Selecting a block in the builder shows that block here, and in the block pane it opens.
    await page.locator('.react-flow__node[data-id="conv2"]').click();
    await page.waitForSelector('[data-panel-body=block] [data-testid=arith-view][data-block="conv2"]');
    await openPanel(page, 'arith');
    await page.waitForSelector('[data-panel-body=arith] [data-testid=arith-view][data-block="conv2"]');
    if (shots) await arith(page).screenshot({ path: `${shots}/arith-block.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('steps, plays, and in free play warns when the stride does not fit', async () => {
    const { page, errors } = await openApp('/');
    const step = () => page.locator('.arith-diagram').getAttribute('data-step').then(Number);
    await page.click('[data-action=arith-reset]');
    await page.waitForFunction(() => document.querySelector('.arith-diagram')?.getAttribute('data-step') === '0');
    await page.click('[data-action=arith-forward]');
    await page.click('[data-action=arith-forward]');
    await page.waitForFunction(() => document.querySelector('.arith-diagram')?.getAttribute('data-step') === '2');
    await page.click('[data-action=arith-back]');
    await page.waitForFunction(() => document.querySelector('.arith-diagram')?.getAttribute('data-step') === '1');
    await page.click('[data-action=arith-play]');
    await page.waitForFunction(() => Number(document.querySelector('.arith-diagram')?.getAttribute('data-step')) > 1);
    await page.click('[data-action=arith-play]');
    expect(await step()).toBeGreaterThan(1);

    await page.click('[data-mode-button=free]');
    await page.waitForSelector('[data-testid=arith-view][data-mode=free]');
    const setSlider = (field: string, value: number) => page.locator(`[data-testid=arith-view] input[data-field=${field}]`).fill(String(value));
    // 8 rows, kernel 3, stride 2, no padding: (8 - 3) / 2 leaves one row unread; 7 columns fit exactly.
    await setSlider('inputH', 8);
    await setSlider('inputW', 7);
    await page.selectOption('[data-testid=arith-view] select[data-field=padding]', 'valid');
    await page.waitForSelector('.stride-misfit');
    expect(await page.locator('.stride-misfit').count()).toBe(1);
    expect(await page.locator('.stride-misfit').innerText()).toContain('Height');
    expect(await arith(page).getAttribute('data-out-h')).toBe('3');
    expect(await arith(page).getAttribute('data-out-w')).toBe('3');
    await setSlider('inputH', 9);
    await page.waitForSelector('.stride-misfit', { state: 'detached' });
    // A kernel that cannot fit gives no output and says why.
    await setSlider('kernelW', 9);
    await setSlider('dilationW', 2);
    await page.waitForSelector('[data-testid=arith-view] .warning[role=alert]');
    expect(await arith(page).getAttribute('data-out-w')).toBe('0');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves the diagram as SVG and PNG', async () => {
    const { page, errors } = await openApp('/');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=arith-view] [data-action=save-svg]')]);
    expect(svg.suggestedFilename()).toMatch(/^arithmetic-.*\.svg$/);
    const text = await readFile((await svg.path())!, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toMatch(/style="[^"]*fill:/); // styles inlined, so the file looks the same anywhere
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=arith-view] [data-action=save-png]')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('predictions', () => {
  it('shows the confusion matrix after an epoch, and drawing changes the probabilities', async () => {
    const { page, errors } = await openApp('/?trainLimit=2048&testLimit=300&epochs=2', 'maps');
    await openPanel(page, 'predict');
    await draw(page, [[0.5, 0.15], [0.5, 0.85]]);
    await page.waitForSelector('[data-testid=predict-panel] [role=status]'); // no model yet
    await page.click('[data-action=train]');
    await openPanel(page, 'results');
    await page.waitForSelector('[data-testid=confusion-matrix]', { timeout: 150_000 });
    expect(await page.locator('[data-testid=confusion-matrix]').getAttribute('data-total')).toBe('300');
    expect(await page.locator('[data-testid=confusion-matrix] rect[data-count]').count()).toBe(100);
    expect(await page.locator('[data-testid=confusion-matrix] .class-accuracy').count()).toBe(10);
    expect(await page.locator('[data-testid=mistakes] button').count()).toBeGreaterThan(0);

    // The digit drawn before training is asked again once a model exists.
    await openPanel(page, 'predict');
    await page.waitForSelector('[data-testid=probabilities]', { timeout: 60_000 });
    const values = () => page.locator('[data-testid=probabilities]').getAttribute('data-values');
    const sum = (await values())!.split(',').map(Number).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 2);
    const before = await values();
    await page.click('[data-action=clear-pad]');
    await draw(page, [[0.25, 0.25], [0.75, 0.25], [0.3, 0.8]]); // a 7
    await page.waitForFunction((old) => {
      const now = document.querySelector('[data-testid=probabilities]')?.getAttribute('data-values');
      return now && now !== old;
    }, before, { timeout: 30_000 });
    // An uploaded picture (a dark 1 on white paper) is resized, inverted like MNIST, and answered too.
    const drawn = await values();
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 120;
      c.height = 160;
      const g = c.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 120, 160);
      g.fillStyle = '#111';
      g.fillRect(50, 20, 20, 120);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await page.setInputFiles('[data-testid=upload-image]', { name: 'one.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await page.waitForFunction((old) => {
      const now = document.querySelector('[data-testid=probabilities]')?.getAttribute('data-values');
      return now && now !== old;
    }, drawn, { timeout: 30_000 });
    await page.setInputFiles('[data-testid=upload-image]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await page.waitForSelector('.upload-image [role=alert]');

    await openPanel(page, 'results');
    await page.click('[data-testid=mistakes] button >> nth=0');
    expect(await page.locator('[data-testid=mistakes] button[aria-pressed=true]').count()).toBe(1);
    // The image picker above the feature maps (in the maps panel, opened first) now shows that mistake's number.
    const index = await page.locator('[data-testid=mistakes] button >> nth=0').getAttribute('data-index');
    await page.waitForFunction((i) => (document.querySelector('[data-testid=viz-test-index]') as HTMLInputElement | null)?.value === i,
      index, { timeout: 10_000 });
    if (shots) {
      await page.locator('.results-panel').screenshot({ path: `${shots}/confusion.png` });
      await openPanel(page, 'predict');
      await page.locator('[data-testid=predict-panel]').screenshot({ path: `${shots}/predict.png` });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('training curves', () => {
  it('overlays runs, marks epochs, plots the learning rate, switches to log scale and reads out values on hover', async () => {
    const { page, errors } = await openApp('/?trainLimit=1024&testLimit=200&epochs=1');
    const chart = page.locator('[data-testid=loss-chart] svg');
    for (const run of [1, 2]) {
      // The second run differs in its learning rate only: the legend names each run by it.
      if (run === 2) {
        await openPanel(page, 'data');
        await page.locator('[data-field=learningRate] input').fill('0.02');
      }
      await page.click('[data-action=train]');
      await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });
      await page.waitForFunction((n) => document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-runs') === String(n), run);
    }
    expect(await page.locator('[data-testid=loss-chart] .legend g.run').count()).toBe(2);
    const names = await page.locator('[data-testid=loss-chart] .legend g.run text').allTextContents();
    expect(names[0]).toMatch(/^lr \d/);
    expect(names[1]).toBe('lr 0.02');
    expect(await page.locator('[data-testid=loss-chart] .legend g.run title').allTextContents()).toEqual([`Run 1 (${names[0]})`, 'Run 2 (lr 0.02)']);
    expect(await page.locator('[data-testid=loss-chart] .past-runs path.loss').getAttribute('d')).toMatch(/^M/);
    // The epoch's result can arrive with the run's end: the chart draws it on the next animation frame.
    await page.waitForSelector('[data-testid=loss-chart] circle.epoch-point.test');
    expect(await page.locator('[data-testid=loss-chart] circle.epoch-point.test').count()).toBe(1);
    expect(await page.locator('[data-testid=loss-chart] path.learning-rate').getAttribute('d')).toMatch(/^M/);

    await page.check('[data-action=log-scale]');
    await page.waitForFunction(() => document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-scale') === 'log');
    const box = await page.locator('[data-testid=loss-chart] .hover-target').boundingBox();
    await page.mouse.move(box!.x + box!.width * 0.6, box!.y + box!.height * 0.3);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-hover-step')) > 0);
    const text = await page.locator('[data-testid=loss-chart] .readout').textContent();
    expect(text).toContain('Batch');
    expect(text).toContain(`Run 1 (${names[0]}): loss`);
    if (shots) await page.locator('.chart-panel').screenshot({ path: `${shots}/curves.png` });
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => !document.querySelector('[data-testid=loss-chart] svg')?.hasAttribute('data-hover-step'));
    expect(await chart.getAttribute('data-points')).not.toBe('0');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
