// ModelSpec -> tf.LayersModel, through the functional API in the core's topological order. The pure core
// decides what is valid and what every shape is; this file only translates, so the numbers the UI shows
// (analyzeModel) and the model that trains cannot disagree (buildModel.test.ts holds them together).
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../model/analyze';
import { DEFAULT_ALPHA } from '../model/blockFields';
import { DilatedConv2D } from './dilatedConv';
import { batchNormalization } from './kernels/batchNormLayer';
import { SeededDropout } from './dropoutLayer';
import { EluAlpha } from './eluLayer';
import type { ActivationFn, BlockSpec, DataShape, InitName, ModelSpec, Padding, Size2 } from '../model/spec';

type Symbolic = tf.SymbolicTensor;
type Built = Exclude<BlockSpec, { kind: 'input' }>;

/** Thrown when the spec has errors; `codes` lists them as 'code@blockId' for logs and tests. */
export class InvalidModelError extends Error {
  constructor(readonly codes: readonly string[]) {
    super(`Cannot build the model, it has errors: ${codes.join(', ')}`);
    this.name = 'InvalidModelError';
  }
}

export function buildModel(spec: ModelSpec, data: DataShape, seed = 0): tf.LayersModel {
  const analysis = analyzeModel(spec, data);
  if (!analysis.valid) {
    const errors = analysis.issues.filter((i) => i.severity === 'error');
    throw new InvalidModelError(errors.map((i) => `${i.code}@${i.blockId ?? 'model'}`));
  }
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const outputs = new Map<string, Symbolic>();
  let inputTensor: Symbolic | null = null;
  let outputTensor: Symbolic | null = null;
  for (const { id } of analysis.blocks) {
    const block = specs.get(id);
    if (block === undefined) continue;
    if (block.kind === 'input') {
      inputTensor = tf.input({ shape: [...data.inputShape], name: id });
      outputs.set(id, inputTensor);
      continue;
    }
    const sources = block.inputs.map((source) => outputs.get(source));
    if (!sources.every((s): s is Symbolic => s !== undefined)) throw new Error(`buildModel: block ${id} has no built input`);
    const output = applyBlock(block, sources, data, layerSeed(seed, id));
    outputs.set(id, output);
    if (block.kind === 'softmax') outputTensor = output;
  }
  if (inputTensor === null || outputTensor === null) throw new Error('buildModel: no input or output');
  return tf.model({ inputs: inputTensor, outputs: outputTensor, name: 'cnnPlayground' });
}

const apply = (layer: tf.layers.Layer, x: Symbolic | Symbolic[]): Symbolic => layer.apply(x) as Symbolic;

/**
 * Layers are named after their block ids, so probes can find them with model.getLayer(id). A block may add
 * helper layers named `<id>/...` (explicit padding, a fused leaky ReLU); `outputLayerName` names the one
 * whose output is the block's output.
 */
function applyBlock(block: Built, xs: Symbolic[], data: DataShape, seed: number): Symbolic {
  const name = block.id;
  const x = xs[0] as Symbolic;
  switch (block.kind) {
    case 'conv2d':
      return applyConv(block, x, seed);
    case 'maxpool2d':
    case 'avgpool2d': {
      const make = block.kind === 'maxpool2d' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
      const args = { name, poolSize: size2(block.size), strides: size2(block.stride), padding: tfPadding(block.padding) };
      return apply(make(args), padExplicitly(block.id, block.padding, x));
    }
    case 'globalavgpool':
      return apply(tf.layers.globalAveragePooling2d({ name }), x);
    case 'globalmaxpool':
      return apply(tf.layers.globalMaxPooling2d({ name }), x);
    case 'activation':
      return apply(activationLayer(name, block.fn, block.alpha), x);
    case 'dropout':
      return apply(new SeededDropout({ name, rate: block.rate, seed }), x);
    case 'batchnorm':
      return apply(batchNormalization({ name, axis: -1, momentum: block.momentum ?? 0.99, epsilon: block.epsilon ?? 1e-3 }), x);
    case 'add':
      return apply(tf.layers.add({ name }), xs);
    case 'concat':
      return apply(tf.layers.concatenate({ name, axis: -1 }), xs);
    case 'flatten':
      return apply(flattenLayer(name, x), x);
    case 'dense': {
      const fused = fusedActivation(block.activation);
      const layer = tf.layers.dense({
        name, units: block.units, useBias: block.useBias !== false, activation: fused,
        kernelInitializer: initializer(block.init, seed),
      });
      return withLeakyRelu(block.id, block.activation, apply(layer, x));
    }
    case 'softmax':
      return apply(tf.layers.dense({
        name, units: data.numClasses, activation: 'softmax', kernelInitializer: initializer(block.init, seed),
      }), x);
  }
}

function applyConv(block: Extract<BlockSpec, { kind: 'conv2d' }>, x: Symbolic, seed: number): Symbolic {
  const dilation = pair(block.dilation ?? 1);
  if (dilation[0] > 1 || dilation[1] > 1) {
    // tfjs cannot train its own dilated conv2d (no gradient); this layer computes the same and can.
    const layer = new DilatedConv2D({
      name: block.id, filters: block.filters, kernelSize: pair(block.kernel), dilationRate: dilation,
      padding: tfPadding(block.padding), useBias: block.useBias !== false,
      activation: fusedActivation(block.activation), kernelInitializer: initializer(block.init, seed),
    });
    return withLeakyRelu(block.id, block.activation, apply(layer, padExplicitly(block.id, block.padding, x)));
  }
  const layer = tf.layers.conv2d({
    name: block.id, filters: block.filters, kernelSize: size2(block.kernel), strides: size2(block.stride),
    padding: tfPadding(block.padding), useBias: block.useBias !== false,
    activation: fusedActivation(block.activation), kernelInitializer: initializer(block.init, seed),
  });
  return withLeakyRelu(block.id, block.activation, apply(layer, padExplicitly(block.id, block.padding, x)));
}

const size2 = (s: Size2): number | [number, number] => (typeof s === 'number' ? s : [s[0], s[1]]);
const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);


function activationLayer(name: string, fn: ActivationFn, alpha?: number): tf.layers.Layer {
  if (fn === 'leakyRelu') return tf.layers.leakyReLU({ name, alpha: alpha ?? DEFAULT_ALPHA.leakyRelu });
  if (fn === 'elu') {
    const a = alpha ?? DEFAULT_ALPHA.elu;
    return a === 1 ? tf.layers.elu({ name }) : new EluAlpha({ name, alpha: a });
  }
  return tf.layers.activation({ name, activation: fn });
}

/** tfjs fuses every activation but leaky ReLU into conv / dense; that one becomes a layer of its own. */
function fusedActivation(fn: ActivationFn | undefined): 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear' {
  return fn === undefined || fn === 'leakyRelu' ? 'linear' : fn;
}

export const activationLayerName = (id: string): string => `${id}/act`;

function withLeakyRelu(id: string, fn: ActivationFn | undefined, x: Symbolic): Symbolic {
  return fn === 'leakyRelu' ? apply(activationLayer(activationLayerName(id), fn), x) : x;
}

/** The layer whose output is the block's output (probes read activations from it). */
export function outputLayerName(block: BlockSpec): string {
  const fused = block.kind === 'conv2d' || block.kind === 'dense' ? block.activation : undefined;
  return fused === 'leakyRelu' ? activationLayerName(block.id) : block.id;
}

/** Seeded, so a run seed reproduces the initial weights; 'largeNormal' is the deliberately bad std 1. */
function initializer(init: InitName | undefined, seed: number): ReturnType<typeof tf.initializers.zeros> {
  switch (init ?? 'glorotUniform') {
    case 'glorotUniform': return tf.initializers.glorotUniform({ seed });
    case 'glorotNormal': return tf.initializers.glorotNormal({ seed });
    case 'heNormal': return tf.initializers.heNormal({ seed });
    case 'heUniform': return tf.initializers.heUniform({ seed });
    case 'lecunNormal': return tf.initializers.leCunNormal({ seed });
    case 'zeros': return tf.initializers.zeros();
    case 'largeNormal': return tf.initializers.randomNormal({ mean: 0, stddev: 1, seed });
  }
}

/** tfjs' flatten refuses input that is already flat, which the core allows (it is a no-op there). */
function flattenLayer(name: string, x: Symbolic) {
  const [, ...dims] = x.shape;
  if (dims.length > 1) return tf.layers.flatten({ name });
  return tf.layers.reshape({ name, targetShape: dims as number[] });
}

export const paddingLayerName = (id: string): string => `${id}/pad`;

/** tfjs knows only 'valid' and 'same'; an explicit P becomes a zeroPadding2d layer, then 'valid'. */
function tfPadding(padding: Padding): 'valid' | 'same' {
  return padding === 'same' ? 'same' : 'valid';
}

function padExplicitly(id: string, padding: Padding, x: Symbolic): Symbolic {
  if (typeof padding !== 'number' || padding === 0) return x;
  // Block ids never contain '/' (the core checks), so this name cannot clash with another block's layer.
  return apply(tf.layers.zeroPadding2d({ name: paddingLayerName(id), padding }), x);
}

/**
 * A different, reproducible seed per layer, from the run seed and the block id (FNV-1a): renaming or
 * inserting one block leaves the initial weights of all others unchanged.
 */
export function layerSeed(seed: number, id: string): number {
  let hash = (2166136261 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < id.length; i++) {
    hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  }
  return hash;
}
