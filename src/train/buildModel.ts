// ModelSpec -> tf.LayersModel, through the functional API in the core's topological order. The pure core
// decides what is valid and what every shape is; each kind's worker side (src/train/blocks/) only
// translates, so the numbers the UI shows (analyzeModel) and the model that trains cannot disagree
// (buildModel.test.ts and the table over the registry hold them together).
import * as tf from '@tensorflow/tfjs';
import { moduleOf } from '../blocks/registry';
import { analyzeModel } from '../model/analyze';
import { registerBuilt, type BlockLayers, type BuiltModel } from './builtModel';
import { createDropoutClock } from './dropoutLayer';
import { workerBlockOf } from './blocks/registry';
import type { AnyWorkerBlock, BuildContext, Symbolic } from './blocks/types';
import type { BlockSpec, DataShape, ModelSpec } from '../model/spec';
import { attachGroupClock } from './kernels/batchNormLayer';
import { freezeIfFrozen } from './blockTraining';

export { activationLayerName, paddingLayerName, softmaxLayerName } from './blocks/common';

/** Thrown when the spec has errors; `codes` lists them as 'code@blockId' for logs and tests. */
export class InvalidModelError extends Error {
  constructor(readonly codes: readonly string[]) {
    super(`Cannot build the model, it has errors: ${codes.join(', ')}`);
    this.name = 'InvalidModelError';
  }
}

interface End {
  readonly id: string;
  readonly tensor: Symbolic;
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
  const clock = createDropoutClock();
  let input: End | null = null;
  let output: (End & { logits: Symbolic; logitsLayer: tf.layers.Layer }) | null = null;
  for (const { id } of analysis.blocks) {
    const block = specs.get(id);
    if (block === undefined) continue;
    const role = moduleOf(block.kind).role;
    const worker = workerBlockOf(block.kind);
    const sources = block.inputs.map((source) => outputs.get(source));
    if (!sources.every((s): s is Symbolic => s !== undefined)) throw new Error(`buildModel: block ${id} has no built input`);
    const made: Made = { layers: [], tensors: [] };
    const onInput = input !== null && sources.every((s) => s === input?.tensor);
    const tensor = worker.build(block, sources, { seed: layerSeed(seed, id), clock, data, onInput, apply: recorder(made) });
    outputs.set(id, tensor);
    if (role === 'input') {
      input = { id, tensor };
      continue;
    }
    freezeIfFrozen(spec, id, made.layers);
    blocks.set(id, blockLayers(block, worker, made.layers));
    if (role === 'output') {
      const at = worker.scoresLayer ?? made.layers.length - 1;
      output = { id, tensor, logits: made.tensors[at] as Symbolic, logitsLayer: made.layers[at] as tf.layers.Layer };
    }
  }
  if (input === null || output === null) throw new Error('buildModel: no input or output');
  const model = tf.model({ inputs: input.tensor, outputs: output.tensor, name: 'cnnPlayground' });
  attachGroupClock(model, clock);
  return registerBuilt({
    model,
    logits: tf.model({ inputs: input.tensor, outputs: output.logits, name: 'cnnPlaygroundLogits' }),
    blocks,
    inputId: input.id,
    inputLayer: model.getLayer(input.id),
    outputId: output.id,
    logitsLayer: output.logitsLayer,
    dropoutClock: clock,
    dispose: () => model.dispose(),
  });
}

/** The layers a block made, in order, and the tensor each produced. */
interface Made {
  readonly layers: tf.layers.Layer[];
  readonly tensors: Symbolic[];
}

/** BuildContext.apply: applies a layer and records it, and its output, as the block's. */
const recorder = (made: Made): BuildContext['apply'] => (layer, x) => {
  const out = layer.apply(x) as Symbolic;
  made.layers.push(layer);
  made.tensors.push(out);
  return out;
};

function blockLayers(spec: BlockSpec, worker: AnyWorkerBlock, layers: readonly tf.layers.Layer[]): BlockLayers {
  const output = layers[layers.length - 1];
  if (!output) throw new Error(`buildModel: block ${spec.id} made no layer`);
  const weights = layers.flatMap((l) => l.weights);
  // The first weight of a block's main layer is its kernel (Keras order: kernel, then bias).
  const kernel = worker.hasKernel === true ? (layers.find((l) => l.weights.length > 0)?.weights[0] ?? null) : null;
  const trainable = layers.flatMap((l) => l.trainableWeights).map((w) => w.read() as tf.Variable);
  return { id: spec.id, spec, layers, output, kernel, weights, trainable };
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
