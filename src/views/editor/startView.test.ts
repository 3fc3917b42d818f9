import { describe, expect, it } from 'vitest';
import { startViewport, type Box } from './startView';

const box = (x: number, y: number, width = 100, height = 120): Box => ({ x, y, width, height });
/** Where a box lands on screen under a viewport. */
const onScreen = (b: Box, v: { x: number; y: number; zoom: number }) => ({
  left: v.x + b.x * v.zoom, top: v.y + b.y * v.zoom, bottom: v.y + (b.y + b.height) * v.zoom,
});

describe('startViewport', () => {
  const pane = { width: 1000, height: 240 };

  it('puts the leftmost block margin px from the left edge', () => {
    const v = startViewport([box(300, 0), box(500, 0)], pane, 0.5);
    expect(onScreen(box(300, 0), v).left).toBeCloseTo(24);
    expect(v.zoom).toBe(0.5);
  });

  it('centres the lanes of the first screen, ignoring a higher block further along', () => {
    // Two lanes at the start (y 200 and 260), and far to the right a block much higher up.
    const lanes = [box(0, 200), box(150, 260), box(300, 200)];
    const far = box(5000, -400);
    const v = startViewport([...lanes, far], pane, 0.5);
    const tops = lanes.map((b) => onScreen(b, v).top);
    const bottoms = lanes.map((b) => onScreen(b, v).bottom);
    // Everything seen first lies inside the pane, with equal room above and below.
    expect(Math.min(...tops)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(pane.height);
    expect(Math.min(...tops)).toBeCloseTo(pane.height - Math.max(...bottoms));
    // Placed by the whole network's top instead, the lower lane would end below the pane.
    const byWholeTop = { x: v.x, y: 24 - far.y * 0.5, zoom: 0.5 };
    expect(onScreen(box(150, 260), byWholeTop).bottom).toBeGreaterThan(pane.height);
  });

  it('starts lanes taller than the pane margin px from its top', () => {
    const v = startViewport([box(0, 0, 100, 300), box(200, 400, 100, 300)], pane, 0.5);
    expect(onScreen(box(0, 0), v).top).toBeCloseTo(24);
  });

  it('counts a block as seen when it starts inside the first screen', () => {
    // At zoom 0.5 the first screen spans flow x 0..1952; the block at 1900 is in it, the one at 2000 is not.
    const inside = startViewport([box(0, 0), box(1900, 300)], pane, 0.5);
    const outside = startViewport([box(0, 0), box(2000, 300)], pane, 0.5);
    expect(onScreen(box(1900, 300, 100, 120), inside).bottom).toBeLessThanOrEqual(pane.height);
    expect(onScreen(box(0, 0), outside).top).toBeCloseTo((pane.height - 60) / 2);
  });

  it('returns a plain viewport for no blocks', () => {
    expect(startViewport([], pane, 0.45)).toEqual({ x: 24, y: 24, zoom: 0.45 });
  });
});
