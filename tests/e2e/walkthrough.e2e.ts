// Issue 9, "every path a student takes ends right": what a new user does after a run (browse mistakes,
// draw, upload, edit the network, switch the dataset), invalid fields, and the Korean screens. Elements
// are found by role, label, text or test id, never by their place on the page (the layout changes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { openPanel } from './workspaceHelpers';

let browser: Browser;
const QUICK = '/?trainLimit=2048&testLimit=512&epochs=1';

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function draw(page: Page): Promise<void> {
  await openPanel(page, 'predict');
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the draw pad is not visible');
  await page.mouse.move(box.x + 0.5 * box.width, box.y + 0.2 * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + 0.5 * box.width, box.y + 0.8 * box.height, { steps: 8 });
  await page.mouse.up();
}

/** A PNG of the given size drawn in the page (a white bar on black). */
async function png(page: Page, size: number): Promise<Buffer> {
  const bytes = await page.evaluate(async (n) => {
    const c = document.createElement('canvas');
    c.width = n;
    c.height = n;
    const g = c.getContext('2d')!;
    g.fillStyle = '#000';
    g.fillRect(0, 0, n, n);
    g.fillStyle = '#fff';
    g.fillRect(n * 0.4, n * 0.1, n * 0.2, n * 0.8);
    const blob = await new Promise<Blob>((resolve) => c.toBlob((b) => resolve(b!), 'image/png'));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, size);
  return Buffer.from(bytes);
}

describe('after a run', () => {
  it('views answer for the chosen image; results go stale with edits and go away with another dataset', async () => {
    const { page, errors } = await openPage(browser, QUICK, '[data-action=train]');
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });

    // Item 1: a mistake chosen after the run is what the input card, the maps and the saliency show.
    await openPanel(page, 'results');
    const mistake = page.getByTestId('mistakes').getByRole('button').first();
    await mistake.scrollIntoViewIfNeeded();
    const text = (await mistake.innerText()).trim();
    const [label, rest] = text.split(' → ');
    const guess = rest!.split(' (')[0];
    await mistake.click();
    await openPanel(page, 'maps');
    await page.waitForFunction((l) => document.querySelector('.viz-label')?.textContent === `true class: ${l}`, label, { timeout: 15_000 });
    await page.waitForFunction((g) => (document.querySelector('.viz-prediction')?.textContent ?? '').startsWith(`network says: ${g} (`),
      guess, { timeout: 15_000 });
    await openPanel(page, 'saliency');
    await page.getByTestId('saliency').scrollIntoViewIfNeeded();
    await page.waitForFunction((g) => (document.querySelector('[data-panel=saliency] .hint')?.textContent ?? '').includes(`(${g})`),
      guess, { timeout: 15_000 });
    // Next image: answered too, though no training step will come.
    const received = () => page.evaluate(() => (window as unknown as { __cnnpViz: { channel: { received: number } } }).__cnnpViz.channel.received);
    await openPanel(page, 'maps');
    const before = await received();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.waitForFunction((n) => (window as unknown as { __cnnpViz: { channel: { received: number } } }).__cnnpViz.channel.received > n,
      before, { timeout: 15_000 });

    // Item 8: a picture that cannot be used leaves no answer beside its error; a good one says how it was resized.
    await draw(page);
    await page.getByTestId('probabilities').waitFor();
    const upload = page.getByTestId('upload-image');
    await upload.setInputFiles({ name: 'digit.png', mimeType: 'image/png', buffer: await png(page, 64) });
    await page.getByTestId('upload-note').waitFor();
    expect(await page.getByTestId('upload-note').innerText()).toContain('64×64');
    await page.getByTestId('probabilities').waitFor();
    await upload.setInputFiles({ name: 'notimage.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await page.getByText('Could not read “notimage.png” as a picture.').waitFor();
    expect(await page.getByTestId('probabilities').count()).toBe(0);
    await upload.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: await png(page, 1) });
    await page.getByText('“dot.png” is only 1×1 pixels', { exact: false }).waitFor();
    expect(await page.getByTestId('probabilities').count()).toBe(0);

    // Item 3: an edited network marks the old results, and says so beside each.
    await draw(page);
    await page.getByTestId('probabilities').waitFor();
    expect(await page.locator('[data-stale=network]').count()).toBe(0);
    await page.locator('.react-flow__node[data-id="conv1"]').click();
    const filters = page.locator('.editor-inspector input[data-field=filters]');
    await filters.fill('12');
    await page.locator('.stale-note').first().waitFor({ state: 'attached' });
    // Beside the prediction, the confusion matrix, the epoch table and the views inside the network: each panel says so.
    for (const panel of ['predict', 'results', 'epochs', 'maps']) {
      await openPanel(page, panel);
      await page.locator(`[data-panel-body="${panel}"] .stale-note`).waitFor();
    }
    expect(await page.locator('.status-bar [data-stale=network]').count()).toBe(1);

    // Item 2: another dataset clears the old run's results instead of relabelling them.
    await openPanel(page, 'data');
    await page.getByTestId('dataset-select').selectOption('cifar10');
    await page.waitForSelector('[data-phase=idle]');
    expect(await page.getByTestId('confusion-matrix').count()).toBe(0);
    expect(await page.getByTestId('mistakes').count()).toBe(0);
    expect(await page.getByTestId('probabilities').count()).toBe(0);
    expect(await page.locator('.viz-label').count()).toBe(0);
    expect(await page.locator('.epoch-table').count()).toBe(0);
    await openPanel(page, 'predict');
    // Polish: the pad's hint fits the dataset (no "draw a digit" for photos).
    expect(await page.getByTestId('draw-hint').innerText()).toContain('airplane');
    expect(errors).toEqual([]);
  });
});

describe('invalid fields', () => {
  it('block Train and are named, instead of training with another value', async () => {
    const { page, errors } = await openPage(browser, QUICK, '[data-action=train]');
    const train = page.locator('[data-action=train]');
    expect(await train.isDisabled()).toBe(false);
    await page.getByLabel('Learning rate', { exact: true }).fill('abc');
    await page.getByLabel('Batch size', { exact: true }).fill('0');
    expect(await train.isDisabled()).toBe(true);
    const reason = page.locator('[data-reason=invalid-field]');
    expect(await reason.innerText()).toContain('Learning rate');
    expect(await reason.innerText()).toContain('Batch size');
    await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
    await page.getByLabel('Batch size', { exact: true }).fill('64');
    expect(await train.isDisabled()).toBe(false);
    // A block setting out of range in the inspector blocks it too, named by block.
    await page.locator('.react-flow__node[data-id="conv1"]').click();
    await page.locator('.editor-inspector input[data-field=kernel]').fill('30');
    expect(await train.isDisabled()).toBe(true);
    expect(await reason.innerText()).toContain('conv1');
    expect(errors).toEqual([]);
  });
});

describe('presets and the editor', () => {
  it('reference presets give one reason, and undo keeps the Preset menu with the network', async () => {
    const { page, errors } = await openPage(browser, '/', '[data-action=train]');
    const preset = page.getByRole('combobox', { name: /Preset/ });
    // Polish: Delete waits for something to delete.
    expect(await page.locator('[data-action=delete]').isDisabled()).toBe(true);
    // Item 6: LeNet-5 as published is small; it is for study because of its input size, with no time estimate.
    await preset.selectOption('lenet5Classic');
    const study = page.locator('.training-panel [data-reason=study]');
    expect(await study.innerText()).toContain('32×32');
    expect(await page.locator('.training-panel .estimate').count()).toBe(0);
    await preset.selectOption('alexnet');
    expect(await page.locator('.training-panel .disabled-reason').count()).toBe(1);
    // Item 10: undo brings the network and the menu back together.
    await preset.selectOption('googlenet');
    await preset.selectOption('lenet5');
    await page.locator('.react-flow__node[data-id="conv1"]').waitFor();
    await page.locator('.react-flow__node[data-id="conv1"]').click();
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => (document.querySelector('[data-testid=top-preset]') as HTMLSelectElement | null)?.value === 'googlenet');
    // Item 11: the Train panel names the block a problem is on.
    await preset.selectOption('lenet5');
    await page.locator('.react-flow__node[data-id="flatten"]').click();
    expect(await page.locator('[data-action=delete]').isDisabled()).toBe(false);
    await page.keyboard.press('Delete');
    const reason = page.locator('[data-reason=invalid-network]');
    const block = await reason.getAttribute('data-block');
    expect(block).toBeTruthy();
    expect(await reason.innerText()).toContain(`${block}:`);
    expect(errors).toEqual([]);
  });
});

// Item 12: no English left in the Korean UI beyond names, units, formulas and block ids.
const ALLOWED = new Set([
  // names
  'LeNet', 'AlexNet', 'VGG', 'ResNet', 'GoogLeNet', 'MNIST', 'CIFAR', 'TensorFlow', 'Keras', 'PyTorch', 'WebAssembly',
  'WebGL', 'WebGPU', 'SIMD', 'CPU', 'GPU', 'Adam', 'SGD', 'RMSProp', 'Adadelta', 'Adagrad', 'Nesterov', 'ReLU', 'ELU',
  'Leaky', 'Tanh', 'tanh', 'Sigmoid', 'sigmoid', 'Softmax', 'softmax', 'relu', 'elu', 'He', 'Glorot', 'Xavier',
  'LeCun', 'Grad', 'CAM', 'PNG', 'SVG', 'NaN', 'wasm', 'webgl', 'cpu', 'auto', 'cs', 'Conv', 'BN', 'FLOPs',
  'MFLOPs', 'GFLOPs', 'KFLOPs', 'MACs', 'TF', 'Playground', 'CNN', 'Explainer', 'SwiftShader', 'ANGLE', 'zip', 'Esc',
  'Enter', 'Delete', 'Backspace', 'Ctrl', 'Shift', 'Tab', 'Alt', 'Cmd', 'Space', 'Z', 'Y', 'L2', 'Dropout', 'Batch',
  'ImageNet', 'Krizhevsky', 'et', 'al', 'Inception', 'Kaiming', 'JSON', 'URL', 'IDX', 'JavaScript', 'MLP', 'RGB',
  'English', // the language switch names each language in itself
  'ViT', 'tiny', 'GELU', 'Shapes', 'FCN', 'IoU', // the preset and dataset menus: model, function and dataset names
  'Net', // U-Net, the preset's name
  'scenes', 'scene', 'masks', 'NMS', 'mAP', // the MNIST scenes datasets' names, the boxes panel's tab and the detection metric
  // the GPU renderer's own name, in the backend tooltip
  'Google', 'Vulkan', 'Device', 'Subzero', 'driver', 'x0000C0DE',
  // formulas and code: padding values, Keras layer names in the copyable summary
  'floor', 'ceil', 'valid', 'same', 'maxpool2d', 'avgpool2d', 'conv2d', 'Concatenate',
  // units
  'MB', 'KB', 'GB', 'kB', 'KiB', 'MiB', 'GiB', 'ms', 'px', 'img', 's', 'B', 'M', 'K', 'G', 'x',
]);
const BLOCK_ID = /^(input|output|conv|pool|act|dense|flatten|fc|bn|drop|dropout|add|concat|gap|gmp|relu|res|inception|stem|softmax|block|layer|branch|c|p|f|d|s|a|b)\d*[a-z]?\d*$/i;

async function latinWords(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) parts.push(el.getAttribute(name) ?? '');
    }
    return parts.join('\n');
  });
  const words = text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w) && !BLOCK_ID.test(w) && !/^[A-Za-z]\d*$/.test(w)))].sort();
}

describe('the Korean screens', () => {
  it('hold no English words beyond names, units, formulas and block ids', async () => {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const { baseUrl, watchErrors } = await import('./browser');
    const errors = watchErrors(page);
    await page.goto(`${baseUrl()}${QUICK}`);
    await page.waitForSelector('[data-action=train]');
    const found: Record<string, string[]> = {};
    found.start = await latinWords(page);
    await page.click('[data-action=train]');
    await page.waitForSelector('[data-phase=done]', { timeout: 120_000 });
    await draw(page);
    await page.getByTestId('probabilities').waitFor();
    found.trained = await latinWords(page);
    await openPanel(page, 'data');
    await page.getByTestId('dataset-select').selectOption('cifar10');
    await page.waitForSelector('[data-phase=idle]');
    found.cifar = await latinWords(page);
    await context.close();
    expect(found).toEqual({ start: [], trained: [], cifar: [] });
    expect(errors).toEqual([]);
  });
});
