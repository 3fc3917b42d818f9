// The shareable link in the browser: the address follows every change, "Copy link" copies an address that
// reopens the same network and training settings, and a damaged link opens the default with a message,
// never an error.
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encodeSpec } from '../../src/model/link';
import type { ModelSpec } from '../../src/model/spec';
import { baseUrl, launchBrowser, watchErrors } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl()).origin });
  return context;
}

async function open(context: BrowserContext, address: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(address);
  await page.waitForSelector('.react-flow__node');
  // The summary (block table) and the training settings are side panels: mount the one, then show the other.
  await openPanel(page, 'summary');
  await page.waitForSelector('.block-table tbody tr');
  await openPanel(page, 'data');
  return { page, errors };
}

const kinds = (page: Page) =>
  page.locator('.block-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
const totalParams = (page: Page) => page.locator('.total-params').getAttribute('data-trainable');
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe('shareable link', () => {
  it('copies a link that reopens the same network and hyper-parameters', async () => {
    const context = await newContext();
    const { page, errors } = await open(context, `${baseUrl()}/`);
    await page.locator('[data-testid=top-preset]').selectOption('tinyCnn');
    await field(page, 'Learning rate').fill('0.0125');
    await field(page, 'Batch size').fill('32');
    await field(page, 'Seed').fill('42');
    await page.selectOption('select[name=optimizer]', 'nesterov');
    await page.selectOption('select[name=schedule]', 'cosine');
    const expectedKinds = await kinds(page);
    const expectedParams = await totalParams(page);
    expect(expectedParams).not.toBe('61706'); // really changed from the default

    // The address bar follows the changes (debounced).
    await page.waitForFunction(() => location.hash.includes('lr=0.0125') && location.hash.includes('sched=kind:cosine'));

    await page.click('[data-action=copy-link]');
    await page.waitForSelector('.link-bar .copy-status[data-status=copied]');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/#v=1&/);

    const again = await open(context, copied);
    expect(await kinds(again.page)).toEqual(expectedKinds);
    expect(await totalParams(again.page)).toBe(expectedParams);
    expect(await again.page.locator('[data-testid=top-preset]').inputValue()).toBe('tinyCnn');
    expect(await field(again.page, 'Learning rate').inputValue()).toBe('0.0125');
    expect(await field(again.page, 'Batch size').inputValue()).toBe('32');
    expect(await field(again.page, 'Seed').inputValue()).toBe('42');
    expect(await again.page.locator('select[name=optimizer]').inputValue()).toBe('nesterov');
    expect(await again.page.locator('select[name=schedule]').inputValue()).toBe('cosine');
    expect(await again.page.locator('.link-notice').count()).toBe(0);
    expect([...errors, ...again.errors]).toEqual([]);
    await context.close();
  });

  it('opens the default network with a message for a tampered link, without page errors', async () => {
    const context = await newContext();
    const { page, errors } = await open(context, `${baseUrl()}/#v=1&lr=0.01&m=eJyrVkrLz$$$`);
    expect(await page.locator('.link-notice li').getAttribute('data-code')).toBe('badEncoding');
    expect(await page.locator('.link-notice').innerText()).toContain('default network');
    expect(await totalParams(page)).toBe('61706'); // LeNet-5, the default
    expect(await field(page, 'Learning rate').inputValue()).toBe('0.01'); // the readable part was fine
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(true);
    await page.click('[data-action=dismiss-link-notice]');
    expect(await page.locator('.link-notice').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('names an unknown block kind and a link from another version', async () => {
    const context = await newContext();
    const { page, errors } = await open(context, `${baseUrl()}/#v=7`);
    expect(await page.locator('.link-notice li').getAttribute('data-code')).toBe('unknownVersion');
    expect(await totalParams(page)).toBe('61706');
    await page.goto('about:blank');
    const { page: second, errors: secondErrors } = await open(context, `${baseUrl()}/#v=1&data=mnist&m=${UNKNOWN_KIND}`);
    expect(await second.locator('.link-notice').innerText()).toContain('“lstm”');
    expect(await totalParams(second)).toBe('61706');
    expect([...errors, ...secondErrors]).toEqual([]);
    await context.close();
  });

  it('shows trainable and non-trainable parameters of a shared network with batch norm', async () => {
    const context = await newContext();
    const spec: ModelSpec = { blocks: [
      { id: 'in', kind: 'input', inputs: [] },
      { id: 'c', kind: 'conv2d', inputs: ['in'], filters: 8, kernel: 3, stride: 1, padding: 'same', useBias: false },
      { id: 'bn', kind: 'batchnorm', inputs: ['c'] },
      { id: 'gap', kind: 'globalavgpool', inputs: ['bn'] },
      { id: 'out', kind: 'softmax', inputs: ['gap'] },
    ] };
    const { page, errors } = await open(context, `${baseUrl()}/#v=1&m=${encodeSpec(spec)}`);
    expect(await kinds(page)).toEqual(['input', 'conv2d', 'batchnorm', 'globalavgpool', 'softmax']);
    const bn = page.locator('.block-table tr[data-kind=batchnorm] .params');
    expect(await bn.getAttribute('data-trainable')).toBe('16'); // gamma and beta for 8 channels
    expect(await bn.getAttribute('data-non-trainable')).toBe('16'); // moving mean and variance
    expect(await bn.locator('.split').innerText()).toBe('16 trainable · 16 non-trainable');
    const total = page.locator('.total-params');
    expect(await total.getAttribute('data-trainable')).toBe(String(3 * 3 * 8 + 16 + 8 * 10 + 10));
    expect(await total.getAttribute('data-non-trainable')).toBe('16');
    expect(await page.locator('.link-notice').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the dataset a link names, and checks the network against its input shape', async () => {
    const context = await newContext();
    const { page, errors } = await open(context, `${baseUrl()}/#v=1&data=cifar10`);
    expect(await page.locator('.block-table tbody tr[data-kind=input] .shape').innerText()).toBe('32 × 32 × 3');
    await page.waitForFunction(() => location.hash.includes('data=cifar10')); // and keeps it in the address
    expect(await page.locator('.link-notice').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a well-formed but broken network as it is, with its issues instead of a link message', async () => {
    const context = await newContext();
    const spec: ModelSpec = { blocks: [
      { id: 'in', kind: 'input', inputs: [] },
      { id: 'big', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 40, stride: 1, padding: 'valid' },
      { id: 'out', kind: 'softmax', inputs: ['big'] },
    ] };
    const { page, errors } = await open(context, `${baseUrl()}/#v=1&m=${encodeSpec(spec)}`);
    expect(await page.locator('.link-notice').count()).toBe(0);
    expect(await kinds(page)).toEqual(['input', 'conv2d', 'softmax']);
    expect(await page.locator('.block-table tr[data-block=big] .issue.error').count()).toBe(1);
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies the Keras-style summary and shows compute costs on demand', async () => {
    const context = await newContext();
    const { page, errors } = await open(context, `${baseUrl()}/`);
    await openPanel(page, 'summary');
    expect(await page.locator('.block-table .flops').count()).toBe(0); // costs only on demand
    await page.click('[data-action=copy-summary]');
    await page.waitForSelector('.summary-tools .copy-status[data-status=copied]');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('Layer (type)');
    expect(text).toMatch(/conv1 \(Conv2D\)\s+\(None, 28, 28, 6\)\s+156/);
    expect(text).toContain('Total params: 61,706');

    await page.check('[data-action=show-costs]');
    const conv1 = page.locator('.block-table tbody tr[data-kind=conv2d]').first();
    expect(await conv1.locator('.flops').getAttribute('data-value')).toBe(String(28 * 28 * 6 * 5 * 5));
    expect(await conv1.locator('.memory').getAttribute('data-value')).toBe(String(28 * 28 * 6 * 4));
    expect(await conv1.locator('.memory').innerText()).toBe('18.4 KiB');
    expect(await conv1.locator('.receptive-field').innerText()).toBe('5 × 5');
    const conv2 = page.locator('.block-table tbody tr[data-kind=conv2d]').nth(1);
    expect(await conv2.locator('.receptive-field').innerText()).toBe('14 × 14'); // 5 + (5-1)*2 after the 2x2 pool
    expect(Number(await page.locator('.total-flops').getAttribute('data-value'))).toBeGreaterThan(28 * 28 * 6 * 25);
    // The skeleton's hooks still read the same with the extra columns.
    expect(await conv1.locator('.params').innerText()).toBe('156');
    expect(await conv1.locator('.arith').innerText()).toContain('floor((28 - 5 + 2*2) / 1) + 1 = 28');

    await page.click('[data-action=copy-summary]');
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('Mult-Adds'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the link to copy by hand when the clipboard refuses', async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new Error('denied')) });
    });
    const { page, errors } = await open(context, `${baseUrl()}/`);
    await page.click('[data-action=copy-link]');
    const fallback = page.locator('.link-bar .copy-fallback textarea');
    await fallback.waitFor();
    expect(await fallback.inputValue()).toMatch(/#v=1&.*&m=[A-Za-z0-9_-]+$/);
    expect(await page.locator('.link-bar .copy-status').getAttribute('data-status')).toBe('failed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a link pasted into the same tab and keeps the launch options', async () => {
    const context = await newContext();
    const { page, errors } = await open(context, `${baseUrl()}/?epochs=7`);
    expect(await field(page, 'Epochs').inputValue()).toBe('7'); // ?epochs still works
    await page.waitForFunction(() => location.hash.startsWith('#v=1&'));
    const lenetHash = await page.evaluate(() => location.hash);
    await page.locator('[data-testid=top-preset]').selectOption('mlp');
    await page.waitForFunction((h) => location.hash !== h, lenetHash);
    expect(page.url()).toContain('?epochs=7#'); // the query is kept
    // A fragment-only change does not reload the page: the app must notice it by itself.
    await page.evaluate((h) => { location.hash = h; }, lenetHash);
    await page.waitForFunction(() => document.querySelector('.total-params')?.getAttribute('data-trainable') === '61706');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** A well-formed payload naming a block kind the app does not have, made as an attacker would. */
const UNKNOWN_KIND = Buffer.from(deflateSync(Buffer.from(JSON.stringify({
  blocks: [{ id: 'in', kind: 'input', inputs: [] }, { id: 'x', kind: 'lstm', inputs: ['in'] }],
})))).toString('base64url');
