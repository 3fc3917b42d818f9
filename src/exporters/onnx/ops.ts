// One ONNX emitter per block kind: it adds the block's nodes and initializers to the graph and returns the
// name of the block's output tensor. Tensors are NCHW inside the ONNX graph (ONNX's Conv and pooling
// layout, as in the PyTorch export), while the app's shapes and weights are channels-last; each emitter
// turns the one into the other: conv kernels HWIO -> OIHW, concat joins axis 1, global pools reduce
// axes (2, 3), flatten first moves channels last so the dense layer after it sees the app's (H, W, C)
// order. TensorFlow's 'same' padding may put one more row after than before, which ONNX's explicit
// [top, left, bottom, right] pads state directly.
import type { AxisArithmetic, BlockAnalysis } from '../../model/analysis';
import { DEFAULT_ALPHA } from '../../model/blockFields';
import type { ActivationFn, BlockKind, BlockSpec, DataShape, Shape, Size2 } from '../../model/spec';
import { countValues, transpose, type NamedTensor } from '../weights';
import { floatAttr, intAttr, intsAttr, type OnnxGraphBuilder } from './graph';

export interface OnnxBlockContext<B extends BlockSpec = BlockSpec> {
  readonly block: B;
  readonly analysis: BlockAnalysis;
  /** ONNX tensor names of the block's inputs, in the block's order. */
  readonly inputs: readonly string[];
  /** The app's (channels-last, batch-less) shape of the first input. */
  readonly inShape: Shape;
  readonly data: DataShape;
  /** The block's trained weights by part ("kernel", "bias", "gamma", ...). */
  readonly weights: ReadonlyMap<string, NamedTensor>;
  readonly graph: OnnxGraphBuilder;
  /** The name the block's output tensor must have (reserved already). */
  readonly out: string;
}

export type OnnxEmitter<B extends BlockSpec = BlockSpec> = (c: OnnxBlockContext<B>) => string;

const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);

/** ONNX's pads [top, left, bottom, right] from the core's arithmetic of a conv / pool block. */
function onnxPads(arithmetic: readonly AxisArithmetic[]): number[] {
  const h = arithmetic.find((a) => a.axis === 'height');
  const w = arithmetic.find((a) => a.axis === 'width');
  return [h?.padBefore ?? 0, w?.padBefore ?? 0, h?.padAfter ?? 0, w?.padAfter ?? 0];
}

function weight(c: OnnxBlockContext, part: string): NamedTensor {
  const w = c.weights.get(part);
  if (w === undefined) throw new Error(`ONNX export: block ${c.block.id} has no weight '${part}'`);
  if (w.values.length !== countValues(w.shape)) throw new Error(`ONNX export: ${w.name} has ${w.values.length} values for shape [${w.shape.join(', ')}]`);
  return w;
}

function constant(c: OnnxBlockContext, part: string, perm?: readonly number[]): string {
  const w = weight(c, part);
  const t = perm ? transpose(w.values, w.shape, perm) : { shape: [...w.shape], values: w.values };
  return c.graph.floats(`${c.out}/${part}`, t.shape, t.values);
}

/** The activation after a block's main node; `out` names its result when it is the block's last node. */
function activate(graph: OnnxGraphBuilder, fn: ActivationFn | undefined, alpha: number | undefined, x: string, out?: string): string {
  switch (fn ?? 'linear') {
    case 'relu': return graph.node('Relu', [x], [], out);
    case 'leakyRelu': return graph.node('LeakyRelu', [x], [floatAttr('alpha', alpha ?? DEFAULT_ALPHA.leakyRelu)], out);
    case 'elu': return graph.node('Elu', [x], [floatAttr('alpha', alpha ?? DEFAULT_ALPHA.elu)], out);
    case 'sigmoid': return graph.node('Sigmoid', [x], [], out);
    case 'tanh': return graph.node('Tanh', [x], [], out);
    default: return out === undefined ? x : graph.node('Identity', [x], [], out);
  }
}

const hasActivation = (fn: ActivationFn | undefined) => fn !== undefined && fn !== 'linear';

const conv2d: OnnxEmitter<Extract<BlockSpec, { kind: 'conv2d' }>> = (c) => {
  const { block, graph } = c;
  const inputs = [c.inputs[0] as string, constant(c, 'kernel', [3, 2, 0, 1])];
  if (block.useBias !== false) inputs.push(constant(c, 'bias'));
  const kernel = pair(block.kernel);
  const attrs = [
    intsAttr('kernel_shape', kernel), intsAttr('strides', pair(block.stride)),
    intsAttr('dilations', pair(block.dilation ?? 1)), intsAttr('pads', onnxPads(c.analysis.arithmetic)),
  ];
  const fused = hasActivation(block.activation);
  const conv = graph.node('Conv', inputs, attrs, fused ? undefined : c.out);
  return fused ? activate(graph, block.activation, undefined, conv, c.out) : conv;
};

/**
 * Where a pooling window with explicit zero padding P reaches into the padding, the app's max includes a
 * zero: 0 there, -inf elsewhere, as a [1, 1, out height, out width] tensor for Max(MaxPool(x), mask).
 * (Pad followed by MaxPool would say the same, but onnxruntime's optimizer fuses the two into one MaxPool
 * whose padding is ignored, as if it were -inf: other predictions than the file states.)
 */
function zeroPaddingMask(c: OnnxBlockContext<Extract<BlockSpec, { kind: 'maxpool2d' | 'avgpool2d' }>>): string {
  const [h, w] = [c.analysis.arithmetic.find((a) => a.axis === 'height'), c.analysis.arithmetic.find((a) => a.axis === 'width')];
  if (h === undefined || w === undefined) throw new Error(`ONNX export: pooling block ${c.block.id} has no arithmetic`);
  const touches = (a: AxisArithmetic, i: number) => i * a.stride - a.padBefore < 0 || i * a.stride - a.padBefore + a.kernel > a.input;
  const mask = new Float32Array(h.output * w.output);
  for (let i = 0; i < h.output; i++) {
    for (let j = 0; j < w.output; j++) mask[i * w.output + j] = touches(h, i) || touches(w, j) ? 0 : -Infinity;
  }
  return c.graph.floats(`${c.out}/zero_padding`, [1, 1, h.output, w.output], mask);
}

const pool = (max: boolean): OnnxEmitter<Extract<BlockSpec, { kind: 'maxpool2d' | 'avgpool2d' }>> => (c) => {
  const { block, graph } = c;
  const attrs = [intsAttr('kernel_shape', pair(block.size)), intsAttr('strides', pair(block.stride)), intsAttr('pads', onnxPads(c.analysis.arithmetic))];
  const x = c.inputs[0] as string;
  const explicit = typeof block.padding === 'number' && block.padding > 0;
  if (!max) {
    // 'same' leaves padded cells out of the average, as TensorFlow does; explicit zero padding counts them.
    return graph.node('AveragePool', [x], [...attrs, intAttr('count_include_pad', explicit ? 1 : 0)], c.out);
  }
  if (!explicit) return graph.node('MaxPool', [x], attrs, c.out);
  const pooled = graph.node('MaxPool', [x], attrs);
  return graph.node('Max', [pooled, zeroPaddingMask(c)], [], c.out);
};

const globalPool = (op: 'ReduceMean' | 'ReduceMax'): OnnxEmitter => (c) =>
  c.graph.node(op, [c.inputs[0] as string], [intsAttr('axes', [2, 3]), intAttr('keepdims', 0)], c.out);

const activation: OnnxEmitter<Extract<BlockSpec, { kind: 'activation' }>> = (c) =>
  activate(c.graph, c.block.fn, c.block.alpha, c.inputs[0] as string, c.out);

const dropout: OnnxEmitter<Extract<BlockSpec, { kind: 'dropout' }>> = (c) => {
  // Inference: Dropout passes its input through (training_mode defaults to false); the rate is kept for readers.
  const ratio = c.graph.floats(`${c.out}/ratio`, [], Float32Array.of(c.block.rate));
  return c.graph.node('Dropout', [c.inputs[0] as string, ratio], [], c.out);
};

const batchnorm: OnnxEmitter<Extract<BlockSpec, { kind: 'batchnorm' }>> = (c) => {
  const inputs = [c.inputs[0] as string, constant(c, 'gamma'), constant(c, 'beta'), constant(c, 'moving_mean'), constant(c, 'moving_variance')];
  return c.graph.node('BatchNormalization', inputs, [floatAttr('epsilon', c.block.epsilon ?? 1e-3)], c.out);
};

const flatten: OnnxEmitter = (c) => {
  const x = c.inputs[0] as string;
  if (c.inShape.length <= 1) return c.graph.node('Identity', [x], [], c.out);
  const channelsLast = c.graph.node('Transpose', [x], [intsAttr('perm', [0, 2, 3, 1])]);
  return c.graph.node('Flatten', [channelsLast], [intAttr('axis', 1)], c.out);
};

/** x @ kernel (+ bias): the app's [in, out] kernel is Gemm's B as it is. */
function affine(c: OnnxBlockContext, useBias: boolean, out?: string): string {
  const x = c.inputs[0] as string;
  const kernel = constant(c, 'kernel');
  if (!useBias) return c.graph.node('MatMul', [x, kernel], [], out);
  return c.graph.node('Gemm', [x, kernel, constant(c, 'bias')], [], out);
}

const dense: OnnxEmitter<Extract<BlockSpec, { kind: 'dense' }>> = (c) => {
  const fused = hasActivation(c.block.activation);
  const y = affine(c, c.block.useBias !== false, fused ? undefined : c.out);
  return fused ? activate(c.graph, c.block.activation, undefined, y, c.out) : y;
};

const softmax: OnnxEmitter = (c) => c.graph.node('Softmax', [affine(c, true)], [intAttr('axis', 1)], c.out);

/** The input block is the graph's input; nothing to add. */
const input: OnnxEmitter = (c) => c.inputs[0] as string;

export const ONNX_EMITTERS: { readonly [K in BlockKind]: OnnxEmitter<Extract<BlockSpec, { kind: K }>> } = {
  input,
  conv2d,
  activation,
  maxpool2d: pool(true),
  avgpool2d: pool(false),
  globalavgpool: globalPool('ReduceMean'),
  globalmaxpool: globalPool('ReduceMax'),
  dropout,
  batchnorm,
  add: (c) => c.graph.node('Sum', c.inputs, [], c.out),
  concat: (c) => c.graph.node('Concat', c.inputs, [intAttr('axis', 1)], c.out),
  flatten,
  dense,
  softmax,
};

/** Calls the emitter of the block's kind (the one place that narrows a block to its kind's emitter). */
export function emitBlock(c: OnnxBlockContext): string {
  const emit = ONNX_EMITTERS[c.block.kind] as OnnxEmitter;
  return emit(c);
}
