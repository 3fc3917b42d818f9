// WebGPU where Chromium offers it: here only with --enable-unsafe-webgpu, as a SwiftShader (software)
// adapter. The automatic choice must skip that adapter (far too slow to pick); an explicit WebGPU choice
// must run, and its gradients for a conv-BN-ReLU net must match the cpu backend's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { baseUrl, CHROMIUM_ARGS, watchErrors } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
});

afterAll(async () => {
  await browser?.close();
});

interface GradCheck {
  readonly backend: string;
  readonly reason: string;
  readonly loss: number;
  readonly cpuLoss: number;
  readonly maxRelativeGradError: number;
}

async function gradCheck(backend: string): Promise<GradCheck> {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl()}bench/?suite=gradcheck&backend=${backend}`);
  await page.waitForFunction(() => 'benchResult' in globalThis, undefined, { timeout: 150_000, polling: 500 });
  const result = await page.evaluate(() => (globalThis as unknown as { benchResult: Record<string, unknown> }).benchResult);
  await page.close();
  expect(result.error, String(result.error)).toBeUndefined();
  // Console errors include the bench page's missing favicon; what matters is that nothing threw.
  expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  return result.gradCheck as GradCheck;
}

describe('WebGPU (software adapter)', () => {
  it('an explicit choice runs on webgpu, with gradients equal to cpu', async () => {
    const check = await gradCheck('webgpu');
    expect(check.backend, check.reason).toBe('webgpu');
    expect(Math.abs(check.loss - check.cpuLoss)).toBeLessThan(1e-4);
    expect(check.maxRelativeGradError).toBeLessThan(1e-3);
  });

  it('the automatic choice skips the software adapter and says so', async () => {
    const check = await gradCheck('auto');
    expect(check.backend).toBe('wasm');
    expect(check.reason).toMatch(/webgpu skipped: software adapter/);
    expect(check.maxRelativeGradError).toBeLessThan(1e-4);
  });
});
