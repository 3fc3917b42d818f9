import { describe, expect, it } from 'vitest';
import { transposeArithmetic } from '../../blocks/common/transpose';
import { outputCounts, patchRows, transposeScene } from './transposeFrames';

describe('transposed convolution frames', () => {
  const k3s2p1 = transposeArithmetic('height', 4, 3, 2, 1, 1, 1); // 4 -> 8

  it('spreads input row i over rows 2i-1 .. 2i+1 of the cropped output', () => {
    expect(patchRows(k3s2p1, 0)).toEqual([0, 1]); // its first tap lands on the cropped row
    expect(patchRows(k3s2p1, 2)).toEqual([3, 4, 5]);
    expect(patchRows(k3s2p1, 3)).toEqual([5, 6, 7]);
  });

  it('counts 1, 2, 1, 2 … patches per row: the checkerboard of a 3×3 kernel with stride 2', () => {
    expect(outputCounts(k3s2p1)).toEqual([1, 2, 1, 2, 1, 2, 1, 1]);
    const scene = transposeScene(k3s2p1, { ...k3s2p1, axis: 'width' });
    expect(scene.counts[1]?.slice(0, 4)).toEqual([2, 4, 2, 4]);
    expect(scene).toMatchObject({ max: 4, uneven: true });
  });

  it('is even inside when the stride divides the kernel', () => {
    const k4s2 = transposeArithmetic('height', 4, 4, 2, 1, 0, 1);
    expect(outputCounts(k4s2)).toEqual([1, 2, 2, 2, 2, 2, 2, 1]);
    expect(transposeScene(k4s2, { ...k4s2, axis: 'width' }).uneven).toBe(false);
  });
});
