// Output shape, parameter count and window arithmetic of one block, given the shape that flows into it.
// Keras conventions throughout (channels-last, conv params = k*k*inC*filters + filters), so the tfjs model
// built from the same spec agrees with every number shown here. Values are checked at run time because
// a spec may come from a link: nothing here throws, problems come back as issues.
import type { AxisArithmetic, ModelIssue } from './analysis';
import { axisArithmetic, droppedPixels } from './arithmetic';
import {
  countElements, describeValue, formatShape, isPositiveInt, makeIssue, SIZE_LIMIT,
} from './issues';
import type { ActivationFn, BlockSpec, Conv2DBlock, DataShape, Padding, Pool2DBlock, Shape } from './spec';

export interface BlockResult {
  readonly shape: Shape | null;
  readonly params: number;
  readonly arithmetic: readonly AxisArithmetic[];
  readonly issues: readonly ModelIssue[];
}

export const ACTIVATION_FNS: readonly ActivationFn[] = ['relu', 'sigmoid', 'tanh', 'linear'];

const ok = (shape: Shape, params = 0): BlockResult => ({ shape, params, arithmetic: [], issues: [] });

/** No shape: later blocks then stay uncomputed, but only this block carries the issues. */
const failed = (issues: readonly ModelIssue[], arithmetic: readonly AxisArithmetic[] = []): BlockResult => ({
  shape: null, params: 0, arithmetic, issues,
});

const invalid = (blockId: string, field: string, value: unknown): ModelIssue =>
  makeIssue('invalidValue', blockId, { field, value: describeValue(value) });

/** `input` is the shape flowing in (null for the input block, which reads the dataset's shape). */
export function inferBlock(block: BlockSpec, input: Shape | null, data: DataShape): BlockResult {
  if (block.kind === 'input') return limitSize(block.id, inferInput(block.id, data));
  if (input === null) return failed([]);
  return limitSize(block.id, inferFromInput(block, input, data));
}

function inferFromInput(block: BlockSpec, input: Shape, data: DataShape): BlockResult {
  switch (block.kind) {
    case 'conv2d':
      return inferConv(block, input);
    case 'maxpool2d':
    case 'avgpool2d':
      return inferPool(block, input);
    case 'activation':
      return ACTIVATION_FNS.includes(block.fn) ? ok(input) : failed([invalid(block.id, 'fn', block.fn)]);
    case 'flatten':
      return ok([countElements(input)]);
    case 'dense':
      return inferDense(block.id, input, block.units, 'units');
    case 'softmax':
      // The classifier head: a dense layer with one unit per class, then softmax.
      return inferDense(block.id, input, data?.numClasses, 'numClasses');
    default:
      return failed([]);
  }
}

function inferInput(blockId: string, data: DataShape): BlockResult {
  const shape: unknown = data?.inputShape;
  if (Array.isArray(shape) && shape.length > 0 && shape.every(isPositiveInt)) return ok([...shape]);
  const shown = Array.isArray(shape) ? shape.map(describeValue).join('×') : shape;
  return failed([invalid(blockId, 'inputShape', shown)]);
}

function inferDense(blockId: string, input: Shape, units: unknown, field: string): BlockResult {
  if (!isPositiveInt(units)) return failed([invalid(blockId, field, units)]);
  if (input.length !== 1) {
    return failed([makeIssue('denseNeedsFlatten', blockId, { shape: formatShape(input) })]);
  }
  const inputs = input[0] as number;
  return ok([units], inputs * units + units);
}

function inferConv(block: Conv2DBlock, input: Shape): BlockResult {
  const issues = [
    ...(isPositiveInt(block.filters) ? [] : [invalid(block.id, 'filters', block.filters)]),
    ...checkWindow(block.id, 'kernel', block.kernel, block.stride, block.padding),
  ];
  if (issues.length > 0) return failed(issues);
  const window = inferWindow(block.id, input, block.kernel, block.stride, block.padding);
  if (window.size === null) return failed(window.issues, window.axes);
  const channels = input[2] as number;
  const { kernel, filters } = block;
  return {
    shape: [...window.size, filters],
    params: kernel * kernel * channels * filters + filters,
    arithmetic: window.axes,
    issues: window.issues,
  };
}

function inferPool(block: Pool2DBlock, input: Shape): BlockResult {
  const issues = checkWindow(block.id, 'size', block.size, block.stride, block.padding);
  if (issues.length > 0) return failed(issues);
  const window = inferWindow(block.id, input, block.size, block.stride, block.padding);
  if (window.size === null) return failed(window.issues, window.axes);
  return { shape: [...window.size, input[2] as number], params: 0, arithmetic: window.axes, issues: window.issues };
}

function isPadding(value: unknown): value is Padding {
  return value === 'valid' || value === 'same' || (Number.isInteger(value) && (value as number) >= 0);
}

function checkWindow(blockId: string, kernelField: string, kernel: unknown, stride: unknown, padding: unknown) {
  const issues: ModelIssue[] = [];
  if (!isPositiveInt(kernel)) issues.push(invalid(blockId, kernelField, kernel));
  if (!isPositiveInt(stride)) issues.push(invalid(blockId, 'stride', stride));
  if (!isPadding(padding)) issues.push(invalid(blockId, 'padding', padding));
  return issues;
}

interface WindowResult {
  /** [height, width] of the output, or null when the window cannot slide over the input. */
  readonly size: readonly [number, number] | null;
  readonly axes: readonly AxisArithmetic[];
  readonly issues: readonly ModelIssue[];
}

function inferWindow(blockId: string, input: Shape, kernel: number, stride: number, padding: Padding): WindowResult {
  if (input.length !== 3) {
    return { size: null, axes: [], issues: [makeIssue('needsSpatialInput', blockId, { shape: formatShape(input) })] };
  }
  const [height, width] = input as [number, number, number];
  const axes = [
    axisArithmetic('height', height, kernel, stride, padding),
    axisArithmetic('width', width, kernel, stride, padding),
  ] as const;
  const tooSmall = axes.filter((a) => a.output < 1);
  const first = tooSmall[0];
  if (first !== undefined) {
    const axis = tooSmall.length === 2 ? 'both' : first.axis;
    const values = { kernel, padding: first.padBefore, axis, input: first.input, height, width };
    return { size: null, axes, issues: [makeIssue('kernelTooLarge', blockId, values)] };
  }
  return { size: [axes[0].output, axes[1].output], axes, issues: strideWarnings(blockId, axes) };
}

/** One warning per axis that loses pixels; one for 'both' when the two axes lose them alike. */
function strideWarnings(blockId: string, axes: readonly [AxisArithmetic, AxisArithmetic]): ModelIssue[] {
  const [h, w] = axes;
  const lossy = axes.filter((a) => droppedPixels(a) > 0);
  const alike = h.input === w.input && droppedPixels(h) === droppedPixels(w);
  const reported = lossy.length === 2 && alike ? [h] : lossy;
  return reported.map((a) =>
    makeIssue('strideDoesNotFit', blockId, {
      stride: a.stride, kernel: a.kernel, padding: a.padBefore, axis: reported === lossy ? a.axis : 'both',
      input: a.input, dropped: droppedPixels(a),
    }, 'warning'));
}

/** Refuse tensors and weight counts no browser could hold (also catches 1e12-sized garbage). */
function limitSize(blockId: string, result: BlockResult): BlockResult {
  if (result.shape === null) return result;
  const elements = countElements(result.shape);
  if (elements > SIZE_LIMIT) {
    return failed([...result.issues, makeIssue('tooLarge', blockId, { elements, limit: SIZE_LIMIT })], result.arithmetic);
  }
  if (result.params > SIZE_LIMIT) {
    const params = result.params;
    return failed([...result.issues, makeIssue('tooManyParams', blockId, { params, limit: SIZE_LIMIT })], result.arithmetic);
  }
  return result;
}
