// Datasets end to end: pick CIFAR-10 (the network is re-checked at 32x32x3), train briefly with a validation
// split; and bring your own images: a zip made here, with one broken file, becomes a dataset that trains.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const openApp = (query: string) => openPage(browser, query, '[data-testid=dataset-select]', { viewport: { width: 1400, height: 1200 } });

/** A 12x10 PNG of one flat colour. */
function png(rgb: [number, number, number]): Uint8Array {
  const image = new PNG({ width: 12, height: 10 });
  for (let i = 0; i < 120; i++) image.data.set([...rgb, 255], i * 4);
  return new Uint8Array(PNG.sync.write(image));
}

/** Two classes told apart by colour (red / blue), train/ and test/ folders, one file that is not an image. */
function tinyZip(): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 12; i++) {
    files[`shapes/train/red/${i}.png`] = png([200 + (i % 5) * 10, 20, 30]);
    files[`shapes/train/blue/${i}.png`] = png([20, 30, 200 + (i % 5) * 10]);
  }
  for (let i = 0; i < 4; i++) {
    files[`shapes/test/red/${i}.png`] = png([210, 25, 35]);
    files[`shapes/test/blue/${i}.png`] = png([25, 35, 210]);
  }
  files['shapes/train/blue/broken.png'] = new TextEncoder().encode('this is not a PNG');
  // A class whose only image cannot be read: it must not become an output with no examples.
  files['shapes/train/ghost/1.png'] = new TextEncoder().encode('not a PNG either');
  files['shapes/notes.txt'] = new TextEncoder().encode('hello');
  files['../evil.png'] = png([1, 2, 3]);
  return Buffer.from(zipSync(files));
}

describe('datasets', () => {
  it('picks CIFAR-10, re-checks the network at 32x32x3 and trains with a validation split', async () => {
    const { page, errors } = await openApp('/?trainLimit=500&testLimit=200&epochs=1');
    await page.selectOption('[data-testid=dataset-select]', 'cifar10');
    expect(await page.locator('.dataset-summary').innerText()).toContain('32 × 32 × 3');
    expect(await page.locator('.dataset-classes').innerText()).toContain('airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck');
    await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id=input] [data-testid=shape]')?.textContent?.includes('32 × 32 × 3'));
    expect(await page.locator('[data-action=train]').isEnabled()).toBe(true);

    await page.click('[data-action=train]');
    await openPanel(page, 'epochs');
    await page.waitForSelector('.epoch-table .test-accuracy', { timeout: 150_000 });
    // 10% of the 500-image slice is held out: 450 train on, 50 are checked every epoch.
    expect(await page.locator('.status-bar .examples').innerText()).toContain('450 training / 200 test');
    const validation = Number(await page.locator('.epoch-table .validation-accuracy').first().getAttribute('data-value'));
    expect(validation).toBeGreaterThanOrEqual(0);
    expect(validation).toBeLessThanOrEqual(1);
    const test = Number(await page.locator('.epoch-table .test-accuracy').first().getAttribute('data-value'));
    expect(test).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('starts training CIFAR-10 on the first shards while the rest is still arriving', async () => {
    const { page, errors } = await openApp('/?testLimit=300&epochs=3');
    await page.selectOption('[data-testid=dataset-select]', 'cifar10');
    // Every training-set size the status bar shows, recorded as it changes (it may grow quickly).
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { seenExamples: number[] }).seenExamples = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.status-bar .examples')?.textContent;
        const n = text ? Number(text.split(' ')[0]!.replace(/,/g, '')) : NaN;
        if (Number.isFinite(n) && seen.at(-1) !== n) seen.push(n);
      }).observe(document.querySelector('.status-bar')!, { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=training]', { timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { seenExamples: number[] }).seenExamples);
    // Shards come two at a time: the run starts with at most two of the ten training shards (10,000) in.
    expect(seen[0]).toBeGreaterThan(3000);
    expect(seen[0]).toBeLessThan(10_000);
    await page.click('[data-action=stop]');
    await page.waitForSelector('[data-phase=stopped]', { timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('makes a dataset from a zip of class folders, lists unreadable and skipped files, drops an empty class, and trains', async () => {
    const { page, errors } = await openApp('/?epochs=1');
    await page.click('.byo summary');
    await page.selectOption('#byo-size', '16');
    await page.setInputFiles('[data-testid=byo-zip]', { name: 'shapes.zip', mimeType: 'application/zip', buffer: tinyZip() });
    await page.waitForSelector('[data-testid=byo-plan]');
    expect(await page.locator('[data-testid=byo-plan]').innerText()).toContain('34 images in 3 classes (26 training, 8 test)');
    expect(await page.locator('.byo-memory').innerText()).toMatch(/Needs about [\d.,]+ [KMG]iB of memory/);
    await page.click('[data-action=byo-build]');
    await page.waitForSelector('[data-testid=byo-result]', { timeout: 30_000 });

    const result = page.locator('[data-testid=byo-result]');
    expect(await result.getAttribute('data-train')).toBe('24');
    expect(await result.getAttribute('data-test')).toBe('8');
    expect(await page.locator('.byo-classes tr[data-class=blue] td').innerText()).toBe('12');
    expect(await page.locator('.byo-classes tr[data-class=red] td').innerText()).toBe('12');
    expect(await page.locator('[data-testid=byo-unreadable]').innerText()).toContain('shapes/train/blue/broken.png');
    expect(await page.locator('.byo-classes tr').count()).toBe(2);
    expect(await page.locator('[data-testid=byo-empty-classes]').innerText()).toContain('Class ghost was left out');
    expect(await page.locator('[data-testid=byo-skipped] li[data-reason=unsafePath]').innerText())
      .toBe('../evil.png: its path leads outside the folder');
    expect(await page.locator('[data-testid=byo-skipped] li[data-reason=notImage]').innerText()).toContain('shapes/notes.txt');
    expect(await page.locator('[data-testid=dataset-select]').inputValue()).toBe('custom');
    await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id=input] [data-testid=shape]')?.textContent?.includes('16 × 16 × 3'));

    await page.click('[data-action=train]');
    await openPanel(page, 'epochs');
    await page.waitForSelector('.epoch-table .test-accuracy', { timeout: 120_000 });
    expect(await page.locator('.status-bar .examples').innerText()).toContain('22 training / 8 test');

    // The images live only in this page: a reload says they are gone instead of showing MNIST silently.
    await page.waitForFunction(() => location.hash.includes('data=custom'));
    await page.reload();
    await page.waitForSelector('.link-notice li[data-code=customData]');
    expect(await page.locator('.link-notice').innerText()).toContain('own images, which a link cannot carry and a reload does not keep');
    // The link keeps the open side panel (epochs): the dataset picker lives in the data panel.
    await openPanel(page, 'data');
    expect(await page.locator('[data-testid=dataset-select]').inputValue()).toBe('mnist');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('makes a greyscale dataset from a chosen folder of class folders only, holding out test images itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cnnp-byo-'));
    try {
      for (const [cls, rgb] of [['cat', [250, 10, 10]], ['dog', [10, 10, 250]], ['owl', [10, 250, 10]]] as const) {
        mkdirSync(join(dir, 'pets', cls), { recursive: true });
        for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'pets', cls, `${i}.png`), png([...rgb]));
      }
      const { page, errors } = await openApp('/');
      await page.click('.byo summary');
      await page.selectOption('#byo-colour', '1');
      await page.setInputFiles('[data-testid=byo-folder]', join(dir, 'pets'));
      await page.waitForSelector('[data-testid=byo-plan]');
      expect(await page.locator('[data-testid=byo-plan]').innerText()).toContain('15 images in 3 classes (12 training, 3 test)');
      await page.click('[data-action=byo-build]');
      await page.waitForSelector('[data-testid=byo-result]');
      expect(await page.locator('.byo-classes tr').count()).toBe(3);
      expect(await page.locator('[data-testid=byo-unreadable]').count()).toBe(0);
      await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id=input] [data-testid=shape]')?.textContent?.includes('32 × 32 × 1'));
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains a drop with a single class instead of failing', async () => {
    const { page, errors } = await openApp('/');
    await page.click('.byo summary');
    const zip = Buffer.from(zipSync({ 'cats/1.png': png([1, 2, 3]), 'cats/2.png': png([4, 5, 6]) }));
    await page.setInputFiles('[data-testid=byo-zip]', { name: 'cats.zip', mimeType: 'application/zip', buffer: zip });
    await page.waitForSelector('.byo-error');
    expect(await page.locator('.byo-error').innerText()).toContain('at least two classes; found 1');
    await page.setInputFiles('[data-testid=byo-zip]', { name: 'bad.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await page.waitForFunction(() => document.querySelector('.byo-error')?.textContent?.includes('“bad.zip” is not a zip file'));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
