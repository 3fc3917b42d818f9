// Which tfjs layer holds each block's output: read from the block map buildModel made with the model
// (builtModel.ts), never guessed from layer names or class names.
import type * as tf from '@tensorflow/tfjs';
import type { BlockKind } from '../../model/spec';
import { builtOf } from '../builtModel';

export interface BlockLayer {
  readonly blockId: string;
  /** The block's kind in the network as drawn ('conv2d', 'dense', ...), not the tfjs layer's class. */
  readonly kind: BlockKind;
  readonly layer: tf.layers.Layer;
}

/** The model's blocks in topological order, input excluded, each with the layer giving its output. */
export function blockLayers(model: tf.LayersModel): BlockLayer[] {
  const built = builtOf(model);
  if (!built) throw new Error('understanding: this model was not made by buildModel, so it has no block map');
  return [...built.blocks.values()].map((b) => ({ blockId: b.id, kind: b.spec.kind, layer: b.output }));
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
  const spec = source === undefined ? undefined : built?.blocks.get(source)?.spec;
  return source !== undefined && layer && spec ? { blockId: source, kind: spec.kind, layer } : null;
}
