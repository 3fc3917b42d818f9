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
