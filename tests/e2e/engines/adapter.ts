// One small adapter over three browser engines, so one smoke test drives them all: Debian's Chromium through
// playwright-core, Firefox ESR through puppeteer-core over WebDriver BiDi, and WebKitGTK (Safari's engine)
// through WebdriverIO and WebKitWebDriver under a virtual X display. The page is driven by scripts run in it
// (the same source in every engine) and by real pointer input for drawing; see BROWSER.md for the recipes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { launchChromium } from '../../../bench/chromium.mjs';

export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export const WINDOW = { width: 1280, height: 800 } as const;

/** What each engine needs on this machine, and the Debian packages that give it. */
export const NEEDS: Record<EngineName, { readonly paths: readonly string[]; readonly packages: string }> = {
  chromium: { paths: [process.env.CHROMIUM_PATH || '/usr/bin/chromium'], packages: 'chromium fonts-noto-cjk' },
  firefox: { paths: ['/usr/bin/firefox-esr'], packages: 'firefox-esr' },
  webkit: { paths: ['/usr/bin/WebKitWebDriver', '/usr/bin/xvfb-run', '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'], packages: 'webkit2gtk-driver xvfb' },
};

/** Why an engine cannot start here (a missing program, with what to install), or null. */
export function missing(engine: EngineName): string | null {
  const absent = NEEDS[engine].paths.filter((p) => !existsSync(p));
  return absent.length === 0 ? null
    : `${engine}: ${absent.join(', ')} missing; install with: apt-get install -y ${NEEDS[engine].packages} (npm test does this as root)`;
}

export interface EngineSession {
  readonly engine: EngineName;
  open(url: string): Promise<void>;
  /** Runs `fn` (a function's source, taking one JSON argument) in the page and returns its JSON result. */
  run<T>(fn: string, arg?: unknown): Promise<T>;
  /** A real pointer stroke through `points` (viewport pixels). */
  stroke(points: readonly (readonly [number, number])[]): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Errors the engine reported from the page (uncaught errors, unhandled rejections). */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

const call = (fn: string, arg: unknown) => `(${fn})(${JSON.stringify(arg ?? null)})`;

/**
 * Uncaught errors as the page sees them, for the engine whose driver reports none (WebDriver classic):
 * installed after each load, so an error during the very first script run is caught by the app's own
 * error screen (checked by the test) rather than here.
 */
const COLLECT = `() => { if (window.__engineErrors) return; window.__engineErrors = [];
  addEventListener('error', (e) => window.__engineErrors.push('error: ' + e.message));
  addEventListener('unhandledrejection', (e) => window.__engineErrors.push('rejection: ' + String(e.reason))); }`;

/** The mouse of playwright-core and of puppeteer-core: the same calls. */
interface Mouse {
  move(x: number, y: number, opts?: { steps?: number }): Promise<void>;
  down(): Promise<void>;
  up(): Promise<void>;
}

async function mouseStroke(mouse: Mouse, points: readonly (readonly [number, number])[]): Promise<void> {
  const [first, ...rest] = points;
  if (!first) return;
  await mouse.move(first[0], first[1]);
  await mouse.down();
  for (const [x, y] of rest) await mouse.move(x, y, { steps: 6 });
  await mouse.up();
}

async function chromium(): Promise<EngineSession> {
  const browser = await launchChromium();
  const page = await (await browser.newContext({ locale: 'en-US', viewport: WINDOW })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    engine: 'chromium',
    open: async (url) => { await page.goto(url); },
    run: (fn, arg) => page.evaluate(call(fn, arg)),
    stroke: (points) => mouseStroke(page.mouse, points),
    screenshot: async (path) => { await page.screenshot({ path }); },
    errors: async () => errors,
    close: () => browser.close(),
  };
}

async function firefox(): Promise<EngineSession> {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, defaultViewport: WINDOW,
    extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'intl.locale.requested': 'en-US' },
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
  return {
    engine: 'firefox',
    open: async (url) => { await page.goto(url); },
    run: (fn, arg) => page.evaluate(call(fn, arg)) as Promise<never>,
    stroke: (points) => mouseStroke(page.mouse, points),
    screenshot: async (path) => { await page.screenshot({ path: path as `${string}.png` }); },
    errors: async () => errors,
    close: () => browser.close(),
  };
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
  });
});

/** Starts WebKitWebDriver on a virtual display; resolves once it answers. */
async function startDriver(port: number): Promise<ChildProcess> {
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
    detached: true, stdio: 'ignore', env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en' },
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return driver;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopDriver(driver);
  throw new Error('WebKitWebDriver did not start within 10 s');
}

/** Ends the driver's whole process group (xvfb-run, Xvfb, the driver, MiniBrowser). */
function stopDriver(driver: ChildProcess): void {
  if (driver.pid !== undefined) {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch { /* already gone */ }
  }
}

async function webkit(): Promise<EngineSession> {
  const { remote } = await import('webdriverio');
  const port = await freePort();
  const driver = await startDriver(port);
  const browser = await remote({
    hostname: '127.0.0.1', port, logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
      // WebdriverIO 9 asks for BiDi, which WebKitWebDriver refuses.
      'wdio:enforceWebDriverClassic': true,
    } as WebdriverIO.Capabilities,
  }).catch((err: unknown) => {
    stopDriver(driver);
    throw err;
  });
  await browser.setWindowSize(WINDOW.width, WINDOW.height).catch(() => undefined); // some builds have a fixed window
  const run = <T>(fn: string, arg?: unknown) => browser.execute(`return ${call(fn, arg)}`) as Promise<T>;
  return {
    engine: 'webkit',
    open: async (url) => {
      await browser.url(url);
      await run(COLLECT);
    },
    run,
    stroke: async (points) => {
      const [first, ...rest] = points;
      let chain = browser.action('pointer', { parameters: { pointerType: 'mouse' } })
        .move({ x: Math.round(first![0]), y: Math.round(first![1]), origin: 'viewport' }).down();
      for (const [x, y] of rest) chain = chain.move({ x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 60 });
      await chain.up().perform();
    },
    screenshot: async (path) => { await browser.saveScreenshot(path); },
    errors: async () => (await run<string[] | null>('() => window.__engineErrors ?? null')) ?? [],
    close: async () => {
      await browser.deleteSession().catch(() => undefined);
      stopDriver(driver);
    },
  };
}

export function openEngine(engine: EngineName): Promise<EngineSession> {
  const why = missing(engine);
  if (why) return Promise.reject(new Error(why));
  return { chromium, firefox, webkit }[engine]();
}
