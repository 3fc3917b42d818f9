// Turning probe tensors into plain typed arrays: the tensor work happens in a tidy that returns the
// tensors to read, which are read back together (one wait) and disposed whatever happens.
import * as tf from '@tensorflow/tfjs';
import type { BlockSpec } from '../../model/spec';
import type { BuiltModel } from '../builtModel';
import type { ClassTemplates, KernelStack, MapStack } from '../api/probeTypes';

export interface ProbeLimits {
  /** Channels sent per block (the first ones). */
  readonly maxChannels: number;
  /** Maps larger than this on a side are resized down to it. */
  readonly maxSide: number;
  /** Units sent for a flat (dense) block. */
  readonly maxUnits: number;
  /** Kernels sent per conv layer: output and input channels. */
  readonly maxKernelOut: number;
  readonly maxKernelIn: number;
}

export const DEFAULT_LIMITS: ProbeLimits = { maxChannels: 32, maxSide: 64, maxUnits: 1024, maxKernelOut: 32, maxKernelIn: 16 };

/** Reads tensors back and disposes them, even when a read fails. */
export async function readAll(tensors: readonly tf.Tensor[]): Promise<Float32Array[]> {
  try {
    const arrays = await Promise.all(tensors.map((t) => t.data()));
    return arrays.map((a) => (a instanceof Float32Array ? a : Float32Array.from(a as ArrayLike<number>)));
  } finally {
    tf.dispose(tensors as tf.Tensor[]);
  }
}

export interface PendingMap {
  readonly meta: Omit<MapStack, 'values'>;
  readonly tensor: tf.Tensor;
}

/** One block's output for one example as channel-major maps, capped and downsampled. Call inside a tidy. */
export function mapTensor(id: string, value: tf.Tensor, limits: ProbeLimits): PendingMap | null {
  if (value.rank === 2) {
    const total = value.shape[1] as number;
    const units = Math.min(total, limits.maxUnits);
    const meta = { id, height: 1, width: units, channels: 1, totalChannels: 1, fullHeight: 1, fullWidth: total };
    return { meta, tensor: tf.slice(value, [0, 0], [1, units]).reshape([units]) };
  }
  // Tokens [N, D]: one map, a row per token.
  if (value.rank === 3) return mapTensor(id, tf.expandDims(value, 3), limits);
  if (value.rank !== 4) return null;
  const [, fullHeight = 0, fullWidth = 0, totalChannels = 0] = value.shape;
  const channels = Math.min(totalChannels, limits.maxChannels);
  let maps = tf.slice(value, [0, 0, 0, 0], [1, fullHeight, fullWidth, channels]) as tf.Tensor4D;
  const scale = Math.min(1, limits.maxSide / Math.max(fullHeight, fullWidth));
  const height = Math.max(1, Math.round(fullHeight * scale));
  const width = Math.max(1, Math.round(fullWidth * scale));
  if (scale < 1) maps = tf.image.resizeBilinear(maps, [height, width]);
  const tensor = tf.transpose(maps.reshape([height, width, channels]), [2, 0, 1]);
  return { meta: { id, height, width, channels, totalChannels, fullHeight, fullWidth }, tensor };
}

export interface PendingKernels {
  readonly meta: Omit<KernelStack, 'values'>;
  readonly tensor: tf.Tensor;
}

/** A conv kernel [kh, kw, in, out] as [out, in, kh, kw], first channels only. Call inside a tidy. */
export function kernelTensor(id: string, kernel: tf.Tensor, limits: ProbeLimits): PendingKernels {
  const [kh = 0, kw = 0, totalIn = 0, totalOut = 0] = kernel.shape;
  const inChannels = Math.min(totalIn, limits.maxKernelIn);
  const outChannels = Math.min(totalOut, limits.maxKernelOut);
  const sliced = tf.slice(kernel, [0, 0, 0, 0], [kh, kw, inChannels, outChannels]);
  return { meta: { id, kh, kw, inChannels, outChannels, totalIn, totalOut }, tensor: tf.transpose(sliced, [3, 2, 0, 1]) };
}

export interface PendingTemplates {
  readonly meta: Omit<ClassTemplates, 'values'>;
  readonly tensor: tf.Tensor;
}

/**
 * The softmax block's weights as one image per class ([classes, in]), shaped like the block that feeds
 * the flatten before it when the sizes agree (a linear classifier on pixels gives image-sized templates).
 */
export function templateTensor(network: BuiltModel, maxUnits: number): PendingTemplates | null {
  const output = network.blocks.get(network.outputId);
  const kernel = output?.kernel?.read();
  if (!output || !kernel || kernel.rank !== 2) return null;
  const [inUnits = 0, classes = 0] = kernel.shape;
  if (inUnits > maxUnits * 8) return null; // too big to be worth a picture
  const [height, width, channels] = templateShape(network, output.spec, inUnits);
  const meta = { id: output.id, height, width, channels, classes };
  return { meta, tensor: tf.transpose(kernel) };
}

function templateShape(network: BuiltModel, output: BlockSpec, inUnits: number): [number, number, number] {
  // The block before the head only reshapes when it has as many values as its own input (a flatten; the
  // sizes decide, not its kind): then the templates take that input's height, width and channels.
  const flatten = network.blocks.get(output.inputs[0] ?? '');
  const before = flatten?.spec.inputs.length === 1 ? network.blocks.get(flatten.spec.inputs[0] ?? '') : undefined;
  const shape = (before?.output ?? (flatten && flatten.spec.inputs[0] === network.inputId ? network.inputLayer : undefined))
    ?.outputShape as (number | null)[] | undefined;
  if (Array.isArray(shape) && shape.length === 4) {
    const [, h, w, c] = shape as number[];
    if (h && w && c && h * w * c === inUnits) return [h, w, c];
  }
  return [1, inUnits, 1];
}
