// Issue 13, offline classrooms: after one visit (which trains once, so a dataset slice is fetched) the
// service worker serves the app shell, the wasm binaries and the fetched dataset shards; with the network
// cut, a reload opens the app and it trains again. The page offers a web manifest with icons (installable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, watchErrors } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('offline after one visit', () => {
  it('reloads and trains with no network', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const url = `${baseUrl()}/?trainLimit=512&testLimit=128&epochs=1&backend=wasm`;
    await page.goto(url);
    await page.waitForSelector('[data-action=train]');
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel=manifest]')?.getAttribute('href');
      return link ? ((await (await fetch(link)).json()) as { icons: { sizes: string }[]; display: string }) : null;
    });
    expect(manifest?.display).toBe('standalone');
    expect(manifest?.icons.map((i) => i.sizes)).toContain('512x512');
    // The service worker takes control of this page (clientsClaim) once it has installed the app shell.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });

    // The shards trained on are in the service worker's dataset cache (not only the browser's HTTP cache).
    // Shards under their content-hashed addresses; meta.json (asked of the network first) in a cache of its own.
    const cached = await page.evaluate(async () => {
      const urls = async (name: string) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url));
      return { shards: (await urls('datasets')).map((u) => u.pathname + u.search), meta: (await urls('dataset-meta')).map((u) => u.pathname) };
    });
    expect(cached.meta.some((p) => p.endsWith('/data/mnist/meta.json'))).toBe(true);
    expect(cached.shards.filter((p) => /\/data\/mnist\/\w+-\d+\.bin\.gz\?v=[0-9a-f]{16}$/.test(p)).length).toBeGreaterThan(1);
    await context.setOffline(true);
    // The project store opens late, as on a loaded laptop where its (lazily loaded) menu arrives after Train
    // is pressed: the run started first must still end (the reopened project's stored run replaced it).
    await page.addInitScript(() => {
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function late(this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
        const request = open.apply(this, args);
        const listen = request.addEventListener.bind(request);
        request.addEventListener = ((type: string, fn: EventListener, opts?: AddEventListenerOptions) =>
          listen(type, type === 'success' ? (e: Event) => setTimeout(() => fn.call(request, e), 1500) : fn, opts)) as typeof request.addEventListener;
        return request;
      };
    });
    await page.reload();
    await page.waitForSelector('[data-action=train]', { timeout: 30_000 });
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });
    // Offline, the only errors allowed are failed network requests of things outside the app (none expected).
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
