// What the transposed convolution's arithmetic view draws, from the block's own arithmetic (the core's
// AxisArithmetic: padBefore is the rows cropped off the full output): the output cells one input pixel's
// patch lands on, and how many patches land on each output cell (the checkerboard). Pure.
import type { AxisArithmetic } from '../../model/analysis';
import { overlapCounts } from '../../blocks/common/transpose';

/** Output rows (of the block's own, cropped output) that input row `i`'s kernel taps land on. */
export function patchRows(a: AxisArithmetic, i: number): number[] {
  const rows: number[] = [];
  for (let t = 0; t < a.kernel; t++) {
    const o = i * a.stride + t * a.dilation - a.padBefore;
    if (o >= 0 && o < a.output) rows.push(o);
  }
  return rows;
}

/** Patches landing on each output row; rows of output padding beyond the full output get none. */
export function outputCounts(a: AxisArithmetic): number[] {
  const full = overlapCounts(a.input, a.kernel, a.stride, a.dilation);
  return Array.from({ length: a.output }, (_, o) => full[o + a.padBefore] ?? 0);
}

export interface TransposeScene {
  readonly counts: readonly (readonly number[])[];
  readonly max: number;
  /** Whether the counts differ inside the output: the checkerboard (or stripes) is there. */
  readonly uneven: boolean;
}

export function transposeScene(h: AxisArithmetic, w: AxisArithmetic): TransposeScene {
  const [rows, cols] = [outputCounts(h), outputCounts(w)];
  const counts = rows.map((r) => cols.map((c) => r * c));
  const values = counts.flat();
  // Inside: away from the edges, where fewer patches reach by the geometry alone.
  const inner = (xs: number[], a: AxisArithmetic) => xs.slice(a.effectiveKernel - 1, Math.max(xs.length - a.effectiveKernel + 1, 0));
  const uneven = new Set(inner(rows, h)).size > 1 || new Set(inner(cols, w)).size > 1;
  return { counts, max: Math.max(0, ...values), uneven };
}
