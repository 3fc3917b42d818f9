// The training controls in the browser: stepping one batch at a time from a standing start (for lectures),
// the knobs (optimizer-dependent momentum, schedule fields), a learning rate changed while paused, the
// estimate line, and no page errors throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const openApp = (query: string) => openPage(browser, query, '[data-action=step]', { viewport: { width: 1400, height: 1400 } });

const chartPoints = (page: Page) =>
  page.locator('[data-testid=loss-chart] svg').getAttribute('data-points').then((v) => Number(v ?? 0));

const waitForPoints = (page: Page, n: number) =>
  page.waitForFunction((want) => Number(
    document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) === want, n,
  { timeout: 120_000 });

describe('training controls', () => {
  it('steps one batch at a time from a standing start, then resumes and stops', async () => {
    const { page, errors } = await openApp('/?trainLimit=512&testLimit=256&backend=wasm&epochs=20');
    expect(await page.locator('.estimate').getAttribute('data-memory')).toMatch(/^\d+$/);

    await page.click('[data-action=step]');
    await page.waitForSelector('[data-phase=paused]', { timeout: 120_000 });
    await waitForPoints(page, 1);
    for (const n of [2, 3, 4]) {
      await page.click('[data-action=step]');
      await waitForPoints(page, n);
      await page.waitForSelector('[data-phase=paused]');
    }
    await page.waitForTimeout(1000);
    expect(await chartPoints(page)).toBe(4); // exactly one batch per click, nothing in between

    // The learning rate stays editable while paused; the next batch reports the new rate.
    const rate = page.locator('[data-field=learningRate] input');
    expect(await rate.isEnabled()).toBe(true);
    await rate.fill('0.0005');
    await page.click('[data-action=step]');
    await waitForPoints(page, 5);
    await page.waitForFunction(() => document.querySelector('[data-field=learningRate] .field-help')?.textContent?.includes('Now: 0.0005'));

    await page.click('[data-action=resume]');
    await page.waitForFunction(() => Number(
      document.querySelector('[data-testid=loss-chart] svg')?.getAttribute('data-points') ?? 0) > 5, undefined, { timeout: 60_000 });
    await page.click('[data-action=stop]');
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });
    await page.screenshot({ path: process.env.TRAIN_SHOT ?? '/tmp/train-e2e.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('stops a diverging run by itself and says why, with the lower rate one click away', async () => {
    const { page, errors } = await openApp('/?trainLimit=512&testLimit=256&backend=wasm&epochs=40');
    await page.locator('[data-group=optimizer] select').selectOption('sgd');
    await page.locator('[data-field=learningRate] input').fill('10');
    await page.click('[data-action=train]');
    const notice = page.locator('.divergence-notice');
    await notice.waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-phase=error]').count()).toBe(1);
    // With the loss taken on logits, SGD at 1 may still not train this network: the rate finder tries the
    // tenths in turn and offers the largest one that trained on a few batches, which the notice says it tested.
    const text = await notice.innerText();
    const match = /loss blew up[\s\S]*learning rate \(10\) is probably too high[\s\S]*Try ([\d.e-]+)\./.exec(text);
    expect(match).not.toBeNull();
    const suggested = match?.[1] ?? '';
    expect(Number(suggested)).toBeLessThan(10);
    expect(Number(suggested)).toBeGreaterThan(0);
    expect(text).toContain(`found that ${suggested} trains`);
    await page.click('[data-action=apply-suggested-lr]');
    expect(await page.locator('[data-field=learningRate] input').inputValue()).toBe(suggested);
    await page.screenshot({ path: process.env.TRAIN_SHOT_DIVERGED ?? '/tmp/train-e2e-diverged.png' });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows momentum only for the momentum optimizers, and the schedule fields for each schedule', async () => {
    const { page, errors } = await openApp('/');
    const group = page.locator('[data-group=optimizer]');
    await group.locator('select').selectOption('adam');
    expect(await group.getByLabel('Momentum').count()).toBe(0);
    await group.locator('select').selectOption('nesterov');
    expect(await group.getByLabel('Momentum').inputValue()).toBe('0.9');
    const schedule = page.locator('[data-group=schedule]');
    await schedule.locator('select').selectOption('step');
    expect(await schedule.getByLabel('Every N epochs').inputValue()).toBe('1');
    await schedule.locator('select').selectOption('cosine');
    expect(await schedule.getByLabel('End at (share of the rate)').inputValue()).toBe('0');
    // The memory estimate follows the batch size (activations are kept per example for the backward pass).
    const memory = () => page.locator('.estimate').getAttribute('data-memory').then(Number);
    const at64 = await memory();
    await page.locator('[data-group=data]').getByLabel('Batch size').fill('256');
    await page.waitForFunction((m) => Number(document.querySelector('.estimate')?.getAttribute('data-memory')) > m, at64);
    expect(await memory()).toBeGreaterThan(3 * at64);
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
