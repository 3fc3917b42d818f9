// ModelSpec -> tf.LayersModel, through the functional API in the core's topological order. The pure core
// decides what is valid and what every shape is; this file only translates, so the numbers the UI shows
// (analyzeModel) and the model that trains cannot disagree (buildModel.test.ts holds them together).
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../model/analyze';
import { DEFAULT_ALPHA } from '../model/blockFields';
import { registerBuilt, type BlockLayers, type BuiltModel } from './builtModel';
import { DilatedConv2D } from './dilatedConv';
import { unfuseInputConv } from './inputConv';
import { batchNormalization } from './kernels/batchNormLayer';
import { createDropoutClock, SeededDropout, type DropoutClock } from './dropoutLayer';
import { attachGroupClock } from './kernels/batchNormLayer';
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

export function buildModel(spec: ModelSpec, data: DataShape, seed = 0): BuiltModel {
  const analysis = analyzeModel(spec, data);
  if (!analysis.valid) {
    const errors = analysis.issues.filter((i) => i.severity === 'error');
    throw new InvalidModelError(errors.map((i) => `${i.code}@${i.blockId ?? 'model'}`));
  }
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const outputs = new Map<string, Symbolic>();
  const blocks = new Map<string, BlockLayers>();
  const dropoutClock = createDropoutClock();
  let input: { id: string; tensor: Symbolic } | null = null;
  let output: { id: string; tensor: Symbolic; logits: Symbolic; logitsLayer: tf.layers.Layer } | null = null;
  for (const { id } of analysis.blocks) {
    const block = specs.get(id);
    if (block === undefined) continue;
    if (block.kind === 'input') {
      input = { id, tensor: tf.input({ shape: [...data.inputShape], name: id }) };
      outputs.set(id, input.tensor);
      continue;
    }
    const sources = block.inputs.map((source) => outputs.get(source));
    if (!sources.every((s): s is Symbolic => s !== undefined)) throw new Error(`buildModel: block ${id} has no built input`);
    const made: Made = { layers: [], tensors: [] };
    const onInput = input !== null && sources.every((s) => s === input?.tensor);
    const tensor = applyBlock(block, sources, data, { seed: layerSeed(seed, id), clock: dropoutClock, made, onInput });
    outputs.set(id, tensor);
    blocks.set(id, blockLayers(block, made.layers));
    if (block.kind === 'softmax') {
      output = { id, tensor, logits: made.tensors[0] as Symbolic, logitsLayer: made.layers[0] as tf.layers.Layer };
    }
  }
  if (input === null || output === null) throw new Error('buildModel: no input or output');
  const model = tf.model({ inputs: input.tensor, outputs: output.tensor, name: 'cnnPlayground' });
  attachGroupClock(model, dropoutClock);
  return registerBuilt({
    model,
    logits: tf.model({ inputs: input.tensor, outputs: output.logits, name: 'cnnPlaygroundLogits' }),
    blocks,
    inputId: input.id,
    inputLayer: model.getLayer(input.id),
    outputId: output.id,
    logitsLayer: output.logitsLayer,
    dropoutClock,
    dispose: () => model.dispose(),
  });
}

/** The layers a block made, in order, and the tensor each produced. */
interface Made {
  readonly layers: tf.layers.Layer[];
  readonly tensors: Symbolic[];
}

interface BlockContext {
  readonly seed: number;
  /** Whether every input of the block is the model's input (the image: nothing before it learns). */
  readonly onInput: boolean;
  readonly clock: DropoutClock;
  readonly made: Made;
}

function blockLayers(spec: Built, layers: readonly tf.layers.Layer[]): BlockLayers {
  const output = layers[layers.length - 1];
  if (!output) throw new Error(`buildModel: block ${spec.id} made no layer`);
  const weights = layers.flatMap((l) => l.weights);
  const hasKernel = spec.kind === 'conv2d' || spec.kind === 'dense' || spec.kind === 'softmax';
  // The first weight of a block's main layer is its kernel (Keras order: kernel, then bias).
  const kernel = hasKernel ? (layers.find((l) => l.weights.length > 0)?.weights[0] ?? null) : null;
  const trainable = layers.flatMap((l) => l.trainableWeights).map((w) => w.read() as tf.Variable);
  return { id: spec.id, spec, layers, output, kernel, weights, trainable };
}

/**
 * Layers are named after their block ids (as Keras's summary shows them); a block may add helper layers
 * named `<id>/...` (explicit padding, a separate leaky ReLU, the softmax after the class scores). Which
 * layer is which is recorded in the block map, never read back from these names.
 */
function applyBlock(block: Built, xs: Symbolic[], data: DataShape, bc: BlockContext): Symbolic {
  const name = block.id;
  const x = xs[0] as Symbolic;
  const seed = bc.seed;
  const apply = (layer: tf.layers.Layer, input: Symbolic | Symbolic[]): Symbolic => {
    const out = layer.apply(input) as Symbolic;
    bc.made.layers.push(layer);
    bc.made.tensors.push(out);
    return out;
  };
  switch (block.kind) {
    case 'conv2d':
      return applyConv(block, x, seed, apply, bc.onInput);
    case 'maxpool2d':
    case 'avgpool2d': {
      const make = block.kind === 'maxpool2d' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
      const args = { name, poolSize: size2(block.size), strides: size2(block.stride), padding: tfPadding(block.padding) };
      return apply(make(args), padExplicitly(block.id, block.padding, x, apply));
    }
    case 'globalavgpool':
      return apply(tf.layers.globalAveragePooling2d({ name }), x);
    case 'globalmaxpool':
      return apply(tf.layers.globalMaxPooling2d({ name }), x);
    case 'activation':
      return apply(activationLayer(name, block.fn, block.alpha), x);
    case 'dropout':
      return apply(new SeededDropout({ name, rate: block.rate, seed, clock: bc.clock }), x);
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
      return withLeakyRelu(block.id, block.activation, apply(layer, x), apply);
    }
    case 'softmax': {
      // Class scores and the softmax as two layers: training takes its loss from the scores (a stable
      // log-softmax), while the model the user sees still ends in probabilities.
      const scores = apply(tf.layers.dense({
        name, units: data.numClasses, activation: 'linear', kernelInitializer: initializer(block.init, seed),
      }), x);
      return apply(tf.layers.softmax({ name: softmaxLayerName(block.id) }), scores);
    }
  }
}

type Apply = (layer: tf.layers.Layer, x: Symbolic | Symbolic[]) => Symbolic;

function applyConv(block: Extract<BlockSpec, { kind: 'conv2d' }>, x: Symbolic, seed: number, apply: Apply, onInput: boolean): Symbolic {
  const dilation = pair(block.dilation ?? 1);
  if (dilation[0] > 1 || dilation[1] > 1) {
    // tfjs cannot train its own dilated conv2d (no gradient); this layer computes the same and can.
    const layer = new DilatedConv2D({
      name: block.id, filters: block.filters, kernelSize: pair(block.kernel), dilationRate: dilation,
      padding: tfPadding(block.padding), useBias: block.useBias !== false,
      activation: fusedActivation(block.activation), kernelInitializer: initializer(block.init, seed),
    });
    return withLeakyRelu(block.id, block.activation, apply(layer, padExplicitly(block.id, block.padding, x, apply)), apply);
  }
  const layer = tf.layers.conv2d({
    name: block.id, filters: block.filters, kernelSize: size2(block.kernel), strides: size2(block.stride),
    padding: tfPadding(block.padding), useBias: block.useBias !== false,
    activation: fusedActivation(block.activation), kernelInitializer: initializer(block.init, seed),
  });
  // The first convolution: no gradient for the image (inputConv.ts).
  if (onInput) unfuseInputConv(layer);
  return withLeakyRelu(block.id, block.activation, apply(layer, padExplicitly(block.id, block.padding, x, apply)), apply);
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

export const softmaxLayerName = (id: string): string => `${id}/softmax`;

function withLeakyRelu(id: string, fn: ActivationFn | undefined, x: Symbolic, apply: Apply): Symbolic {
  return fn === 'leakyRelu' ? apply(activationLayer(activationLayerName(id), fn), x) : x;
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

function padExplicitly(id: string, padding: Padding, x: Symbolic, apply: Apply): Symbolic {
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
