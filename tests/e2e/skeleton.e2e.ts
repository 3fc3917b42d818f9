// The walking skeleton end to end: LeNet-5 listed with shapes and params, trained on a small slice of
// MNIST in the worker, the loss chart gaining points, a test accuracy appearing, pause / resume / stop,
// and no page errors throughout.
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

const openApp = (query: string) => openPage(browser, query, '.react-flow__node', { viewport: { width: 1400, height: 1000 } });

const chartPoints = (page: Page) =>
  page.locator('[data-testid=loss-chart] svg').getAttribute('data-points').then((v) => Number(v ?? 0));

describe('walking skeleton', () => {
  it('lists LeNet-5 with the output shape and parameters of every block', async () => {
    const { page, errors } = await openApp('/');
    await openPanel(page, 'summary');
    await page.waitForSelector('.block-table tbody tr');
    const rows = page.locator('.block-table tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const conv1 = page.locator('.block-table tbody tr[data-kind=conv2d]').first();
    expect(await conv1.locator('.shape').innerText()).toBe('28 × 28 × 6');
    expect(await conv1.locator('.params').innerText()).toBe('156');
    expect(await conv1.locator('.arith').innerText()).toContain('floor((28 - 5 + 2*2) / 1) + 1 = 28');
    expect(await page.locator('.total-params').getAttribute('data-trainable')).toBe('61706');
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('trains in the worker, draws the loss, reports test accuracy, pauses, resumes and stops', async () => {
    const { page, errors } = await openApp('/?trainLimit=2048&testLimit=512&epochs=50');
    await page.click('[data-action=train]');

    await page.waitForSelector('.status-bar .backend[data-backend]', { timeout: 60_000 });
    const backend = await page.locator('.status-bar .backend').getAttribute('data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(backend);

    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) > 0,
      undefined,
      { timeout: 120_000 },
    );
    await openPanel(page, 'epochs');
    await page.waitForSelector('.epoch-table .test-accuracy', { timeout: 120_000 });
    const acc = Number(await page.locator('.epoch-table .test-accuracy').first().getAttribute('data-value'));
    expect(acc).toBeGreaterThan(0.1); // better than chance after one epoch on 2,048 images
    expect(acc).toBeLessThanOrEqual(1);

    await page.click('[data-action=pause]');
    await page.waitForSelector('[data-phase=paused]');
    // The chart redraws on the next animation frame: let the last batch flushed before the pause land.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const pausedAt = await chartPoints(page);
    await page.waitForTimeout(1500);
    expect(await chartPoints(page)).toBe(pausedAt); // no steps while paused

    await page.click('[data-action=resume]');
    await page.waitForFunction((n) => Number(
      document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) > n, pausedAt,
    { timeout: 60_000 });

    await page.click('[data-action=stop]');
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('switches the interface to Korean and back', async () => {
    const { page, errors } = await openApp('/');
    await page.click('.language-switch button[lang=ko]');
    expect(await page.locator('h1').innerText()).toBe('CNN 플레이그라운드');
    expect(await page.locator('[data-action=train]').innerText()).toBe('학습 시작');
    await page.click('.language-switch button[lang=en]');
    expect(await page.locator('[data-action=train]').innerText()).toBe('Train');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says which link parameters it ignored instead of failing', async () => {
    const { page, errors } = await openApp('/?trainLimit=-1&backend=%3Cscript%3E');
    expect(await page.locator('.notice').innerText()).toContain('trainLimit');
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
