// The network builder in a real browser: a residual network built from the empty canvas with the mouse, one
// built with the keyboard alone, and every kind of invalid network showing its message on the block at
// fault, with training disabled, and never a page error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { codesOn, dragConnect, edgeIds, inputsOf, issuesOn, node, tabTo, waitForStill } from './editorHelpers';
import { encodeSpec } from '../../src/model/link';
import type { ModelSpec } from '../../src/model/spec';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const openApp = (query = ''): Promise<{ page: Page; errors: string[] }> =>
  openPage(browser, `/?trainLimit=256&testLimit=128${query}`, '.react-flow__node[data-id="conv1"]', { viewport: { width: 1500, height: 1100 } });

const trainEnabled = (page: Page) => page.locator('[data-action=train]').isEnabled();
const shapeOf = (page: Page, id: string) => node(page, id).locator('[data-testid=shape]').innerText();

describe('network builder', () => {
  it('shows a transposed convolution with its output-size formula, and draws its patches and their checkerboard', async () => {
    const spec: ModelSpec = { blocks: [
      { kind: 'input', id: 'input', inputs: [] },
      { kind: 'conv2d', id: 'down', inputs: ['input'], filters: 4, kernel: 3, stride: 2, padding: 'same' },
      { kind: 'convtranspose2d', id: 'upconv', inputs: ['down'], filters: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1 },
      { kind: 'crop2d', id: 'crop', inputs: ['input'], top: 0, bottom: 0, left: 0, right: 0 },
      { kind: 'concat', id: 'cat', inputs: ['upconv', 'crop'] },
      { kind: 'upsample2d', id: 'up', inputs: ['cat'], scale: 1, interpolation: 'bilinear' },
      { kind: 'flatten', id: 'flat', inputs: ['up'] },
      { kind: 'softmax', id: 'output', inputs: ['flat'] },
    ] };
    const { page, errors } = await openPage(browser, `/?trainLimit=256&testLimit=128#v=1&data=mnist&m=${encodeSpec(spec)}`,
      '.react-flow__node[data-id="upconv"]', { viewport: { width: 1500, height: 1100 } });
    expect(await shapeOf(page, 'upconv')).toBe('28 × 28 × 4');
    expect(await node(page, 'upconv').locator('.formulas').innerText()).toContain('(14 - 1)*2 - 2*1 + (3 - 1) + 1 + 1 = 28');
    await node(page, 'upconv').click();
    const view = page.getByTestId('transpose-arith');
    await view.waitFor();
    // 3×3 kernel, stride 2: 1, 2, 1, 2 ... patches per row and column, multiplied.
    expect(await view.locator('[data-output="1,1"]').getAttribute('data-count')).toBe('4');
    expect(await view.locator('[data-output="0,1"]').getAttribute('data-count')).toBe('2');
    await view.locator('[data-input="2,3"]').click();
    // Input row 2 lands on output rows 3..5, column 3 on columns 5..7.
    const patch = await view.locator('[data-patch]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-output')));
    expect(patch.sort()).toEqual(['3,5', '3,6', '3,7', '4,5', '4,6', '4,7', '5,5', '5,6', '5,7']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows output shape, parameters and the arithmetic on every block of the preset', async () => {
    const { page, errors } = await openApp();
    expect(await shapeOf(page, 'conv1')).toBe('28 × 28 × 6');
    expect(await node(page, 'conv1').locator('.params').getAttribute('data-trainable')).toBe('156');
    expect(await node(page, 'conv1').locator('.formulas').innerText()).toContain('floor((28 - 5 + 2*2) / 1) + 1 = 28');
    // On demand: FLOPs (2 per multiply-add: 28*28*6 outputs * 5*5*1 weights each), memory, receptive field.
    expect(await node(page, 'conv1').locator('[data-cost]').count()).toBe(0);
    await page.check('[data-action=show-cost]');
    expect(await node(page, 'conv1').locator('[data-cost=flops]').innerText()).toBe('235,200');
    expect(await node(page, 'conv1').locator('[data-cost=memory]').innerText()).toBe('18.4 KiB');
    expect(await node(page, 'conv1').locator('[data-cost=rf]').innerText()).toBe('5×5');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('builds a small residual network from the empty canvas with the mouse', async () => {
    const { page, errors } = await openApp();
    await page.click('[data-action=empty]');
    await page.waitForSelector('.react-flow__node[data-id="output"]');
    expect(await page.locator('.react-flow__node').count()).toBe(2);
    // Each click adds after the selected block (at first: in front of the output), connected.
    for (const kind of ['conv2d', 'activation', 'conv2d']) await page.click(`[data-palette=${kind}]`);
    expect(await inputsOf(page, 'conv2')).toEqual(['act1']);
    // Drag an add block onto the canvas: placed freely, unconnected.
    const canvas = page.locator('.editor-canvas .react-flow__pane');
    // Into the free space right of the chain, high enough for the whole block to stay in the strip.
    const pane = (await canvas.boundingBox())!;
    await page.locator('[data-palette=add]').dragTo(canvas, { targetPosition: { x: Math.round(pane.width - 220), y: 30 } });
    await page.waitForSelector('.react-flow__node[data-id="add1"]');
    expect(await inputsOf(page, 'add1')).toEqual([]);
    await dragConnect(page, 'conv2', 'add1');
    await dragConnect(page, 'act1', 'add1'); // the skip connection
    expect(await inputsOf(page, 'add1')).toEqual(['conv2', 'act1']);
    // Straight from the add block into the output: refused, and the output says why.
    await dragConnect(page, 'add1', 'output');
    expect(await codesOn(page, 'output')).toContain('denseNeedsFlatten');
    expect(await inputsOf(page, 'output')).toEqual(['conv2']);
    expect(await trainEnabled(page)).toBe(false); // add1 leads nowhere yet
    // A flatten after the add block, then into the output (replacing its input): the network is valid.
    await node(page, 'add1').click();
    await page.click('[data-palette=flatten]');
    await page.click('[data-action=tidy]'); // the strip brings every block back into view
    await dragConnect(page, 'flatten1', 'output');
    expect(await inputsOf(page, 'output')).toEqual(['flatten1']);
    expect(await shapeOf(page, 'add1')).toBe('28 × 28 × 16');
    await page.waitForSelector('.react-flow__edge[data-id="flatten1->output"]'); // edges render a frame later
    expect(await edgeIds(page)).toEqual(expect.arrayContaining(['act1->add1', 'conv2->add1', 'add1->flatten1']));
    expect(await page.locator('.block-node.state-error').count()).toBe(0);
    expect(await trainEnabled(page)).toBe(true);
    // Undo takes back the last connection; redo puts it back.
    await page.click('[data-action=undo]');
    expect(await trainEnabled(page)).toBe(false);
    await page.click('[data-action=redo]');
    expect(await trainEnabled(page)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('builds, connects, edits, moves, duplicates and deletes with the keyboard alone', async () => {
    const { page, errors } = await openApp();
    await tabTo(page, '[data-action=empty]');
    await page.keyboard.press('Enter');
    for (const kind of ['conv2d', 'activation', 'conv2d', 'add', 'flatten']) {
      await tabTo(page, `[data-palette=${kind}]`);
      await page.keyboard.press('Enter');
    }
    // Connect act1 -> add1: focus the block, select it, C, walk the list, Enter.
    await tabTo(page, '.react-flow__node[data-id="act1"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('c');
    await page.waitForSelector('.connect-panel');
    for (let i = 0; i < 20; i++) {
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-connect-target') === 'add1')) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('.connect-panel', { state: 'detached' });
    await page.waitForSelector('.react-flow__edge[data-id="act1->add1"]'); // edges render a frame later
    expect(await page.locator('.editor-status').innerText()).toBe('Connected act1 → add1.');
    expect(await trainEnabled(page)).toBe(true);
    // A connection is removed the same way: focus it, Enter, Delete; Ctrl+Z brings it back.
    await tabTo(page, '.react-flow__edge[data-id="act1->add1"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await page.waitForSelector('.react-flow__edge[data-id="act1->add1"]', { state: 'detached' });
    expect(await codesOn(page, 'add1')).toContain('tooFewInputs');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.react-flow__edge[data-id="act1->add1"]');

    // Edit conv2's filters in the inspector: 32 filters no longer match the skip connection.
    await tabTo(page, '.react-flow__node[data-id="conv2"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '.editor-inspector input[data-field=filters]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('abc');
    expect(await page.locator('.editor-inspector .field-error').innerText()).toContain('number');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('32');
    expect(await shapeOf(page, 'conv2')).toBe('28 × 28 × 32');
    expect((await issuesOn(page, 'add1')).length).toBeGreaterThan(0);
    expect(await trainEnabled(page)).toBe(false);
    // Undo from the block (not inside the text box).
    await tabTo(page, '.react-flow__node[data-id="conv2"]');
    await page.keyboard.press('Control+z');
    expect(await shapeOf(page, 'conv2')).toBe('28 × 28 × 16');
    expect(await trainEnabled(page)).toBe(true);

    // Arrow keys move the selected block.
    await waitForStill(page);
    const before = await node(page, 'conv2').boundingBox();
    await page.keyboard.press('Shift+ArrowDown');
    await waitForStill(page);
    const after = await node(page, 'conv2').boundingBox();
    expect(after!.y).toBeGreaterThan(before!.y);

    // Duplicate, then delete the copy; Ctrl+Shift+Z redoes.
    await page.keyboard.press('Control+d');
    await page.waitForSelector('.react-flow__node[data-id="conv3"]');
    await tabTo(page, '.react-flow__node[data-id="conv3"]');
    await page.keyboard.press('Delete'); // the focused block, selected or not
    await page.waitForSelector('.react-flow__node[data-id="conv3"]', { state: 'detached' });
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.react-flow__node[data-id="conv3"]');
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector('.react-flow__node[data-id="conv3"]', { state: 'detached' });
    // Focus is visible on a focused block.
    await tabTo(page, '.react-flow__node[data-id="conv1"]');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('mouse gestures', () => {
  it('drags a block to move it, selects several with Shift, deletes them, and undoes each step', async () => {
    const { page, errors } = await openApp();
    const header = node(page, 'act1').locator('header');
    await waitForStill(page);
    const before = (await header.boundingBox())!;
    await page.mouse.move(before.x + 20, before.y + 5);
    await page.mouse.down();
    await page.mouse.move(before.x + 60, before.y + 125, { steps: 8 });
    await page.mouse.up();
    await waitForStill(page);
    const moved = (await header.boundingBox())!;
    expect(moved.y - before.y).toBeGreaterThan(60);
    await page.click('[data-action=undo]');
    await waitForStill(page);
    expect(Math.abs((await header.boundingBox())!.y - before.y)).toBeLessThan(2);
    // Tidy layout puts a dragged block back in line with the others.
    await page.mouse.move(before.x + 20, before.y + 5);
    await page.mouse.down();
    await page.mouse.move(before.x + 60, before.y + 125, { steps: 8 });
    await page.mouse.up();
    await page.click('[data-action=tidy]');
    await waitForStill(page);
    const tidied = (await header.boundingBox())!;
    const conv1 = (await node(page, 'conv1').locator('header').boundingBox())!;
    expect(Math.abs(tidied.y - conv1.y)).toBeLessThan(2); // same row as its neighbour again

    await node(page, 'act1').click();
    await node(page, 'pool1').click({ modifiers: ['Shift'] });
    expect(await page.locator('.block-node.selected').count()).toBe(2);
    await page.click('[data-action=delete]');
    expect(await node(page, 'act1').count()).toBe(0);
    expect(await node(page, 'pool1').count()).toBe(0);
    expect(await codesOn(page, 'conv2')).toContain('missingInput');
    await page.click('[data-action=undo]');
    expect(await node(page, 'pool1').count()).toBe(1);
    expect(await trainEnabled(page)).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('while training runs', () => {
  it('the editor is view-only, and editable again once the run is stopped', async () => {
    const { page, errors } = await openApp('&epochs=200'); // long enough to still run when Stop is pressed
    await page.click('[data-action=train]');
    await page.waitForSelector('.graph-editor[data-locked=true]');
    expect(await page.locator('[data-palette=conv2d]').isDisabled()).toBe(true);
    await node(page, 'conv1').click();
    await page.keyboard.press('Delete');
    expect(await node(page, 'conv1').count()).toBe(1);
    await page.click('[data-action=stop]');
    await page.waitForSelector('.graph-editor[data-locked=false]', { timeout: 60_000 });
    expect(await page.locator('[data-palette=conv2d]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('invalid networks say why, on the block that causes it', () => {
  it('refuses a cycle and dense on an image, with the reason on the target block', async () => {
    const { page, errors } = await openApp();
    await dragConnect(page, 'dense1', 'conv2');
    expect(await codesOn(page, 'conv2')).toContain('cycle');
    expect(await page.locator('.react-flow__edge[data-id="dense1->conv2"]').count()).toBe(0);
    await dragConnect(page, 'pool2', 'dense2');
    expect(await codesOn(page, 'dense2')).toContain('denseNeedsFlatten');
    expect((await issuesOn(page, 'dense2'))[0]).toContain('Flatten');
    expect(await trainEnabled(page)).toBe(true); // refused edits leave the network as it was
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows shape, window, wiring and structure problems on the right block and disables training', async () => {
    const { page, errors } = await openApp();
    // A window larger than its input.
    await node(page, 'conv2').click();
    await page.fill('.editor-inspector input[data-field=kernel]', '99');
    expect(await page.locator('.editor-inspector .field-error').innerText()).toMatch(/or less/);
    expect(await codesOn(page, 'conv2')).toEqual([]); // out of range: not applied
    await page.fill('.editor-inspector input[data-field=kernel]', '15'); // conv2 sees 14×14
    expect(await codesOn(page, 'conv2')).toContain('kernelTooLarge');
    // Train's reason (its tooltip in the top bar, not a line in the chart) names the block, not only the problem.
    expect(await page.locator('[data-action=train]').getAttribute('title')).toContain('conv2:');
    expect(await page.locator('.ws-chart .disabled-reason').count()).toBe(0);
    expect(await trainEnabled(page)).toBe(false);
    await page.click('[data-action=undo]');
    expect(await trainEnabled(page)).toBe(true);
    // Deleting a block leaves the next one without input.
    await node(page, 'act2').click();
    await page.click('[data-action=delete]');
    expect(await codesOn(page, 'pool2')).toContain('missingInput');
    await page.click('[data-action=undo]');
    // Two different shapes into an add block: refused when connected ...
    await node(page, 'conv2').click();
    await page.click('[data-palette=add]');
    await dragConnect(page, 'pool1', 'add1');
    expect(await codesOn(page, 'add1')).toContain('addShapeMismatch');
    expect(await inputsOf(page, 'add1')).toEqual(['conv2']);
    // ... and explained on the add block when a later edit breaks a sum that fitted.
    await node(page, 'conv2').click();
    await page.keyboard.press('Control+d'); // conv3: a parallel branch from pool1, also 10×10×16
    await page.waitForSelector('.react-flow__node[data-id="conv3"]');
    await dragConnect(page, 'conv3', 'add1');
    expect(await inputsOf(page, 'add1')).toEqual(['conv2', 'conv3']);
    expect(await trainEnabled(page)).toBe(true);
    await node(page, 'conv3').click();
    await page.fill('.editor-inspector input[data-field=filters]', '8');
    expect(await codesOn(page, 'add1')).toEqual(['addShapeMismatch']);
    expect(await page.locator('.block-node.state-error').count()).toBe(1);
    expect(await trainEnabled(page)).toBe(false);
    // No output at all: a network-wide problem, shown above the canvas.
    await node(page, 'output').click();
    await page.keyboard.press('Delete');
    expect(await page.locator('.network-issues .issue').first().getAttribute('data-code')).toBe('noOutput');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
