import { describe, expect, it } from 'vitest';
import { augmentBatch, batchRandom } from './augment';

// Two 3x4 single-channel images with distinct pixel values.
const H = 3;
const W = 4;
const image = (offset: number) => Float32Array.from({ length: H * W }, (_, i) => offset + i + 1);
const batch = () => Float32Array.from([...image(0), ...image(100)]);
const constantRandom = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('augmentBatch', () => {
  it('leaves the batch alone when augmentation is off', () => {
    const x = batch();
    augmentBatch(x, 2, [H, W, 1], { flip: false, shift: 0 }, batchRandom(1, 1, 1), new Float32Array(H * W));
    expect(x).toEqual(batch());
  });

  it('mirrors an image left to right', () => {
    const x = batch();
    // flip draw < 0.5 -> flip; shift draws ignored (shift 0 gives dy = dx = 0)
    augmentBatch(x, 1, [H, W, 1], { flip: true, shift: 0 }, constantRandom(0.1, 0.5, 0.5), new Float32Array(H * W));
    expect([...x.subarray(0, W)]).toEqual([4, 3, 2, 1]);
    expect([...x.subarray(W * 2, W * 3)]).toEqual([12, 11, 10, 9]);
    expect([...x.subarray(H * W)]).toEqual([...image(100)]); // n = 1: the second image untouched
  });

  it('shifts with zero fill, per channel', () => {
    const x = Float32Array.from({ length: H * W * 2 }, (_, i) => i + 1);
    // shift 1: draws 0.99 -> dy = +1, 0.0 -> dx = -1
    augmentBatch(x, 1, [H, W, 2], { flip: false, shift: 1 }, constantRandom(0.9, 0.99, 0.0), new Float32Array(H * W * 2));
    const px = (y: number, xx: number) => [x[(y * W + xx) * 2], x[(y * W + xx) * 2 + 1]];
    expect(px(0, 0)).toEqual([0, 0]); // top row uncovered
    expect(px(1, 0)).toEqual([3, 4]); // came from (0, 1)
    expect(px(2, 2)).toEqual([15, 16]); // from (1, 3)
    expect(px(2, 3)).toEqual([0, 0]); // right column uncovered
  });

  it('is the same for the same (seed, epoch, step) and differs otherwise', () => {
    const aug = { flip: true, shift: 2 };
    const run = (seed: number, epoch: number, step: number) => {
      const x = Float32Array.from({ length: 8 * 28 * 28 }, (_, i) => (i * 7919) % 255);
      augmentBatch(x, 8, [28, 28, 1], aug, batchRandom(seed, epoch, step), new Float32Array(28 * 28));
      return x;
    };
    expect(run(3, 1, 5)).toEqual(run(3, 1, 5));
    expect(run(3, 1, 5)).not.toEqual(run(3, 1, 6));
    expect(run(3, 1, 5)).not.toEqual(run(3, 2, 5));
    expect(run(3, 1, 5)).not.toEqual(run(4, 1, 5));
  });

  it('refuses a scratch buffer that is too small', () => {
    expect(() => augmentBatch(batch(), 2, [H, W, 1], { flip: true, shift: 0 }, Math.random, new Float32Array(2)))
      .toThrow(/scratch/);
  });
});
