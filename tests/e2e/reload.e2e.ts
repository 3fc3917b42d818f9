// Work is never lost on reload, bookmark or a second tab (issue 23, section 1): an edit followed by a reload
// after 50 ms, 500 ms and 2 s comes back in the same project; the bare address (a bookmark, the installed
// icon) opened three times reopens that project with the edit, and the browser's list never grows; two tabs
// on one project follow each other's edits, and a new tab shows both. A project on the student's own images
// says, while it is saved, that the images are not kept with it.
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, watchErrors } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** What IndexedDB holds: every saved project's id and its network's block ids, and the open project's id. */
const stored = (page: Page) => page.evaluate(() => new Promise<{ projects: { id: string; blocks: string[] }[]; current: string | null }>((resolve, reject) => {
  const open = indexedDB.open('cnn-playground');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['projects', 'state'], 'readonly');
    const all = tx.objectStore('projects').getAll();
    const current = tx.objectStore('state').get('current');
    tx.oncomplete = () => {
      db.close();
      resolve({
        projects: (all.result as { id: string; experiment: { spec: { blocks: { id: string }[] } } }[])
          .map((p) => ({ id: p.id, blocks: p.experiment.spec.blocks.map((b) => b.id) })),
        current: (current.result as string | undefined) ?? null,
      });
    };
  };
}));

const nodeIds = (page: Page) => page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort());

/** Until the page shows exactly these blocks (a reopened project replaces the first render's default). */
async function showsBlocks(page: Page, ids: readonly string[]): Promise<void> {
  try {
    await page.waitForFunction((want) =>
      [...document.querySelectorAll('.react-flow__node')].map((e) => e.getAttribute('data-id') ?? '').sort().join() === want.join(),
    [...ids].sort(), { timeout: 30_000 });
  } catch {
    expect(await nodeIds(page)).toEqual([...ids].sort());
  }
}

/** The session is ready once the status names the save state. */
const ready = (page: Page) => page.waitForFunction(() => (document.querySelector('.projects-status')?.textContent ?? '') !== '', null, { timeout: 30_000 });

async function addBlock(page: Page, kind: string): Promise<string[]> {
  const before = (await nodeIds(page)).length;
  await page.click(`[data-palette=${kind}]`);
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n + 1, before);
  return nodeIds(page);
}

describe('reload, bookmark and a second tab', () => {
  it('reopens the same project with the edit after a reload at 50 ms, 500 ms and 2 s, and from the bare address', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    const first = await stored(page);
    expect(first.projects).toHaveLength(1);
    const id = first.projects[0]!.id;

    let blocks: string[] = [];
    for (const [wait, kind] of [[50, 'dropout'], [500, 'batchnorm'], [2000, 'activation']] as const) {
      await page.locator('.react-flow__node[data-id=conv1]').click();
      blocks = await addBlock(page, kind);
      await page.waitForTimeout(wait);
      await page.reload();
      await ready(page);
      await showsBlocks(page, blocks);
      const now = await stored(page);
      expect(now.current, `reload after ${wait} ms`).toBe(id);
      expect(now.projects.map((p) => p.id), `reload after ${wait} ms`).toEqual([id]);
    }

    for (let i = 0; i < 3; i++) {
      await page.goto('about:blank');
      await page.goto(`${baseUrl()}/`);
      await ready(page);
      await showsBlocks(page, blocks);
      await page.waitForFunction(() => location.hash.includes('m='));
      const now = await stored(page);
      expect(now.projects.map((p) => p.id), `bare address, visit ${i + 1}`).toEqual([id]);
      expect(now.projects[0]!.blocks.sort(), `bare address, visit ${i + 1}`).toEqual([...blocks].sort());
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('keeps two tabs on one project in step, and a new tab shows both edits', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    const a = await context.newPage();
    const errors = watchErrors(a);
    await a.goto(`${baseUrl()}/`);
    await ready(a);
    const b = await context.newPage();
    errors.push(...watchErrors(b));
    await b.goto(a.url());
    await ready(b);

    await a.locator('.react-flow__node[data-id=conv1]').click();
    const afterA = await addBlock(a, 'dropout');
    await showsBlocks(b, afterA);
    await b.locator('.react-flow__node[data-id=conv2]').click();
    const afterB = await addBlock(b, 'batchnorm');
    await showsBlocks(a, afterB);

    const c = await context.newPage();
    await c.goto(`${baseUrl()}/`);
    await ready(c);
    await showsBlocks(c, afterB);
    expect((await stored(c)).projects).toHaveLength(1);
    // B's list is current too: one project, the open one.
    await b.click('[data-action=projects]');
    await b.waitForSelector('.projects-list tr[aria-current=true]');
    expect(await b.locator('.projects-list tbody tr').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('says, before the project is saved, that own images are not kept with it', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl()}/`);
    await ready(page);
    expect(await page.locator('.projects-status').innerText()).toBe('Saved');
    const flat = (rgb: number[]) => {
      const image = new PNG({ width: 8, height: 8 });
      for (let i = 0; i < 64; i++) image.data.set([...rgb, 255], i * 4);
      return new Uint8Array(PNG.sync.write(image));
    };
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 6; i++) {
      files[`mine/red/${i}.png`] = flat([200 + i, 20, 30]);
      files[`mine/blue/${i}.png`] = flat([20, 30, 200 + i]);
    }
    await page.click('[data-panel-tab="data"]');
    await page.click('.byo summary');
    await page.setInputFiles('[data-testid=byo-zip]', { name: 'mine.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
    await page.waitForSelector('[data-testid=byo-plan]');
    await page.click('[data-action=byo-build]');
    await page.waitForSelector('[data-testid=byo-result]', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('.projects-status')?.textContent === 'Saved, without your images');
    await page.click('[data-action=projects]');
    expect(await page.getByTestId('project-own-images').innerText()).toContain('not saved with the project or its file');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
