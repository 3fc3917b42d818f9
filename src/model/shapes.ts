// Output shape, parameter count and arithmetic of one block, given the shapes that flow into it.
// Keras conventions throughout (channels-last, conv params = kh*kw*inC*filters + bias, batch norm's moving
// statistics non-trainable), so the tfjs model built from the same spec agrees with every number shown
// here. Values are checked at run time because a spec may come from a link: nothing here throws,
// problems come back as issues.
import type { AxisArithmetic, ModelIssue, ParamCount } from './analysis';
import { countElements, formatShape, isPositiveInt, makeIssue, SIZE_LIMIT, describeValue } from './issues';
import { failed, inferConv, inferPool, invalid } from './windows';
import type {
  ActivationFn, BatchNormBlock, BlockSpec, DataShape, DenseBlock, InitName, Shape,
} from './spec';

export interface BlockResult {
  readonly shape: Shape | null;
  readonly params: ParamCount;
  readonly arithmetic: readonly AxisArithmetic[];
  readonly issues: readonly ModelIssue[];
  readonly shapeFormula: string | null;
  readonly paramsFormula: string | null;
}

export const ACTIVATION_FNS: readonly ActivationFn[] = ['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'linear'];
export const INIT_NAMES: readonly InitName[] = [
  'glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal', 'zeros', 'largeNormal',
];

const ok = (shape: Shape, more: Partial<BlockResult> = {}): BlockResult => ({
  shape, params: { trainable: 0, nonTrainable: 0 }, arithmetic: [], issues: [], shapeFormula: null, paramsFormula: null,
  ...more,
});

/** `inputs` are the shapes flowing in, in the block's input order (empty for the input block). */
export function inferBlock(block: BlockSpec, inputs: readonly Shape[], data: DataShape): BlockResult {
  if (block.kind === 'input') return limitSize(block.id, inferInput(block.id, data));
  const first = inputs[0];
  if (first === undefined) return failed([]);
  return limitSize(block.id, inferFromInput(block, first, inputs, data));
}

function inferFromInput(block: BlockSpec, input: Shape, inputs: readonly Shape[], data: DataShape): BlockResult {
  switch (block.kind) {
    case 'conv2d':
      return withOptions(block.id, block, inferConv(block, input));
    case 'maxpool2d':
    case 'avgpool2d':
      return inferPool(block, input);
    case 'globalavgpool':
    case 'globalmaxpool':
      return inferGlobalPool(block.id, input);
    case 'activation':
      return checkActivation(block.id, 'fn', block.fn, block.alpha) ?? ok(input);
    case 'dropout':
      return isRate(block.rate) ? ok(input) : failed([invalid(block.id, 'rate', block.rate)]);
    case 'batchnorm':
      return inferBatchNorm(block, input);
    case 'add':
      return inferAdd(block.id, inputs);
    case 'concat':
      return inferConcat(block.id, inputs);
    case 'flatten':
      return inferFlatten(input);
    case 'dense':
      return withOptions(block.id, block, inferDense(block.id, input, block.units, 'units', block.useBias !== false));
    case 'softmax':
      // The classifier head: a dense layer with one unit per class, then softmax.
      return withOptions(block.id, block, inferDense(block.id, input, data?.numClasses, 'numClasses', true));
    default:
      return failed([]);
  }
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value < 1;
}

function checkActivation(blockId: string, field: string, fn: unknown, alpha: unknown): BlockResult | null {
  if (!ACTIVATION_FNS.includes(fn as ActivationFn)) return failed([invalid(blockId, field, fn)]);
  const finite = typeof alpha === 'number' && Number.isFinite(alpha) && alpha >= 0;
  if (alpha !== undefined && !finite) return failed([invalid(blockId, 'alpha', alpha)]);
  return null;
}

/** The options conv, dense and softmax share: a fused activation, a bias switch and an initialiser. */
function withOptions(
  blockId: string, block: Partial<Pick<DenseBlock, 'activation' | 'useBias' | 'init'>>, result: BlockResult,
): BlockResult {
  const issues: ModelIssue[] = [];
  if (block.activation !== undefined) {
    const bad = checkActivation(blockId, 'activation', block.activation, undefined);
    if (bad !== null) issues.push(...bad.issues);
  }
  if (block.useBias !== undefined && typeof block.useBias !== 'boolean') issues.push(invalid(blockId, 'useBias', block.useBias));
  if (block.init !== undefined && !INIT_NAMES.includes(block.init)) issues.push(invalid(blockId, 'init', block.init));
  return issues.length === 0 ? result : failed([...result.issues, ...issues], result.arithmetic);
}

function inferInput(blockId: string, data: DataShape): BlockResult {
  const shape: unknown = data?.inputShape;
  if (Array.isArray(shape) && shape.length > 0 && shape.every(isPositiveInt)) return ok([...shape]);
  const shown = Array.isArray(shape) ? shape.map(describeValue).join('×') : shape;
  return failed([invalid(blockId, 'inputShape', shown)]);
}

function inferFlatten(input: Shape): BlockResult {
  const size = countElements(input);
  return ok([size], { shapeFormula: input.length > 1 ? `${input.join('×')} = ${size}` : null });
}

function inferDense(blockId: string, input: Shape, units: unknown, field: string, bias: boolean): BlockResult {
  if (!isPositiveInt(units)) return failed([invalid(blockId, field, units)]);
  if (input.length !== 1) {
    return failed([makeIssue('denseNeedsFlatten', blockId, { shape: formatShape(input) })]);
  }
  const inputs = input[0] as number;
  const total = inputs * units + (bias ? units : 0);
  return ok([units], {
    params: { trainable: total, nonTrainable: 0 },
    paramsFormula: `${inputs}*${units}${bias ? ` + ${units}` : ''} = ${total}`,
  });
}

function inferGlobalPool(blockId: string, input: Shape): BlockResult {
  if (input.length !== 3) return failed([makeIssue('needsSpatialInput', blockId, { shape: formatShape(input) })]);
  const channels = input[2] as number;
  return ok([channels], { shapeFormula: `${formatShape(input)} → ${channels}` });
}

function inferBatchNorm(block: BatchNormBlock, input: Shape): BlockResult {
  const { momentum, epsilon } = block;
  if (momentum !== undefined && !(typeof momentum === 'number' && momentum >= 0 && momentum <= 1)) {
    return failed([invalid(block.id, 'momentum', momentum)]);
  }
  if (epsilon !== undefined && !(typeof epsilon === 'number' && epsilon > 0 && epsilon < 1)) {
    return failed([invalid(block.id, 'epsilon', epsilon)]);
  }
  // One gamma, beta, moving mean and moving variance per channel (the last axis), as Keras does.
  const c = input[input.length - 1] as number;
  return ok(input, {
    params: { trainable: 2 * c, nonTrainable: 2 * c },
    paramsFormula: `2*${c} + 2*${c} = ${4 * c}`,
  });
}

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
const listShapes = (inputs: readonly Shape[]) => inputs.map(formatShape).join(', ');

function inferAdd(blockId: string, inputs: readonly Shape[]): BlockResult {
  const [first] = inputs as [Shape];
  if (!inputs.every((s) => sameShape(s, first))) {
    return failed([makeIssue('addShapeMismatch', blockId, { shapes: listShapes(inputs) })]);
  }
  return ok(first, { shapeFormula: `${inputs.map(formatShape).join(' + ')} → ${formatShape(first)}` });
}

/** Along the last (channel) axis; every other dimension must agree. */
function inferConcat(blockId: string, inputs: readonly Shape[]): BlockResult {
  const [first] = inputs as [Shape];
  const rest = (s: Shape) => s.slice(0, -1);
  if (!inputs.every((s) => s.length === first.length && sameShape(rest(s), rest(first)))) {
    return failed([makeIssue('concatMismatch', blockId, { shapes: listShapes(inputs) })]);
  }
  const channels = inputs.map((s) => s[s.length - 1] as number);
  const total = channels.reduce((a, b) => a + b, 0);
  return ok([...rest(first), total], { shapeFormula: `${channels.join(' + ')} = ${total}` });
}

/** Refuse tensors and weight counts no browser could hold (also catches 1e12-sized garbage). */
function limitSize(blockId: string, result: BlockResult): BlockResult {
  if (result.shape === null) return result;
  const elements = countElements(result.shape);
  if (elements > SIZE_LIMIT) {
    return failed([...result.issues, makeIssue('tooLarge', blockId, { elements, limit: SIZE_LIMIT })], result.arithmetic);
  }
  const params = result.params.trainable + result.params.nonTrainable;
  if (params > SIZE_LIMIT) {
    return failed([...result.issues, makeIssue('tooManyParams', blockId, { params, limit: SIZE_LIMIT })], result.arithmetic);
  }
  return result;
}
