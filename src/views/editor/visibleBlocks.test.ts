import { describe, expect, it } from 'vitest';
import { visibleBlocks, type NodeBox } from './visibleBlocks';

// Six blocks in one lane, 200 px apart, each 160 x 100.
const lane: NodeBox[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, x: i * 200, y: 0, width: 160, height: 100 }));

describe('visibleBlocks', () => {
  it('names the blocks a 500 px strip shows at zoom 1, panned along the lane', () => {
    expect(visibleBlocks(lane, [0, 0, 1], { width: 500, height: 300 }, 0)).toEqual(['a', 'b', 'c']);
    // Panned 600 px to the right: d at 0..160, e at 200..360, f at 400..560 (partly in view).
    expect(visibleBlocks(lane, [-600, 0, 1], { width: 500, height: 300 }, 0)).toEqual(['d', 'e', 'f']);
  });

  it('scales boxes by the zoom, and counts the margin around the strip', () => {
    expect(visibleBlocks(lane, [0, 0, 0.5], { width: 500, height: 300 }, 0)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // c starts at 400 px: out of a 390 px strip, back in with a 20 px margin.
    expect(visibleBlocks(lane, [0, 0, 1], { width: 390, height: 300 }, 0)).toEqual(['a', 'b']);
    expect(visibleBlocks(lane, [0, 0, 1], { width: 390, height: 300 }, 20)).toEqual(['a', 'b', 'c']);
  });

  it('leaves out blocks above or below the strip', () => {
    expect(visibleBlocks(lane, [0, 400, 1], { width: 2000, height: 300 }, 0)).toEqual([]);
    expect(visibleBlocks(lane, [0, -150, 1], { width: 2000, height: 300 }, 0)).toEqual([]);
    expect(visibleBlocks(lane, [0, -90, 1], { width: 300, height: 300 }, 0)).toEqual(['a', 'b']);
  });
});
