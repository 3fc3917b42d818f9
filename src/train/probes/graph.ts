// Runs a built model layer by layer on concrete tensors, keeping every layer's output. One pass gives the
// activations of every block, and replacing one layer's output with a given tensor lets Grad-CAM take the
// gradient of the class score with respect to that layer. No second tf.model is built, so nothing here
// owns weights (disposing a model built from shared layers would release the training model's weights).
// Which layer belongs to which block comes from the build's block map (builtModel.ts), never from names.
import * as tf from '@tensorflow/tfjs';
import { workerBlockOf } from '../blocks/registry';
import type { BlockLayers, BuiltModel } from '../builtModel';

export type LayerValues = Map<string, tf.Tensor>;

/**
 * Every layer's output for `input` (batch first), in the model's layer order (a topological order, as
 * buildModel creates layers in the core's order). Call inside a tidy: the caller owns disposal.
 */
export function runLayers(model: tf.LayersModel, input: tf.Tensor, replace?: ReadonlyMap<string, tf.Tensor>): LayerValues {
  const values: LayerValues = new Map();
  for (const layer of model.layers) {
    const given = replace?.get(layer.name);
    if (given) {
      values.set(layer.name, given);
      continue;
    }
    if (model.inputLayers.includes(layer)) {
      values.set(layer.name, input);
      continue;
    }
    const node = layer.inboundNodes[0];
    if (!node) throw new Error(`probes: layer ${layer.name} is not connected`);
    const inputs = node.inboundLayers.map((source) => {
      const value = values.get(source.name);
      if (!value) throw new Error(`probes: layer ${layer.name} reads ${source.name} before it is computed`);
      return value;
    });
    const out = layer.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: false });
    values.set(layer.name, Array.isArray(out) ? (out[0] as tf.Tensor) : (out as tf.Tensor));
  }
  return values;
}

/** A block's output among the values of runLayers. */
export function blockValue(block: BlockLayers, values: LayerValues): tf.Tensor {
  const value = values.get(block.output.name);
  if (!value) throw new Error(`probes: no value for block ${block.id}`);
  return value;
}

/** The class probabilities among the values of runLayers (the softmax block's output). */
export function classProbabilities(network: BuiltModel, values: LayerValues): tf.Tensor {
  const block = network.blocks.get(network.outputId);
  if (!block) throw new Error('probes: the model has no output block');
  return blockValue(block, values);
}

/**
 * The class scores before the softmax (what saliency and Grad-CAM differentiate, Simonyan et al. 2013,
 * Selvaraju et al. 2017): the output of the softmax block's own dense layer.
 */
export function classLogits(network: BuiltModel, values: LayerValues): tf.Tensor {
  const logits = values.get(network.logitsLayer.name);
  if (!logits) throw new Error('probes: no class scores');
  return logits;
}

/**
 * The last block whose output is a feature map (rank 4) of a kind Grad-CAM may explain (its worker side
 * says so: convolutions, dilated too, and what follows them element-wise: activation, batch norm).
 */
export function camBlock(network: BuiltModel): BlockLayers | null {
  let found: BlockLayers | null = null;
  for (const block of network.blocks.values()) {
    const shape = block.output.outputShape;
    if (workerBlockOf(block.spec.kind).cam === true && Array.isArray(shape) && shape.length === 4) found = block;
  }
  return found;
}
