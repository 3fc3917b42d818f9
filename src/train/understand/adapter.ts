// Which tfjs layer holds each block's output. Today layers are named after their block ids, with helper
// layers named `<id>/...` (explicit padding `/pad`, a separate leaky ReLU `/act`, see buildModel.ts). This
// is the one place to switch to the trust work's explicit block-to-layer map once it lands.
import type * as tf from '@tensorflow/tfjs';

export interface BlockLayer {
  readonly blockId: string;
  readonly layer: tf.layers.Layer;
}

/** The model's blocks in layer (topological) order, input excluded, each with the layer giving its output. */
export function blockLayers(model: tf.LayersModel): BlockLayer[] {
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const blocks: BlockLayer[] = [];
  for (const layer of model.layers) {
    if (layer.name.includes('/') || layer.getClassName() === 'InputLayer') continue;
    blocks.push({ blockId: layer.name, layer: byName.get(`${layer.name}/act`) ?? layer });
  }
  return blocks;
}

/** The layer giving `blockId`'s output, or null when the model has no such block. */
export function layerOfBlock(model: tf.LayersModel, blockId: string): tf.layers.Layer | null {
  return blockLayers(model).find((b) => b.blockId === blockId)?.layer ?? null;
}

/** True when the layer's output has passed through a ReLU (its own or a fused one). */
export function endsInRelu(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig() as { activation?: unknown };
  return config.activation === 'relu';
}

/**
 * The block whose output feeds the classifier: the input of the output (softmax) layer, or the layer
 * before a flatten that sits there. Its output is the feature vector a linear classifier separates.
 */
export function penultimateBlock(model: tf.LayersModel): BlockLayer | null {
  const last = model.layers[model.layers.length - 1];
  const source = last?.inboundNodes[0]?.inboundLayers[0];
  if (!source) return null;
  const blocks = blockLayers(model);
  return blocks.find((b) => b.layer === source) ?? null;
}
