// Issue 11, the network strip of a large network (the ResNet-style preset): its minimap covers no block at
// 1280x720 or 1440x900, it opens with the lanes of its first screen in view (none cut at the strip's edge),
// and the worker is asked for the maps of the blocks in view only, the far end of the network being probed once
// it is panned into view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { settle } from './workspaceHelpers';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Loads the ResNet-style preset and waits until the strip has been fitted and stays still. */
async function openResnet(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, '/', '.react-flow__node[data-id=output] .block-thumb', { viewport });
  await opened.page.selectOption('[data-testid=top-preset]', 'resnetStyle');
  await opened.page.waitForSelector('.editor-minimap');
  await settle(opened.page, 10);
  return opened;
}


/** The blocks whose visible part (their box cut to the network pane) meets the minimap's box. */
const coveredByMinimap = (page: Page) => page.evaluate(() => {
  const map = document.querySelector('.editor-side')!.getBoundingClientRect();
  const pane = document.querySelector('.editor-canvas .react-flow')!.getBoundingClientRect();
  const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
  const seen = nodes.map((n) => {
    const r = n.getBoundingClientRect();
    return { id: n.dataset.id, left: Math.max(r.left, pane.left), right: Math.min(r.right, pane.right), top: Math.max(r.top, pane.top), bottom: Math.min(r.bottom, pane.bottom) };
  }).filter((r) => r.left < r.right && r.top < r.bottom);
  return {
    visibleNodes: seen.length,
    map: { width: map.width, height: map.height, inWindow: map.left >= 0 && map.right <= innerWidth && map.top >= 0 && map.bottom <= innerHeight },
    covered: seen.filter((r) => r.left < map.right && r.right > map.left && r.top < map.bottom && r.bottom > map.top).map((r) => r.id),
  };
});

type Probed = { wanted: string[] | null; sent: string[] | null };
const probed = (page: Page) => page.evaluate((): Probed => {
  const channel = (globalThis as unknown as { __cnnpViz: { channel: { config: { blocks?: string[] }; latest: { activations: { id: string }[] } | null } } }).__cnnpViz.channel;
  return { wanted: channel.config.blocks ?? null, sent: channel.latest ? channel.latest.activations.map((s) => s.id) : null };
});

describe('the strip of a large network', () => {
  it.each([[1280, 720], [1440, 900]])('has a minimap that covers no block at %ix%i', async (width, height) => {
    const { page, errors } = await openResnet({ width, height });
    const seen = await coveredByMinimap(page);
    expect(seen.visibleNodes).toBeGreaterThan(5);
    expect(seen.map.width).toBeGreaterThan(60);
    expect(seen.map.inWindow).toBe(true);
    expect(seen.covered).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([[1280, 720], [1440, 900]])('opens at %ix%i from its input, every lane of that first screen in view', async (width, height) => {
    const { page, errors } = await openResnet({ width, height });
    const cut = await page.evaluate(() => {
      const pane = document.querySelector('.editor-canvas .react-flow')!.getBoundingClientRect();
      const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => ({ id: n.dataset.id, r: n.getBoundingClientRect() }));
      const inColumn = boxes.filter(({ r }) => r.left < pane.right && r.right > pane.left);
      return {
        inColumn: inColumn.length,
        input: boxes.find((b) => b.id === 'input')!.r.left >= pane.left,
        cut: inColumn.filter(({ r }) => r.top < pane.top - 0.5 || r.bottom > pane.bottom + 0.5).map((b) => b.id),
      };
    });
    expect(cut.inColumn).toBeGreaterThan(5);
    expect(cut.input).toBe(true);
    expect(cut.cut).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('asks the worker for the maps of the blocks in view only, and for the far end once it is panned to', async () => {
    const { page, errors } = await openResnet({ width: 1280, height: 720 });
    const all = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id));
    expect(all).toHaveLength(32);
    await expect.poll(async () => (await probed(page)).wanted?.includes('conv1'), { timeout: 10_000 }).toBe(true);
    const first = (await probed(page)).wanted!;
    expect(first.length).toBeLessThan(all.length);
    expect(first).not.toContain('output');
    // One batch: the worker's snapshot carries maps of the wanted blocks and of no other.
    await page.click('[data-action=step]');
    await expect.poll(async () => (await probed(page)).sent !== null, { timeout: 150_000, interval: 500 }).toBe(true);
    const { sent, wanted } = await probed(page);
    expect(sent!.length).toBeGreaterThan(3);
    expect(sent!.every((id) => wanted!.includes(id))).toBe(true);
    expect(sent).not.toContain('output');
    // Drag the strip leftwards, by its empty top edge, until its output block comes into view.
    const pane = (await page.locator('.editor-canvas .react-flow').boundingBox())!;
    for (let i = 0; i < 12 && !((await probed(page)).wanted ?? []).includes('output'); i++) {
      await page.mouse.move(pane.x + pane.width - 40, pane.y + 8);
      await page.mouse.down();
      await page.mouse.move(pane.x + 60, pane.y + 8, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(300);
    }
    expect((await probed(page)).wanted).toContain('output');
    expect((await probed(page)).wanted).not.toContain('conv1');
    // The run stands paused: the newly seen blocks are probed all the same.
    await expect.poll(async () => (await probed(page)).sent?.includes('gap1') ?? false, { timeout: 30_000, interval: 500 }).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
