// Segmentation in the app: choosing Shapes and the FCN preset, a short run trains a per-pixel network on
// images drawn in the worker and the epoch table shows its test mean IoU, the chart's legend its IoU ring, and
// the results panel the masks, IoU per class and the pixel confusion matrix. Small data (48 training images).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('segmentation', () => {
  it('trains the Shapes FCN and reports the test mean IoU per epoch, and draws the mask view', async () => {
    const { page, errors } = await openPage(browser, '/?trainLimit=48&testLimit=8&backend=wasm&epochs=1', '[data-action=train]');
    await page.selectOption('[data-testid=top-dataset]', 'shapes');
    await page.selectOption('[data-testid=top-preset]', 'shapesFcn');
    // The per-pixel loss settings show for a segmentation dataset, and travel in the link.
    await openPanel(page, 'data');
    await page.fill('[data-group=pixelLoss] [data-field=dice] input', '1');
    await page.press('[data-group=pixelLoss] [data-field=dice] input', 'Tab');
    await page.waitForFunction(() => location.hash.includes('pixloss=dice:1'), undefined, { timeout: 10_000 });
    await page.click('[data-action=train]');
    await openPanel(page, 'epochs');
    const cell = await page.waitForSelector('.epoch-table .test-mean-iou', { timeout: Number(process.env.SEG_TIMEOUT ?? 240_000) }).catch(async (err: unknown) => {
      if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/segmentation-failed.png` });
      throw new Error(`${String(err)}; page errors: ${errors.join(' | ')}`);
    });
    const iou = Number(await cell.getAttribute('data-value'));
    expect(iou).toBeGreaterThan(0);
    expect(iou).toBeLessThanOrEqual(1);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/segmentation-en.png` });
    // The chart's legend names the IoU ring once the run has one.
    expect(await page.locator('.legend g.style[data-key=iou]').count()).toBe(1);

    // The results panel: four test images with their true and predicted masks, painted, and the per-pixel results.
    await openPanel(page, 'results');
    await page.waitForSelector('[data-testid=mask-view][data-epoch="1"] .mask-grid canvas', { timeout: 30_000 });
    expect(await page.locator('[data-testid=mask-view] .mask-grid canvas').count()).toBe(12);
    expect(await page.locator('[data-testid=mask-view] .mask-legend li').count()).toBe(4);
    // The true mask over an image differs from the image alone where its objects are (they are coloured).
    const changed = await page.evaluate(() => {
      const [image, truth] = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=mask-view] .mask-grid canvas')];
      const pixels = (c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const a = pixels(image!);
      const b = pixels(truth!);
      let differ = 0;
      for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) differ += 1;
      return differ;
    });
    expect(changed).toBeGreaterThan(50);
    const ious = await page.locator('[data-testid=mask-view] .mask-iou').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(ious).toHaveLength(4);
    for (const v of ious) expect(v >= 0 && v <= 1).toBe(true);
    expect(await page.locator('[data-testid=iou-bars] g[data-class]').count()).toBe(4);
    const matrix = page.locator('[data-testid=confusion-matrix][data-per-pixel=true]');
    expect(await matrix.getAttribute('data-total')).toBe(String(8 * 64 * 64));
    expect(await page.locator('[data-testid=mask-mistakes] li').count()).toBe(8);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/segmentation-masks-en.png` });

    // A drawing is answered with a pointer to the masks, not 64x64x4 bars of class probabilities.
    await openPanel(page, 'predict');
    const pad = (await page.locator('.draw-pad canvas').boundingBox())!;
    await page.mouse.move(pad.x + 40, pad.y + 40);
    await page.mouse.down();
    await page.mouse.move(pad.x + 120, pad.y + 120, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=per-pixel-note]', { timeout: 10_000 });
    expect(await page.locator('[data-testid=probabilities]').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});
