// Results outlive what made them no longer (issue 23, section 5): after a run, a changed network blanks the
// block thumbnails (no old input image or maps in a network that did not make them), the counter keeps the
// run's own number of epochs when the field changes, and the preset menu stops naming a preset that is no
// longer on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const thumbStep = (page: Page, id: string) => page.locator(`[data-thumb="${id}"] canvas`).getAttribute('data-step');

describe('results of an earlier run or network', () => {
  it('blanks the thumbnails after a network change, keeps the run\'s epochs in the counter, and says the preset was edited', async () => {
    const { page, errors } = await openPage(browser, '/?trainLimit=512&testLimit=128&epochs=2', '[data-action=train]');
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 150_000 });
    await page.waitForFunction(() => ['input', 'conv1'].every((id) => Number(document.querySelector(`[data-thumb="${id}"] canvas`)
      ?.getAttribute('data-step') ?? 0) > 0), null, { timeout: 60_000 });
    expect(await page.locator('.run-counter').innerText()).toMatch(/^Epoch 2 \/ 2/);

    // The epochs field changes after the run: the counter still describes the run.
    await openPanel(page, 'data');
    await page.getByLabel('Epochs', { exact: true }).fill('1');
    await page.getByLabel('Epochs', { exact: true }).blur();
    await page.waitForFunction(() => /[&#]ep=1(&|$)/.test(location.hash));
    expect(await page.locator('.run-counter').innerText()).toMatch(/^Epoch 2 \/ 2/);

    // The network changes: the thumbnails no longer show the old run's pictures, and the menu says "edited".
    expect(await page.locator('[data-testid=top-preset]').inputValue()).toBe('lenet5');
    await page.locator('.react-flow__node[data-id=conv1]').click();
    await page.click('[data-palette=dropout]');
    await page.waitForFunction(() => document.querySelector('[data-thumb="input"] canvas')?.getAttribute('data-step') === '0', null, { timeout: 10_000 });
    expect(await thumbStep(page, 'conv1')).toBe('0');
    expect(await page.locator('[data-thumb="input"] canvas').evaluate((c) => (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height)).toBe(1);
    expect(await page.locator('[data-testid=top-preset]').inputValue()).toBe('');
    expect(await page.locator('[data-testid=top-preset] option:checked').innerText()).toBe('(edited network)');

    // Undo: the trained network is on screen again, and so are its pictures.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => Number(document.querySelector('[data-thumb="input"] canvas')?.getAttribute('data-step') ?? 0) > 0, null, { timeout: 10_000 });
    expect(await page.locator('[data-testid=top-preset]').inputValue()).toBe('lenet5');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('holds Train back while the validation share shows 100% (the field refuses it), and lets it go once fixed', async () => {
    const { page, errors } = await openPage(browser, '/', '[data-action=train]');
    await openPanel(page, 'data');
    const field = page.getByLabel('Validation (% of training images)', { exact: true });
    await field.fill('100');
    await field.blur();
    await page.waitForSelector('[data-action=train]:disabled', { timeout: 5_000 });
    await field.fill('20');
    await field.blur();
    await page.waitForSelector('[data-action=train]:enabled', { timeout: 5_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
