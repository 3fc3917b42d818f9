// ModelSpec -> tf.LayersModel, through the functional API in the core's topological order. The pure core
// decides what is valid and what every shape is; this file only translates, so the numbers the UI shows
// (analyzeModel) and the model that trains cannot disagree (buildModel.test.ts holds them together).
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../model/analyze';
import type { BlockSpec, DataShape, ModelSpec, Padding } from '../model/spec';

type Symbolic = tf.SymbolicTensor;

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
    const source = outputs.get(block.inputs[0] ?? '');
    if (source === undefined) throw new Error(`buildModel: block ${id} has no built input`);
    const output = applyBlock(block, source, data, layerSeed(seed, id));
    outputs.set(id, output);
    if (block.kind === 'softmax') outputTensor = output;
  }
  if (inputTensor === null || outputTensor === null) throw new Error('buildModel: no input or output');
  return tf.model({ inputs: inputTensor, outputs: outputTensor, name: 'cnnPlayground' });
}

/** Layers are named after their block ids, so probes can find them with model.getLayer(id). */
function applyBlock(block: Exclude<BlockSpec, { kind: 'input' }>, x: Symbolic, data: DataShape, seed: number) {
  const name = block.id;
  switch (block.kind) {
    case 'conv2d':
      return tf.layers
        .conv2d({
          name, filters: block.filters, kernelSize: block.kernel, strides: block.stride,
          padding: tfPadding(block.padding), kernelInitializer: tf.initializers.glorotUniform({ seed }),
        })
        .apply(padExplicitly(block.id, block.padding, x)) as Symbolic;
    case 'maxpool2d':
    case 'avgpool2d': {
      const make = block.kind === 'maxpool2d' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d;
      const args = { name, poolSize: block.size, strides: block.stride, padding: tfPadding(block.padding) };
      return make(args).apply(padExplicitly(block.id, block.padding, x)) as Symbolic;
    }
    case 'activation':
      return tf.layers.activation({ name, activation: block.fn }).apply(x) as Symbolic;
    case 'flatten':
      return flattenLayer(name, x).apply(x) as Symbolic;
    case 'dense':
      return denseLayer(name, block.units, 'linear', seed).apply(x) as Symbolic;
    case 'softmax':
      return denseLayer(name, data.numClasses, 'softmax', seed).apply(x) as Symbolic;
  }
}

/** tfjs' flatten refuses input that is already flat, which the core allows (it is a no-op there). */
function flattenLayer(name: string, x: Symbolic) {
  const [, ...dims] = x.shape;
  if (dims.length > 1) return tf.layers.flatten({ name });
  return tf.layers.reshape({ name, targetShape: dims as number[] });
}

function denseLayer(name: string, units: number, activation: 'linear' | 'softmax', seed: number) {
  return tf.layers.dense({ name, units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed }) });
}

export const paddingLayerName = (id: string): string => `${id}/pad`;

/** tfjs knows only 'valid' and 'same'; an explicit P becomes a zeroPadding2d layer, then 'valid'. */
function tfPadding(padding: Padding): 'valid' | 'same' {
  return padding === 'same' ? 'same' : 'valid';
}

function padExplicitly(id: string, padding: Padding, x: Symbolic): Symbolic {
  if (typeof padding !== 'number' || padding === 0) return x;
  // Block ids never contain '/' (the core checks), so this name cannot clash with another block's layer.
  return tf.layers.zeroPadding2d({ name: paddingLayerName(id), padding }).apply(x) as Symbolic;
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
