// Detection in the app: choosing MNIST scenes and the grid-detector preset, a short run trains on scenes
// drawn in the worker from the app's MNIST files; the boxes view draws the detector's boxes over the chosen
// test image and lists the NMS steps, and the epoch table shows the test mAP@0.5. Small data (120 scenes).
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

describe('detection', () => {
  it('trains the grid detector on MNIST scenes, draws its boxes with the NMS steps, and reports mAP@0.5', async () => {
    const { page, errors } = await openPage(browser, '/?trainLimit=120&testLimit=8&backend=wasm&epochs=1', '[data-action=train]');
    const fail = async (err: unknown) => {
      if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/detection-failed.png` });
      throw new Error(`${String(err)}; page errors: ${errors.join(' | ')}`);
    };
    await page.selectOption('[data-testid=top-dataset]', 'mnistScenes');
    await page.selectOption('[data-testid=top-preset]', 'gridDetector');
    // The detector's loss weights show in the Training panel for a detection dataset: a weight out of range is
    // refused in words, a good one travels in the link and into the loss the boxes view states.
    await openPanel(page, 'data');
    const coord = '[data-group=boxLoss] [data-field=coord] input';
    await page.fill(coord, '25');
    await page.press(coord, 'Tab');
    expect(await page.textContent('[data-group=boxLoss] [data-field=coord] .field-error')).toContain('20');
    await page.fill(coord, '7');
    await page.press(coord, 'Tab');
    await page.waitForFunction(() => location.hash.includes('boxloss=coord:7,noObject:0.5'), undefined, { timeout: 10_000 });
    expect(await page.locator('[data-group=boxLoss] .field-error').count()).toBe(0);
    await openPanel(page, 'boxes');
    await page.click('[data-action=train]');
    const timeout = Number(process.env.DET_TIMEOUT ?? 240_000);
    await page.waitForSelector('[data-testid=boxes-canvas]', { timeout }).catch(fail);
    // Every cell's box above a score threshold of 0: NMS then explains each of them, one step per box.
    await page.focus('[data-testid=score-threshold]');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=boxes-canvas]')?.getAttribute('data-candidates')) === 64);
    const kept = Number(await page.getAttribute('[data-testid=boxes-canvas]', 'data-kept'));
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(64);
    expect(await page.locator('[data-testid=nms-steps] li').count()).toBe(64);
    expect(await page.locator('[data-testid=nms-steps] li.nms-keep').count()).toBe(kept);
    // The canvas is painted: the image and boxes leave pixels that are neither black nor empty.
    const painted = await page.$eval('[data-testid=boxes-canvas]', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 0) !== (data[i + 1] ?? 0) || (data[i + 1] ?? 0) !== (data[i + 2] ?? 0)) coloured++;
      return { width: canvas.width, coloured };
    });
    expect(painted.width).toBe(256);
    // The loss's weights are shown.
    expect(await page.textContent('[data-testid=detection-loss]')).toContain('7 × box squared error');
    // The input picker gives no single answer for a grid of boxes.
    expect(await page.locator('[data-panel-body=boxes] .viz-prediction').count()).toBe(0);
    expect(painted.coloured).toBeGreaterThan(100);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/detection-en.png` });
    await openPanel(page, 'epochs');
    const cell = await page.waitForSelector('.epoch-table .test-mean-ap', { timeout }).catch(fail);
    const map = Number(await cell?.getAttribute('data-value'));
    expect(map).toBeGreaterThanOrEqual(0);
    expect(map).toBeLessThanOrEqual(1);
    // mAP@0.5 stands where a classifier's accuracy stands, and nothing about the detector is called accuracy.
    expect(await page.locator('.epoch-table .test-accuracy').count()).toBe(0);
    expect(await page.textContent('.epoch-panel')).not.toMatch(/accuracy/i);
    expect(await page.textContent('#chart-heading')).toContain('mAP@0.5');
    expect(await page.locator('[data-testid=loss-chart] .legend [data-key=accuracy]').count()).toBe(0);
    expect(await page.textContent('[data-testid=loss-chart] .legend [data-key=test] title')).toContain('mAP@0.5');
    expect(await page.getAttribute('[data-testid=loss-chart] path.line.accuracy:not(.past)', 'd')).toBeFalsy();
    // Its axis reads 0 to 1, as the table writes mAP, not as a percentage.
    expect(await page.locator('[data-testid=loss-chart] .axis.y-acc .tick text').allTextContents()).toContain('1.0');
    // After the run, another test image is answered by the final weights: the boxes view draws image 3, not 0.
    await page.waitForSelector('[data-phase=done]', { timeout }).catch(fail);
    await openPanel(page, 'boxes');
    await page.fill('[data-panel-body=boxes] [data-testid=viz-test-index]', '3');
    await page.waitForSelector('[data-testid=boxes-canvas][data-image="3"]', { timeout: 30_000 }).catch(fail);
    // The receptive field of one output cell: the grid detector's cell (3, 4) sees a 38-pixel square around its own 8 pixels.
    await openPanel(page, 'arith');
    await page.click('[data-testid=arith-view] [data-mode-button=output]');
    await page.fill('[data-field=output-row]', '3');
    await page.fill('[data-field=output-col]', '4');
    await page.waitForSelector('[data-testid=output-field][data-row="3"][data-col="4"]');
    expect(await page.getAttribute('[data-testid=output-field]', 'data-rows')).toBe('9,46');
    expect(await page.getAttribute('[data-testid=output-field]', 'data-cols')).toBe('17,54');
    expect(await page.textContent('[data-testid=output-field] .output-field-caption')).toContain('38 × 38 pixels');
    // Over the test image the probes last looked at (image 3, chosen above).
    await page.waitForSelector('[data-testid=output-field] svg image');
    // A click on the image's top-left cell picks output cell (0, 0), whose field is cut at the border.
    await page.click('[data-testid=output-field] svg', { position: { x: 4, y: 4 } });
    await page.waitForSelector('[data-testid=output-field][data-row="0"][data-col="0"]');
    expect(await page.textContent('[data-testid=output-field] .output-field-caption')).toContain('past the border');
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/detection-output-field-en.png` });
    expect(errors).toEqual([]);
  }, 300_000);
});
