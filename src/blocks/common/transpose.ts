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
