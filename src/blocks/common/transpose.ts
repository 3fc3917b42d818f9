// The arithmetic of a transposed convolution along one axis. Every input pixel spreads its value over a
// kernel-sized patch of the output, `stride` pixels further on for the next input pixel: the full output
// is (in - 1)*s + d*(k - 1) + 1 long. PyTorch then crops `padding` from each end and adds `outputPadding`
// rows after (ConvTranspose2d); TensorFlow's 'same' crops so the output is in * s, the odd row after.
// Both are one plan: crop `cropBefore` / `cropAfter` off a full output grown by `extra` rows at the end.
import type { AxisArithmetic } from '../../model/analysis';
import { effectiveKernel } from '../../model/size2';
import type { Padding } from '../../model/spec';

export interface TransposePlan {
  /** (in - 1)*s + d*(k - 1) + 1: where every input pixel's patch lands, before any crop. */
  readonly full: number;
  /** Rows after the full output that no patch reaches (only the bias lands there). */
  readonly extra: number;
  readonly cropBefore: number;
  readonly cropAfter: number;
  readonly output: number;
}

export function transposePlan(input: number, kernel: number, stride: number, padding: Padding, outputPadding: number, dilation: number): TransposePlan {
  const reach = effectiveKernel(kernel, dilation);
  const full = (input - 1) * stride + reach;
  if (padding === 'same') {
    // The adjoint of TensorFlow's 'same' convolution from in*s pixels down to in: same split of the padding.
    const total = Math.max(reach - stride, 0);
    const cropBefore = Math.floor(total / 2);
    const extra = Math.max(stride - reach, 0);
    return { full, extra, cropBefore, cropAfter: total - cropBefore, output: input * stride };
  }
  const p = padding === 'valid' ? 0 : padding;
  return { full, extra: outputPadding, cropBefore: p, cropAfter: p, output: full - 2 * p + outputPadding };
}

/** PyTorch's formula with the block's own numbers (the dilation term only when there is one). */
function formulaOf(input: number, kernel: number, stride: number, padding: Padding, outputPadding: number, dilation: number, output: number): string {
  if (padding === 'same') return `${input} * ${stride} = ${output}`;
  const k = dilation === 1 ? `(${kernel} - 1)` : `${dilation}*(${kernel} - 1)`;
  const pad = padding === 'valid' || padding === 0 ? '' : ` - 2*${padding}`;
  const op = outputPadding === 0 ? '' : ` + ${outputPadding}`;
  return `(${input} - 1)*${stride}${pad} + ${k}${op} + 1 = ${output}`;
}

/**
 * The core's arithmetic record of one axis: padBefore / padAfter are the rows cropped off the full
 * output (a transposed convolution's padding removes output, where a convolution's adds input).
 */
export function transposeArithmetic(
  axis: AxisArithmetic['axis'], input: number, kernel: number, stride: number, padding: Padding, outputPadding: number, dilation: number,
): AxisArithmetic {
  const plan = transposePlan(input, kernel, stride, padding, outputPadding, dilation);
  return {
    axis, input, kernel, dilation, effectiveKernel: effectiveKernel(kernel, dilation), stride,
    padBefore: plan.cropBefore, padAfter: plan.cropAfter, output: plan.output,
    formula: formulaOf(input, kernel, stride, padding, outputPadding, dilation, plan.output),
  };
}

/**
 * How many (input pixel, kernel tap) pairs land on each row of the full output along one axis. A kernel
 * whose reach the stride does not divide lands unevenly (3 with stride 2: 1, 1, 2, 1, 2, ..., 1); over two
 * axes the counts multiply into the checkerboard a transposed convolution paints before it has learnt.
 */
export function overlapCounts(input: number, kernel: number, stride: number, dilation = 1): number[] {
  const counts = new Array<number>((input - 1) * stride + dilation * (kernel - 1) + 1).fill(0);
  for (let i = 0; i < input; i++) {
    for (let t = 0; t < kernel; t++) counts[i * stride + t * dilation]! += 1;
  }
  return counts;
}

/** The 2-D counts over the block's own output (the cropped rows and columns left out), row-major. */
export function overlapGrid(h: TransposePlan & { counts: readonly number[] }, w: TransposePlan & { counts: readonly number[] }): number[][] {
  const row = (p: typeof h, o: number) => p.counts[o + p.cropBefore] ?? 0; // the output padding rows get none
  return Array.from({ length: h.output }, (_, r) => Array.from({ length: w.output }, (_, c) => row(h, r) * row(w, c)));
}
