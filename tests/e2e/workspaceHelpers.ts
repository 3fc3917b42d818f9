// The workspace shows one side panel at a time: tests open the panel they need by its tab, as a user would.
import type { Page } from 'playwright-core';

/** Opens a side panel (panels.ts ids: data, block, maps, predict, results, saliency, gradients, arith, epochs, summary). */
export async function openPanel(page: Page, id: string): Promise<void> {
  await page.click(`[data-panel-tab="${id}"]`);
  await page.waitForSelector(`[data-panel-body="${id}"]:not([hidden])`);
  // A panel's code loads on first open: wait until it has replaced the placeholder.
  await page.waitForFunction((panel) => {
    const body = document.querySelector(`[data-panel-body="${panel}"]`);
    return body !== null && body.childElementCount > 0 && body.querySelector('.panel-loading') === null;
  }, id);
}

/**
 * Waits until the network strip stops moving (React Flow fits it a few frames after it is measured): its
 * transform unchanged for `frames` animation frames in a row.
 */
export const settle = (page: Page, frames = 5) => page.evaluate((need) => new Promise<void>((resolve) => {
  let last = '';
  let still = 0;
  const tick = () => {
    const now = (document.querySelector('.react-flow__viewport') as HTMLElement | null)?.style.transform ?? '';
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= need) resolve();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}), frames);
