import { describe, expect, it } from 'vitest';
import { channelOf, convolve, makeImage, multiplyAdds, sourceIndex } from './convolve';
import { findKernel, kernelIdOf, KERNELS } from './kernels';
import { kernelDistance, learnStep, makeLearnTask, startLearning } from './learnKernel';

const sobelX = findKernel('sobelX')!;
// A 4x4 grey image with a vertical step edge between columns 1 and 2, and a bright pixel on its first row:
//  1 1 5 5
//  1 1 5 5
//  1 1 5 5
//  1 1 5 5
const step = makeImage(4, 4, 1, [1, 1, 5, 5, 1, 1, 5, 5, 1, 1, 5, 5, 1, 1, 5, 5]);
// The Sobel x kernel [-1 0 1; -2 0 2; -1 0 1] on that image, worked out by hand. Interior pixel (1,1):
// -1*1 + 1*5 - 2*1 + 2*5 - 1*1 + 1*5 = 16; (2,1): -1*1 + 1*5 - 2*1 + 2*5 - 1*1 + 1*5 = 16.
describe('convolution with each padding mode', () => {
  it('zero padding: the border reads zeros, so the image edge looks like an edge too', () => {
    const out = convolve(step, sobelX, 'zero');
    // Row 0, x = 0: neighbours (-1,-1..1) are zero; right column (1, 0) and (1, 1) give 2*1 + 1*1 = 3.
    // Row 0, x = 1: left x=0 gives -(2*1 + 1*1) = -3, right x=2 gives 2*5 + 1*5 = 15 -> 12.
    // Row 0, x = 3: left x=2 gives -(2*5 + 5) = -15, right is padding -> -15.
    expect([...out.data.subarray(0, 4)]).toEqual([3, 12, 12, -15]);
    // Row 1 (full column of three): x=0: 0 - 0 + (1 + 2 + 1)*1 = 4; x=1: -(4*1) + 4*5 = 16.
    expect([...out.data.subarray(4, 8)]).toEqual([4, 16, 16, -20]);
  });

  it('replicate: the border copies the edge pixel, so flat regions stay flat', () => {
    const out = convolve(step, sobelX, 'replicate');
    expect([...out.data]).toEqual([0, 16, 16, 0, 0, 16, 16, 0, 0, 16, 16, 0, 0, 16, 16, 0]);
  });

  it('mirror: the border mirrors about the edge pixel (column -1 reads column 1)', () => {
    // A ramp shows the difference from replicate: 0 2 4 6 per row.
    const ramp = makeImage(4, 2, 1, [0, 2, 4, 6, 0, 2, 4, 6]);
    const mirror = convolve(ramp, sobelX, 'mirror');
    // x = 0: column -1 mirrors to column 1 (value 2): (2 - 2) * 4 = 0; x = 3: column 4 mirrors to column 2 (4): (4 - 4) * 4 = 0.
    expect([...mirror.data]).toEqual([0, 16, 16, 0, 0, 16, 16, 0]);
    const replicate = convolve(ramp, sobelX, 'replicate');
    // Replicate: x = 0 reads 0 on the left -> (2 - 0) * 4 = 8; x = 3 reads 6 on the right -> (6 - 4) * 4 = 8.
    expect([...replicate.data]).toEqual([8, 16, 16, 8, 8, 16, 16, 8]);
  });

  it('maps out-of-range coordinates for each mode, folding for kernels wider than the image', () => {
    expect([-2, -1, 0, 3, 4, 5].map((i) => sourceIndex(i, 4, 'zero'))).toEqual([-1, -1, 0, 3, -1, -1]);
    expect([-2, -1, 0, 3, 4, 5].map((i) => sourceIndex(i, 4, 'replicate'))).toEqual([0, 0, 0, 3, 3, 3]);
    expect([-2, -1, 0, 3, 4, 5].map((i) => sourceIndex(i, 4, 'mirror'))).toEqual([2, 1, 0, 3, 2, 1]);
    expect([-3, -2, 2, 3].map((i) => sourceIndex(i, 2, 'mirror'))).toEqual([1, 0, 0, 1]);
    expect(sourceIndex(-2, 1, 'mirror')).toBe(0);
  });

  it('filters each colour channel on its own', () => {
    // 2x2 RGB: red 1 everywhere, green 0, blue a single bright pixel.
    const img = makeImage(2, 2, 3, [1, 0, 4, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
    const out = convolve(img, findKernel('boxBlur')!, 'zero');
    // Each pixel's 3x3 window holds all four pixels: red sum 4/9, green 0, blue 4/9.
    for (let p = 0; p < 4; p++) {
      expect(out.data[p * 3]).toBeCloseTo(4 / 9, 6);
      expect(out.data[p * 3 + 1]).toBe(0);
      expect(out.data[p * 3 + 2]).toBeCloseTo(4 / 9, 6);
    }
    expect([...channelOf(img, 2).data]).toEqual([4, 0, 0, 0]);
  });

  it('writes out the multiply-adds of one output pixel, padding marked, summing to the output', () => {
    const { terms, sum } = multiplyAdds(step, sobelX, 'zero', 0, 0, 0);
    expect(terms).toHaveLength(9);
    expect(terms.filter((t) => t.padded)).toHaveLength(5);
    expect(terms[5]).toMatchObject({ kx: 2, ky: 1, x: 1, y: 0, input: 1, weight: 2, padded: false });
    expect(sum).toBe(convolve(step, sobelX, 'zero').data[0]);
  });

  it('identity leaves an image as it is; the table names its kernels', () => {
    expect([...convolve(step, findKernel('identity')!, 'zero').data]).toEqual([...step.data]);
    expect(KERNELS.map((k) => k.id)).toEqual(expect.arrayContaining(['edge1', 'edge2', 'edge3', 'sharpen', 'boxBlur', 'gaussian3']));
    expect(findKernel('gaussian3')!.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(findKernel('gaussian5')!.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(kernelIdOf({ size: 3, values: [0, -1, 0, -1, 5, -1, 0, -1, 0] })).toBe('sharpen');
    expect(kernelIdOf({ size: 3, values: [0, -1, 0, -1, 6, -1, 0, -1, 0] })).toBeNull();
  });
});

describe('learning a kernel by gradient descent', () => {
  // A seeded random image: every 3x3 patch direction is present, as in a textured photo.
  const noise = (w: number, h: number, seed: number) => {
    let s = seed;
    return makeImage(w, h, 1, Array.from({ length: w * h }, () => ((s = (s * 1103515245 + 12345) >>> 0) % 1000) / 1000));
  };

  it('recovers a hidden Sobel kernel from a blank grid, the loss falling', () => {
    const task = makeLearnTask(noise(16, 16, 3), sobelX);
    let state = startLearning(3);
    for (let i = 0; i < 400; i++) state = learnStep(task, state);
    expect(kernelDistance(state.kernel, sobelX)).toBeLessThan(0.02);
    const { losses } = state;
    expect(losses[0]).toBeGreaterThan(0.5);
    expect(losses.at(-1)).toBeLessThan(1e-4);
    // Plain descent with a step below 1 / curvature never raises the loss.
    expect(losses.every((l, i) => i === 0 || l <= (losses[i - 1] as number) + 1e-12)).toBe(true);
  });
});
