// Sliding-window blocks (convolution and pooling): checks of their settings, the output size per axis
// with its formula, and Keras's parameter count (kh*kw*inC*filters + filters when there is a bias).
import type { AxisArithmetic, ModelIssue } from './analysis';
import { axisArithmetic, droppedPixels } from './arithmetic';
import { describeValue, formatShape, isPositiveInt, makeIssue } from './issues';
import type { BlockResult } from '../blocks/types';
import { isSize2, pair } from './size2';
import type { Conv2DBlock, Padding, Pool2DBlock, Shape } from './spec';

export const invalid = (blockId: string, field: string, value: unknown): ModelIssue =>
  makeIssue('invalidValue', blockId, { field, value: describeValue(value) });

export const failed = (issues: readonly ModelIssue[], arithmetic: readonly AxisArithmetic[] = []): BlockResult => ({
  shape: null, params: { trainable: 0, nonTrainable: 0 }, arithmetic, issues, shapeFormula: null, paramsFormula: null,
});

export function isPadding(value: unknown): value is Padding {
  return value === 'valid' || value === 'same' || (Number.isInteger(value) && (value as number) >= 0);
}

function checkWindow(blockId: string, kernelField: string, kernel: unknown, stride: unknown, padding: unknown) {
  const issues: ModelIssue[] = [];
  if (!isSize2(kernel)) issues.push(invalid(blockId, kernelField, kernel));
  if (!isSize2(stride)) issues.push(invalid(blockId, 'stride', stride));
  if (!isPadding(padding)) issues.push(invalid(blockId, 'padding', padding));
  return issues;
}

export function inferConv(block: Conv2DBlock, input: Shape): BlockResult {
  const dilation = block.dilation ?? 1;
  const issues = [
    ...(isPositiveInt(block.filters) ? [] : [invalid(block.id, 'filters', block.filters)]),
    ...checkWindow(block.id, 'kernel', block.kernel, block.stride, block.padding),
    ...(isSize2(dilation) ? [] : [invalid(block.id, 'dilation', dilation)]),
    ...(block.useBias === undefined || typeof block.useBias === 'boolean' ? [] : [invalid(block.id, 'useBias', block.useBias)]),
  ];
  if (issues.length > 0) return failed(issues);
  const [sh, sw] = pair(block.stride);
  const [dh, dw] = pair(dilation);
  // TensorFlow computes a convolution with either a stride or a dilation above 1, never both.
  if (Math.max(sh, sw) > 1 && Math.max(dh, dw) > 1) {
    const values = { stride: Math.max(sh, sw), dilation: Math.max(dh, dw) };
    return failed([makeIssue('strideWithDilation', block.id, values)]);
  }
  const window = inferWindow(block.id, input, block.kernel, block.stride, block.padding, dilation);
  if (window.size === null) return failed(window.issues, window.axes);
  const channels = input[2] as number;
  const [kh, kw] = pair(block.kernel);
  const { filters } = block;
  const bias = block.useBias === false ? 0 : filters;
  const weights = kh * kw * channels * filters;
  return {
    shape: [...window.size, filters],
    params: { trainable: weights + bias, nonTrainable: 0 },
    arithmetic: window.axes,
    issues: window.issues,
    shapeFormula: null,
    paramsFormula: `${kh}*${kw}*${channels}*${filters}${bias > 0 ? ` + ${bias}` : ''} = ${weights + bias}`,
  };
}

export function inferPool(block: Pool2DBlock, input: Shape): BlockResult {
  const issues = checkWindow(block.id, 'size', block.size, block.stride, block.padding);
  if (issues.length > 0) return failed(issues);
  const window = inferWindow(block.id, input, block.size, block.stride, block.padding, 1);
  if (window.size === null) return failed(window.issues, window.axes);
  return {
    shape: [...window.size, input[2] as number],
    params: { trainable: 0, nonTrainable: 0 },
    arithmetic: window.axes,
    issues: window.issues,
    shapeFormula: null,
    paramsFormula: null,
  };
}

interface WindowResult {
  /** [height, width] of the output, or null when the window cannot slide over the input. */
  readonly size: readonly [number, number] | null;
  readonly axes: readonly AxisArithmetic[];
  readonly issues: readonly ModelIssue[];
}

function inferWindow(
  blockId: string, input: Shape, kernel: Conv2DBlock['kernel'], stride: Conv2DBlock['stride'], padding: Padding,
  dilation: Conv2DBlock['kernel'],
): WindowResult {
  if (input.length !== 3) {
    return { size: null, axes: [], issues: [makeIssue('needsSpatialInput', blockId, { shape: formatShape(input) })] };
  }
  const [height, width] = input as [number, number, number];
  const [kh, kw] = pair(kernel);
  const [sh, sw] = pair(stride);
  const [dh, dw] = pair(dilation);
  const axes = [
    axisArithmetic('height', height, kh, sh, padding, dh),
    axisArithmetic('width', width, kw, sw, padding, dw),
  ] as const;
  const tooSmall = axes.filter((a) => a.output < 1);
  const first = tooSmall[0];
  if (first !== undefined) {
    const axis = tooSmall.length === 2 ? 'both' : first.axis;
    const window = `${axes[0].effectiveKernel}×${axes[1].effectiveKernel}`;
    const values = { kernel: window, padding: first.padBefore, axis, input: first.input, height, width };
    return { size: null, axes, issues: [makeIssue('kernelTooLarge', blockId, values)] };
  }
  return { size: [axes[0].output, axes[1].output], axes, issues: strideWarnings(blockId, axes) };
}

/** One warning per axis that loses pixels; one for 'both' when the two axes lose them alike. */
function strideWarnings(blockId: string, axes: readonly [AxisArithmetic, AxisArithmetic]): ModelIssue[] {
  const [h, w] = axes;
  const lossy = axes.filter((a) => droppedPixels(a) > 0);
  const alike = h.input === w.input && h.stride === w.stride && h.effectiveKernel === w.effectiveKernel
    && droppedPixels(h) === droppedPixels(w);
  const reported = lossy.length === 2 && alike ? [h] : lossy;
  return reported.map((a) =>
    makeIssue('strideDoesNotFit', blockId, {
      stride: a.stride, kernel: a.effectiveKernel, padding: a.padBefore, axis: reported === lossy ? a.axis : 'both',
      input: a.input, dropped: droppedPixels(a),
    }, 'warning'));
}
