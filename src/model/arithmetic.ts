// The output size of one spatial axis of a conv / pool window, with the formula a student can follow.
// Keras / TF semantics: 'valid' adds no padding, 'same' pads so that out = ceil(in / stride) and puts the
// odd pixel of padding after (bottom / right), a number P pads P zeros on each side. A dilated kernel
// reaches d*(k-1)+1 pixels; the formula shows that reach with the block's own numbers.
import type { AxisArithmetic } from './analysis';
import { effectiveKernel } from './size2';
import type { Padding } from './spec';

export function axisArithmetic(
  axis: AxisArithmetic['axis'],
  input: number,
  kernel: number,
  stride: number,
  padding: Padding,
  dilation = 1,
): AxisArithmetic {
  const reach = effectiveKernel(kernel, dilation);
  const base = { axis, input, kernel, dilation, effectiveKernel: reach, stride };
  if (padding === 'same') {
    const output = Math.ceil(input / stride);
    const total = Math.max((output - 1) * stride + reach - input, 0);
    const padBefore = Math.floor(total / 2);
    return {
      ...base,
      padBefore,
      padAfter: total - padBefore,
      output,
      formula: `ceil(${input} / ${stride}) = ${output}`,
    };
  }
  const pad = padding === 'valid' ? 0 : padding;
  const output = Math.floor((input - reach + 2 * pad) / stride) + 1;
  // Undilated kernels show k itself; dilated ones show how k becomes the reach, d*(k-1)+1.
  const k = dilation === 1 ? `${kernel}` : `(${dilation}*(${kernel} - 1) + 1)`;
  // 'valid' leaves the padding term out: there is none, and the shorter formula is easier to read.
  const numerator = padding === 'valid' ? `${input} - ${k}` : `${input} - ${k} + 2*${pad}`;
  return {
    ...base,
    padBefore: pad,
    padAfter: pad,
    output,
    formula: `floor((${numerator}) / ${stride}) + 1 = ${output}`,
  };
}

/**
 * Real input pixels at the far edge that no window reaches because the stride does not divide the
 * padded extent. Only real pixels count: skipping a row of padding zeros loses nothing, and warning about
 * it would flag the everyday 3x3 / stride 2 / padding 1 layer. A window smaller than its stride skips
 * pixels between windows by design (ResNet's 1x1 projection with stride 2 reads every other pixel), so
 * the edge is no special loss there and nothing is reported.
 */
export function droppedPixels(a: AxisArithmetic): number {
  if (a.effectiveKernel < a.stride) return 0;
  const span = a.input + a.padBefore + a.padAfter - a.effectiveKernel;
  if (span < 0) return 0;
  return Math.max((span % a.stride) - a.padAfter, 0);
}
