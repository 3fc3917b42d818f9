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

// What a student's Chrome does on a machine with no GPU: it composites the page in software (the display
// compositor's software path; SwiftShader is only for testing, when asked for with --use-angle=swiftshader:
// chromium commit b572cb9, "AllowSwiftShaderFallback"). The flag above that gives WebGL on SwiftShader also
// sends the page's compositing through SwiftShader, which here costs the GPU process about half of the two
// cores while the views draw (measured: 0.51 core; 0.02 with this flag). WebGL stays on SwiftShader, in the
// page and in workers. The benchmark composites in software unless told otherwise (bench/run.mjs).
export const SOFTWARE_COMPOSITING_ARGS = Object.freeze(['--disable-gpu-compositing']);

/** @param {readonly string[]} [extraArgs] @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
