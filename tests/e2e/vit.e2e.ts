// A vision transformer in the browser: the ViT-tiny preset trains briefly, and its attention maps (every
// block's heads and the rollout) and the position-embedding similarity grid draw, then redraw from later
// weights while training goes on; the page has no errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const canvasOf = (page: Page, id: string) => page.evaluate((testId) => {
  const canvas = document.querySelector(`[data-testid=${testId}] canvas`) as HTMLCanvasElement | null;
  return canvas ? { layers: canvas.dataset.layers, step: canvas.dataset.step, pixels: canvas.toDataURL() } : null;
}, id);

describe('vision transformer', () => {
  it('trains ViT-tiny briefly and draws its attention maps and position similarities, live', async () => {
    const { page, errors } = await openPage(browser, '/?trainLimit=512&testLimit=64&epochs=20', '.react-flow__node');
    await page.locator('[data-testid=top-preset]').selectOption('vitTiny');
    await page.waitForSelector('.react-flow__node[data-id=attn4]');
    await page.locator('[data-panel-tab="attention"]').dispatchEvent('click');
    await page.waitForSelector('[data-testid=attention] canvas[data-state=waiting]', { state: 'attached' });
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-testid=attention] canvas[data-state=drawn]', { timeout: 150_000 });
    const first = await canvasOf(page, 'attention');
    expect(first?.layers).toBe('4');
    expect(await page.locator('[data-testid=attention] canvas').getAttribute('aria-label')).toContain('attn1: 4');
    // Below the attention maps: views draw only while on screen, as a user scrolls to them.
    await page.evaluate(() => document.querySelector('[data-testid=positions]')?.scrollIntoView({ block: 'nearest' }));
    await page.waitForSelector('[data-testid=positions] canvas[data-state=drawn]');
    await page.evaluate(() => document.querySelector('[data-testid=attention]')?.scrollIntoView({ block: 'nearest' }));
    // Live: a later step's maps, from weights that have changed since.
    await page.waitForFunction((step) => Number(document.querySelector('[data-testid=attention] canvas')?.getAttribute('data-step') ?? 0) > step,
      Number(first?.step ?? 0), { timeout: 120_000 });
    const later = await canvasOf(page, 'attention');
    expect(later?.pixels).not.toBe(first?.pixels);
    await page.click('[data-action=stop]');
    expect(errors).toEqual([]);
  });
});
