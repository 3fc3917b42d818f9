// Issue 13, saved projects: after training, the project list shows the run's test accuracy; a reload
// brings the trained network back without training (thumbnails, confusion matrix and epoch table present;
// the draw pad gives the very same probabilities); the
// Export menu downloads TensorFlow.js, PyTorch, notebook and ONNX zips (the ONNX one opens in onnxruntime); a bad project file is refused with its problem
// named and the open project stays; the project then serves as the frozen backbone of a linear probe that
// trains an epoch from its weights, and the three ways (probe, fine-tune, scratch) run side by side. PROJECT_SHOTS=/folder saves screenshots of the list (en, ko).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, watchErrors } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;
const shots = process.env.PROJECT_SHOTS;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function draw(page: Page): Promise<string> {
  // The draw pad lives in the workspace's predict panel.
  await openPanel(page, 'predict');
  await page.locator('[data-testid=draw-pad]').scrollIntoViewIfNeeded();
  const box = await page.locator('[data-testid=draw-pad]').boundingBox();
  if (!box) throw new Error('the draw pad is not visible');
  const points: [number, number][] = [[0.5, 0.15], [0.5, 0.5], [0.52, 0.85]];
  await page.mouse.move(box.x + 0.5 * box.width, box.y + 0.15 * box.height);
  await page.mouse.down();
  for (const [x, y] of points) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => (document.querySelector('[data-testid=probabilities]')?.getAttribute('data-values') ?? '') !== '', null, { timeout: 30_000 });
  // The pad asks while the stroke is drawn: the answer for the whole drawing is the one that stops changing.
  const read = async () => (await page.locator('[data-testid=probabilities]').getAttribute('data-values')) ?? '';
  let last = await read();
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(500);
    const now = await read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** The input and output names of the model.onnx in a downloaded ONNX zip. */
async function onnxInputOutput(zipPath: string): Promise<string[]> {
  const [{ readFileSync }, { unzipSync }, ort] = await Promise.all([import('node:fs'), import('fflate'), import('onnxruntime-node')]);
  const model = Object.entries(unzipSync(readFileSync(zipPath))).find(([name]) => name.endsWith('/model.onnx'))?.[1];
  if (model === undefined) throw new Error('the ONNX zip has no model.onnx');
  const session = await ort.InferenceSession.create(model);
  return [...session.inputNames, ...session.outputNames];
}

/** The notebook's line with the app's run (its curves and epoch results) in a downloaded notebook zip. */
async function notebookAppRun(zipPath: string): Promise<string> {
  const [{ readFileSync }, { strFromU8, unzipSync }] = await Promise.all([import('node:fs'), import('fflate')]);
  const notebook = Object.entries(unzipSync(readFileSync(zipPath))).find(([name]) => name.endsWith('/notebook.ipynb'))?.[1];
  if (notebook === undefined) throw new Error('the notebook zip has no notebook.ipynb');
  const cells = (JSON.parse(strFromU8(notebook)) as { cells: { source: string[] }[] }).cells;
  return cells.flatMap((c) => c.source).find((line) => line.startsWith('APP_RUN = ')) ?? '';
}

const openList = async (page: Page) => {
  if ((await page.locator('.projects-panel').count()) === 0) await page.click('[data-action=projects]');
  await page.waitForSelector('.projects-panel');
};

describe('saved projects', () => {
  it('keeps the trained weights over a reload, exports, and refuses a bad file', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl()}/?trainLimit=1024&testLimit=200&epochs=1`);
    await page.waitForSelector('[data-action=train]');
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });
    await openList(page);
    // Autosave after the epoch: the open project's row shows its test accuracy.
    await page.waitForFunction(() => /%/.test(document.querySelector('.projects-list tr[aria-current=true]')?.textContent ?? ''), null, { timeout: 30_000 });
    if (shots) await page.screenshot({ path: `${shots}/projects-en-1280.png` });
    await page.click('.projects-panel-head button:last-child');
    const before = await draw(page);

    await page.reload();
    await page.waitForSelector('[data-action=train]');
    await openList(page);
    await page.waitForFunction(() => /%/.test(document.querySelector('.projects-list tr[aria-current=true]')?.textContent ?? ''), null, { timeout: 30_000 });
    await page.click('.projects-panel-head button:last-child');
    // The trained network is back without training: thumbnails drawn from the loaded weights (at the step
    // they were saved at), the confusion matrix recomputed in the worker, the epoch table from the project.
    await page.waitForFunction((ids) => ids.every((id) => Number(document.querySelector(`[data-thumb="${id}"] canvas`)
      ?.getAttribute('data-step') ?? 0) > 0), ['conv1', 'conv2'], { timeout: 90_000 });
    await openPanel(page, 'results');
    await page.getByTestId('confusion-matrix').waitFor({ timeout: 60_000 });
    await openPanel(page, 'epochs');
    await page.waitForSelector('.epoch-table tr[data-epoch="1"]', { timeout: 30_000 });
    if (shots) await page.screenshot({ path: `${shots}/reopened-en-1280.png` });
    await draw(page);
    // The same drawing, the reloaded weights: the same probabilities.
    await page.waitForFunction((want) => document.querySelector('[data-testid=probabilities]')?.getAttribute('data-values') === want, before, { timeout: 30_000 });
    expect(await page.locator('[data-phase=done]').count()).toBe(0); // nothing was trained after the reload

    await openList(page);
    for (const target of ['tfjs', 'pytorch', 'notebook', 'onnx'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export=${target}]`)]);
      const path = await download.path();
      expect(download.suggestedFilename()).toMatch(new RegExp(`-${target}\\.zip$`));
      const { statSync } = await import('node:fs');
      expect(statSync(path).size).toBeGreaterThan(100_000);
      // Written in the page under its CSP (no eval): the ONNX file opens in onnxruntime.
      if (target === 'onnx') expect(await onnxInputOutput(path)).toEqual(['images', 'probabilities']);
      if (target === 'notebook') expect(await notebookAppRun(path)).toMatch(/^APP_RUN = json\.loads\("\{.*\\"epochs\\":\[\{\\"epoch\\":1,/m);
    }

    const name = await page.locator('[data-field=project-name]').inputValue();
    await page.setInputFiles('[data-field=project-file]', { name: 'evil.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not really a zip') });
    await page.waitForSelector('[role=alert][data-problem="file.notAZip"]');
    expect(await page.locator('[data-field=project-name]').inputValue()).toBe(name);

    // Transfer learning: the trained project as the backbone of a linear probe, then an epoch from its weights.
    await page.click('.projects-list tr[aria-current=true] [data-action=backbone]');
    await page.waitForSelector('.backbone-panel [data-field=backbone-cut]');
    await page.click('[data-field=backbone-probe]');
    await page.click('[data-action=build-backbone]');
    await page.waitForSelector('[data-backbone-done]');
    await page.waitForSelector('[data-testid=start-weights]');
    // The new network is a project of its own: the trained one keeps its weights and accuracy.
    await page.waitForFunction(() => [...document.querySelectorAll('.projects-list tbody tr:not([aria-current])')]
      .some((row) => /%/.test(row.textContent ?? '')), null, { timeout: 30_000 });
    await page.click('.projects-panel-head button:last-child');
    await page.locator('.react-flow__node[data-id=conv1]').click();
    await page.waitForSelector('[data-panel-body=block]:not([hidden]) [data-training-mode=frozen]');
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });
    // The three ways side by side from the trained project: probe, fine-tune and scratch at 1%, 10%, 100% of the labels.
    await openList(page);
    await page.click('.projects-list tr:not([aria-current]) [data-action=backbone]');
    await page.click('[data-action=compare-transfer]');
    await page.click('[data-action=transfer-run]');
    await page.waitForFunction(() => !document.querySelector('[data-testid=transfer-progress]')
      && [...document.querySelectorAll('[data-testid=transfer-table] td[data-share]')].filter((td) => /%$/.test(td.textContent ?? '')).length === 9,
    null, { timeout: 180_000, polling: 500 });
    // The plot draws when it is on screen: a point per share on each way's line.
    await page.locator('[data-testid=transfer-chart]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=transfer-chart] [data-way] circle').length === 9, null, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 360_000);

  it('speaks Korean in the project list', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await page.waitForSelector('[data-action=projects]');
    await openList(page);
    await page.waitForSelector('.projects-list');
    const text = await page.locator('.projects-panel').innerText();
    expect(text).toContain('이 브라우저에 저장된 프로젝트');
    expect(text).toContain('내보내기');
    if (shots) await page.screenshot({ path: `${shots}/projects-ko-1440.png` });
    await context.close();
  }, 60_000);
});
