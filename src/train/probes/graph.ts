// Runs a built model layer by layer on concrete tensors, keeping every layer's output. One pass gives the
// activations of every block, and replacing one layer's output with a given tensor lets Grad-CAM take the
// gradient of the class score with respect to that layer. No second tf.model is built, so nothing here
// owns weights (disposing a model built from shared layers would release the training model's weights).
import * as tf from '@tensorflow/tfjs';

export type LayerValues = Map<string, tf.Tensor>;

/** Only internal layers have a '/' in their name (explicit padding): the blocks are the others. */
export const isBlockLayer = (layer: tf.layers.Layer): boolean => !layer.name.includes('/');

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
    if (layer.getClassName() === 'InputLayer') {
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

/** The layer that produces the model's output (the softmax block: a dense layer with softmax). */
export function outputLayer(model: tf.LayersModel): tf.layers.Layer {
  const last = model.layers[model.layers.length - 1];
  if (!last) throw new Error('probes: the model has no layers');
  return last;
}

/**
 * The class scores before the softmax (what saliency and Grad-CAM differentiate, Simonyan et al. 2013,
 * Selvaraju et al. 2017): recomputed from the output dense layer's input and weights.
 */
export function classLogits(model: tf.LayersModel, values: LayerValues): tf.Tensor {
  const out = outputLayer(model);
  const source = out.inboundNodes[0]?.inboundLayers[0];
  const x = source ? values.get(source.name) : undefined;
  const weights = out.getWeights();
  if (out.getClassName() !== 'Dense' || !x || !weights[0]) {
    // Not a dense softmax: fall back to log-probabilities, which have the same arg max.
    return tf.log(tf.add(values.get(out.name) as tf.Tensor, 1e-7));
  }
  const logits = tf.matMul(x as tf.Tensor2D, weights[0] as tf.Tensor2D);
  return weights[1] ? tf.add(logits, weights[1]) : logits;
}

/** The last block whose output is a feature map (rank 4) computed by a conv, activation or batch norm. */
export function camLayerName(model: tf.LayersModel): string | null {
  let found: string | null = null;
  for (const layer of model.layers) {
    const shape = layer.outputShape as number[];
    const kind = layer.getClassName();
    if (!isBlockLayer(layer) || !Array.isArray(shape) || shape.length !== 4) continue;
    if (kind === 'Conv2D' || kind === 'Activation' || kind === 'BatchNormalization') found = layer.name;
  }
  return found;
}
