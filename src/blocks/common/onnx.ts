// What the block modules share for their ONNX emitters (src/codegen/onnx/ builds the graph around them).
// Tensors are NCHW inside the ONNX graph (ONNX's Conv and pooling layout, as in the PyTorch export), while
// the app's shapes and weights are channels-last; each emitter turns the one into the other. TensorFlow's
// 'same' padding may put one more row after than before, which ONNX's explicit [top, left, bottom, right]
// pads state directly.
import { floatAttr, type OnnxGraphBuilder } from '../../codegen/onnx/graph';
import { countValues, transpose, type NamedTensor } from '../../codegen/weights';
import type { AxisArithmetic, BlockAnalysis } from '../../model/analysis';
import type { ActivationFn, DataShape, Shape } from '../../model/spec';
import type { BlockBase } from '../types';
import { DEFAULT_ALPHA } from './options';

export interface OnnxBlockContext<B extends BlockBase = BlockBase & { readonly kind: string }> {
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

/** Adds the block's nodes and initializers to the graph and returns the name of its output tensor. */
export type OnnxEmitter<B extends BlockBase = BlockBase & { readonly kind: string }> = (c: OnnxBlockContext<B>) => string;

/** ONNX's pads [top, left, bottom, right] from the core's arithmetic of a conv / pool block. */
export function onnxPads(arithmetic: readonly AxisArithmetic[]): number[] {
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

/** One of the block's weights as an initializer, its axes reordered by `perm` (as numpy.transpose). */
export function onnxConstant(c: OnnxBlockContext, part: string, perm?: readonly number[]): string {
  const w = weight(c, part);
  const t = perm ? transpose(w.values, w.shape, perm) : { shape: [...w.shape], values: w.values };
  return c.graph.floats(`${c.out}/${part}`, t.shape, t.values);
}

/** The activation after a block's main node; `out` names its result when it is the block's last node. */
export function onnxActivate(graph: OnnxGraphBuilder, fn: ActivationFn | undefined, alpha: number | undefined, x: string, out?: string): string {
  switch (fn ?? 'linear') {
    case 'relu': return graph.node('Relu', [x], [], out);
    case 'leakyRelu': return graph.node('LeakyRelu', [x], [floatAttr('alpha', alpha ?? DEFAULT_ALPHA.leakyRelu)], out);
    case 'elu': return graph.node('Elu', [x], [floatAttr('alpha', alpha ?? DEFAULT_ALPHA.elu)], out);
    case 'sigmoid': return graph.node('Sigmoid', [x], [], out);
    case 'tanh': return graph.node('Tanh', [x], [], out);
    default: return out === undefined ? x : graph.node('Identity', [x], [], out);
  }
}

export const hasActivation = (fn: ActivationFn | undefined): boolean => fn !== undefined && fn !== 'linear';

/** x @ kernel (+ bias): the app's [in, out] kernel is Gemm's B as it is. */
export function onnxAffine(c: OnnxBlockContext, useBias: boolean, out?: string): string {
  const x = c.inputs[0] as string;
  const kernel = onnxConstant(c, 'kernel');
  if (!useBias) return c.graph.node('MatMul', [x, kernel], [], out);
  return c.graph.node('Gemm', [x, kernel, onnxConstant(c, 'bias')], [], out);
}
