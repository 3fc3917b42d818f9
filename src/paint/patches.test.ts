import { describe, expect, it } from 'vitest';
import { attentionTiles, patchesToPixels } from './patches';

describe('patch maps over the image', () => {
  it('spreads each patch value over its pixels (2x2 patches on a 4x6 image), from an offset', () => {
    const px = patchesToPixels([9, 1, 2, 3, 4], 1, 2, 2, 4, 6);
    expect(Array.from(px)).toEqual([
      1, 1, 1, 2, 2, 2,
      1, 1, 1, 2, 2, 2,
      3, 3, 3, 4, 4, 4,
      3, 3, 3, 4, 4, 4,
    ]);
  });

  it('lays out a row per block, a tile per head, and a last row for the rollout', () => {
    const t = attentionTiles([4, 4, 2]);
    expect([t.cols, t.rows]).toEqual([4, 4]);
    expect(t.tile(1, 3)).toBe(7);
    expect(t.tile(3, 0)).toBe(12);
  });
});
