// Segmentation in the app: choosing Shapes and the FCN preset, a short run trains a per-pixel network on
// images drawn in the worker and the epoch table shows its test mean IoU. Small data (48 training images).
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
  it('trains the Shapes FCN and reports the test mean IoU per epoch', async () => {
    const { page, errors } = await openPage(browser, '/?trainLimit=48&testLimit=8&backend=wasm&epochs=1', '[data-action=train]');
    await page.selectOption('[data-testid=top-dataset]', 'shapes');
    await page.selectOption('[data-testid=top-preset]', 'shapesFcn');
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
    expect(errors).toEqual([]);
  }, 300_000);
});
