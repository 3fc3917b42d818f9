// The built app under its Content-Security-Policy (vite.config.ts): no eval, no inline script, WebAssembly
// allowed to compile in the training worker only. A run trains on the wasm backend without one violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Worker } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Violations = { directive: string; blocked: string; where: string }[];

/** Every CSP violation the page reports (the listener goes in before any page script runs). */
function recordViolations() {
  const seen: Violations = [];
  (globalThis as unknown as { cspViolations: Violations }).cspViolations = seen;
  globalThis.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, where: 'page' });
  });
}
const violations = (page: Page) => page.evaluate(() => (globalThis as unknown as { cspViolations: Violations }).cspViolations);

describe('content security policy', () => {
  it('trains on the wasm backend under the policy with no violation; inline script is refused; the worker may compile wasm only', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(recordViolations);
    const workers: Worker[] = [];
    const workerHeaders = new Map<string, Record<string, string>>();
    context.on('page', (p) => p.on('worker', (w) => workers.push(w)));
    context.on('response', (r) => void (r.url().includes('/assets/worker-') && workerHeaders.set(r.url(), r.headers())));
    const { page, errors } = await openPage(browser, '/?trainLimit=1024&testLimit=256&backend=wasm&epochs=1', '[data-action=train]', { context });

    const meta = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-eval');
    expect(meta).not.toMatch(/script-src[^;]*unsafe-inline/);

    // The epoch table is a side panel of the workspace: open it, then train from the top bar.
    await openPanel(page, 'epochs');
    await page.click('[data-action=train]');
    await page.waitForSelector('.epoch-table .test-accuracy', { timeout: 120_000 });
    // wasm compiled and ran in the worker: no silent fall-back to the cpu backend.
    expect(await page.locator('.status-bar .backend').getAttribute('data-backend')).toBe('wasm');
    const worker = workers.find((w) => /\/assets\/worker-[^/]*\.js$/.test(w.url()));
    expect(worker, 'the training worker').toBeDefined();
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // The policy is not a formality. (eval cannot be tried from here: DevTools' own evaluation bypasses CSP.)
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.inlineRan = true';
      document.head.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'globalThis.handlerRan = true');
      document.body.append(button);
      button.click();
      button.remove();
    });
    const ran = await page.evaluate(() => {
      const g = globalThis as unknown as { inlineRan?: boolean; handlerRan?: boolean };
      return [g.inlineRan ?? false, g.handlerRan ?? false];
    });
    expect(ran).toEqual([false, false]);
    // Each is refused twice: by the meta tag and by the header, both in force on the page.
    expect((await violations(page)).map((v) => v.directive).sort())
      .toEqual(['script-src-attr', 'script-src-attr', 'script-src-elem', 'script-src-elem']);
    // The worker's policy comes with its script (a meta tag cannot reach it): wasm may compile, nothing may eval.
    const workerPolicy = workerHeaders.get(worker!.url())?.['content-security-policy'] ?? '';
    expect(workerPolicy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(workerPolicy).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*script|script-src[^;]*'unsafe-inline'/);
    await context.close();
  });
});
