// A small DSL for driving the network builder in browser tests (in the spirit of excalidraw's Pointer and
// Keyboard helpers): find blocks, drag connections with the real mouse, and reach controls by Tab alone.
import type { Locator, Page } from 'playwright-core';

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

export const blockIds = (page: Page): Promise<string[]> =>
  page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));

export const edgeIds = (page: Page): Promise<string[]> =>
  page.locator('.react-flow__edge').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-id') ?? ''));

async function centre(l: Locator): Promise<{ x: number; y: number }> {
  const box = await l.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Waits until the canvas stops moving: after an edit, new blocks are measured and the view re-fitted a few
 * frames later, and a gesture aimed before that would land on stale coordinates.
 */
export async function waitForStill(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    const snapshot = () => [...document.querySelectorAll('.react-flow__viewport, .react-flow__node')]
      .map((el) => `${(el as HTMLElement).style.transform}|${(el as HTMLElement).style.visibility}`).join(';');
    let last = '';
    let still = 0;
    const tick = () => {
      const now = snapshot();
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= 3) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
}

/** Drags a connection from one block's output dot to another block's input dot with the mouse. */
export async function dragConnect(page: Page, from: string, to: string): Promise<void> {
  await waitForStill(page);
  const a = await centre(node(page, from).locator('.react-flow__handle.source'));
  const b = await centre(node(page, to).locator('.react-flow__handle.target'));
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** Presses Tab until the focused element matches `selector` (keyboard only, as a student without a mouse). */
export async function tabTo(page: Page, selector: string, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The inputs of a block as the app's store holds them, read through the inspector's disconnect buttons. */
export async function inputsOf(page: Page, id: string): Promise<string[]> {
  await node(page, id).click();
  await page.waitForSelector(`.editor-inspector[data-inspects="${id}"]`);
  return page.locator('.inspector-inputs [data-disconnect]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-disconnect') ?? ''));
}

/** The issue sentences shown on a block. */
export const issuesOn = (page: Page, id: string): Promise<string[]> =>
  node(page, id).locator('.issue').allInnerTexts();

export const codesOn = (page: Page, id: string): Promise<string[]> =>
  node(page, id).locator('.issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
