// Issue 23, section 2: an update never breaks an open page. Two builds of the app (the built dist/ and a
// second one with every script's hash changed) are deployed in turn behind one address. A page opened on the
// first keeps training after the second is deployed and another tab has fetched its service worker; it says a
// new version is ready, keeps working over a reload, and moves to the new version only when the user asks;
// then it trains again, online and offline.
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchErrors } from './browser';

const V1 = process.env.E2E_DIST || 'dist';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.woff2': 'font/woff2',
};

let browser: Browser;
let server: Server;
let v2 = '';
let ownV2 = false;
/** The folder the server deploys now. */
let deployed = V1;
/** What the server could not find (an old version's file asked of the new deployment). */
const missing: string[] = [];
const served: string[] = [];

function serve(): Promise<string> {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const name = path.endsWith('/') ? `${path}index.html` : path;
    // The second build leaves out the public folder (datasets, icons): those come from the first.
    const file = join(existsSync(join(deployed, name)) || name.startsWith('/assets/') ? deployed : V1, name);
    if (!existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      res.writeHead(404).end('not found');
      return;
    }
    // The app's files are asked of the server every time (so an old version's file is really gone); the
    // icon, which the browser fetches past the service worker, may be kept a while, as hosts do.
    served.push(path);
    const cache = /^\/(favicon\.svg|icons\/)/.test(name) ? 'max-age=3600' : 'no-cache';
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** The second version: the same app with one more statement, so the page's and the worker's scripts get new hashes. */
async function buildSecond(): Promise<string> {
  if (process.env.E2E_UPDATE_V2) return process.env.E2E_UPDATE_V2;
  const outDir = mkdtempSync(join(tmpdir(), 'cnnp-v2-'));
  ownV2 = true;
  // A statement the minifier keeps, in the page's entry and in the training worker's.
  const second = { name: 'second-version', transform: (code: string, id: string) =>
    (/src\/(main\.tsx|train\/worker\.ts)$/.test(id) ? `${code}\nglobalThis.appVersion = 2;\n` : null) };
  await build({ logLevel: 'warn', plugins: [second], worker: { plugins: () => [second] },
    build: { outDir, emptyOutDir: true, copyPublicDir: false, rollupOptions: { input: { main: 'index.html' } } } });
  return outDir;
}

const workerScript = (dir: string) => /assets\/worker-[\w-]+\.js/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))?.[0];
const mainScript = (dir: string) => /assets\/main-[\w-]+\.js/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))?.[0];

beforeAll(async () => {
  v2 = await buildSecond();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (ownV2) rmSync(v2, { recursive: true, force: true });
});

async function trainToEnd(page: Page): Promise<void> {
  await page.click('[data-action=train]');
  await page.waitForSelector('[data-phase=done], [data-phase=error]', { timeout: 120_000 });
  const error = await page.$eval('[data-phase]', (el) => (el.getAttribute('data-phase') === 'error' ? document.body.innerText.slice(0, 600) : null));
  expect(error).toBeNull();
}

describe('an update deployed while a page is open', () => {
  it('leaves the open page working until the user reloads into the new version, online and offline', async () => {
    expect(mainScript(v2)).not.toBe(mainScript(V1));
    expect(workerScript(v2)).not.toBe(workerScript(V1));
    const url = `${await serve()}/?trainLimit=512&testLimit=128&epochs=1&backend=wasm`;
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.waitForSelector('[data-action=train]');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });

    // The new version goes live, and a second tab's visit fetches its service worker.
    deployed = v2;
    const other = await context.newPage();
    await other.goto(url);
    // The new service worker has fetched the new files and finished installing.
    await expect.poll(() => served.includes(`/${mainScript(v2)}`), { timeout: 60_000 }).toBe(true);
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.installing === null, null, { timeout: 60_000 });
    await trainToEnd(page);
    await page.waitForSelector('[data-update=ready]', { timeout: 30_000 });
    expect(await page.$eval('[data-update] span', (el) => el.textContent)).toBe('A new version of CNN Playground is ready.');

    // A reload keeps the version the page was built with (its files stay in the old service worker's cache).
    await page.reload();
    await page.waitForSelector('[data-action=train]');
    expect(await page.$eval('script[type=module]', (el) => el.getAttribute('src'))).toBe(`/${mainScript(V1)}`);
    await trainToEnd(page);

    // While a run goes on the reload waits; afterwards the user reloads into the new version.
    await page.click('[data-action=train]');
    expect(await page.isDisabled('[data-action=update-reload]')).toBe(true);
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('[data-action=update-reload]')]);
    await page.waitForSelector('[data-action=train]');
    expect(await page.$eval('script[type=module]', (el) => el.getAttribute('src'))).toBe(`/${mainScript(v2)}`);
    await trainToEnd(page);
    // The other tab was not reloaded under its user; it says a new version is in charge.
    await other.waitForSelector('[data-update=active]', { timeout: 30_000 });

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-action=train]', { timeout: 30_000 });
    expect(await page.$eval('script[type=module]', (el) => el.getAttribute('src'))).toBe(`/${mainScript(v2)}`);
    await trainToEnd(page);
    expect({ errors, missing }).toEqual({ errors: [], missing: [] });
    await context.close();
  }, 420_000);
});
