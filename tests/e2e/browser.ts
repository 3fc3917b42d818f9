// Browser-test helpers: one launch (the flags live in bench/chromium.mjs, shared with the benchmark), one way
// to open the app (openPage), and error collection.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../bench/chromium.mjs';

export { CHROMIUM_ARGS } from '../../bench/chromium.mjs';

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run browser tests through vitest.e2e.config.ts');
  return url;
}

export interface OpenOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** 'en-US' unless told: the tests read English text. */
  readonly locale?: string;
  readonly acceptDownloads?: boolean;
  /** Opens the page in this context (to share its clipboard or storage) instead of a fresh one. */
  readonly context?: BrowserContext;
}

/**
 * The one way browser tests open the app: a fresh context (English, 1400x1000 unless told), the address
 * (a query such as '/?epochs=1' on the test server, or a whole URL), then waits for `ready`.
 * `errors` collects page and console errors, so a test can assert there were none.
 */
export async function openPage(browser: Browser, query: string, ready: string,
  opts: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const context = opts.context ?? await browser.newContext({
    locale: opts.locale ?? 'en-US', viewport: opts.viewport ?? { width: 1400, height: 1000 }, acceptDownloads: opts.acceptDownloads,
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(/^https?:/.test(query) ? query : `${baseUrl()}${query}`);
  await page.waitForSelector(ready);
  return { page, errors };
}
