// Which tfjs layer holds each block's output: read from the block map buildModel made with the model
// (builtModel.ts), never guessed from layer names or class names.
import type * as tf from '@tensorflow/tfjs';
import { builtOf } from '../builtModel';

export interface BlockLayer {
  readonly blockId: string;
  readonly layer: tf.layers.Layer;
}

/** The model's blocks in topological order, input excluded, each with the layer giving its output. */
export function blockLayers(model: tf.LayersModel): BlockLayer[] {
  const built = builtOf(model);
  if (!built) throw new Error('understanding: this model was not made by buildModel, so it has no block map');
  return [...built.blocks.values()].map((b) => ({ blockId: b.id, layer: b.output }));
}

/** The layer giving `blockId`'s output, or null when the model has no such block. */
export function layerOfBlock(model: tf.LayersModel, blockId: string): tf.layers.Layer | null {
  return builtOf(model)?.blocks.get(blockId)?.output ?? null;
}

/** True when the layer's output has passed through a ReLU (its own or a fused one). */
export function endsInRelu(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig() as { activation?: unknown };
  return config.activation === 'relu';
}

/**
 * The block whose output feeds the classifier: the input of the output (softmax) block. Its output is the
 * feature vector a linear classifier separates.
 */
export function penultimateBlock(model: tf.LayersModel): BlockLayer | null {
  const built = builtOf(model);
  const source = built?.blocks.get(built.outputId)?.spec.inputs[0];
  const layer = source === undefined ? undefined : built?.blocks.get(source)?.output;
  return source !== undefined && layer ? { blockId: source, layer } : null;
}
