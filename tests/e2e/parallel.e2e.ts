// Data-parallel training in the browser: on a CPU backend the training worker starts helper workers (nested
// workers) as the core count says, the status bar names how many and why, a run trains to its end with them
// under the app's Content-Security-Policy, a small network keeps one worker, and ?workers=1 keeps one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const QUERY = '/?trainLimit=1024&testLimit=256&backend=wasm&epochs=1';

async function trainOnce(query: string, locale = 'en-US', viewport = { width: 1280, height: 720 }) {
  const { page, errors } = await openPage(browser, query, '[data-action=train]', { viewport, locale });
  await page.click('[data-action=train]');
  await page.waitForSelector('[data-phase=done]', { timeout: 180_000 });
  const note = page.locator('.status-bar .workers');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  return { page, errors, note, cores };
}

describe('data-parallel training', () => {
  it('trains on every core on 2 (one left for the page from 3 on) and says so in the status bar', async () => {
    // LeNet-5 on its own stays on one worker (a small network, below); ?workers=many asks for every core.
    const { page, errors, note, cores } = await trainOnce(`${QUERY}&workers=many`);
    const expected = cores <= 1 ? 1 : cores === 2 ? 2 : Math.min(8, cores - 1);
    expect(Number(await note.getAttribute('data-workers'))).toBe(expected);
    expect(await note.textContent()).toBe(expected === 1 ? ' · 1 worker' : ` · ${expected} workers`);
    if (expected > 1) {
      expect(await note.getAttribute('data-reason')).toBe('cores');
      expect(await note.getAttribute('title')).toContain(`Data-parallel: ${expected} workers for ${cores} logical cores`);
    }
    await page.screenshot({ path: process.env.PARALLEL_SHOT ?? '/tmp/parallel-en.png' });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps a small network (LeNet-5) on one worker by default, and says why', async () => {
    const { page, errors, note, cores } = await trainOnce(QUERY);
    expect(await note.getAttribute('data-workers')).toBe('1');
    expect(await note.getAttribute('data-reason')).toBe(cores <= 1 ? 'one-core' : 'small-network');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps one worker with ?workers=1, and says why in Korean', async () => {
    const { page, errors, note } = await trainOnce(`${QUERY}&workers=1`, 'ko-KR');
    expect(await note.getAttribute('data-workers')).toBe('1');
    expect(await note.getAttribute('data-reason')).toBe('chosen');
    expect(await note.textContent()).toBe(' · 워커 1개');
    await page.screenshot({ path: process.env.PARALLEL_SHOT_KO ?? '/tmp/parallel-ko.png' });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
