// Per-axis sizes (kernel, stride, dilation, pool window): a number means the same for height and width,
// a pair is [height, width]. Specs may come from a link, so the checks accept unknown values.
import { isPositiveInt } from './issues';
import type { Size2 } from './spec';

/** [height, width] of a Size2 that has passed isSize2. */
export function pair(size: Size2): [number, number] {
  return typeof size === 'number' ? [size, size] : [size[0], size[1]];
}

/** A whole number of 1 or more, or a pair of them. */
export function isSize2(value: unknown): value is Size2 {
  if (isPositiveInt(value)) return true;
  return Array.isArray(value) && value.length === 2 && value.every(isPositiveInt);
}

/** "3×3" for a square window, "1×7" otherwise: language-neutral, for sentences and summaries. */
export function formatSize2(size: Size2): string {
  const [h, w] = pair(size);
  return `${h}×${w}`;
}

/** d*(k-1)+1: how far a dilated kernel reaches (a 3x3 kernel with dilation 2 covers 5x5 pixels). */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}
