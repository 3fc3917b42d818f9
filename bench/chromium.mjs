// The one way this project launches Chromium, shared by the browser tests (tests/e2e/browser.ts) and the
// benchmark (bench/run.mjs): Debian's headless Chromium with the flags these machines need (see
// ../shared/BROWSER.md): no network chatter, and WebGL2 through SwiftShader since there is no GPU.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]);

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}
