// Launches Debian's headless Chromium with the flags these machines need (see ../shared/BROWSER.md):
// no network chatter, and WebGL2 through SwiftShader since there is no GPU.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
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

/** Opens the app in a fresh English context and waits for `ready`; errors collects page and console errors. */
export async function openPage(browser: Browser, query: string, ready: string,
  viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-US', viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl()}${query}`);
  await page.waitForSelector(ready);
  return { page, errors };
}
