// A forward pass layer by layer (as probes/graph.ts runLayers) that can add a tensor to chosen layers'
// outputs: adding zeros there and differentiating with respect to them gives the loss's gradient with
// respect to every chosen output in one backward pass. Also stops early at a layer, for the views that
// only need one block's output.
import * as tf from '@tensorflow/tfjs';
import { builtOf } from '../builtModel';

/** Every layer's output up to and including `until` (all layers without it). Call inside a tidy. */
export function forward(model: tf.LayersModel, input: tf.Tensor, options: {
  readonly taps?: ReadonlyMap<string, tf.Tensor>; readonly until?: string } = {}): Map<string, tf.Tensor> {
  const values = new Map<string, tf.Tensor>();
  for (const layer of model.layers) {
    let out: tf.Tensor;
    if (layer.getClassName() === 'InputLayer') out = input;
    else {
      const node = layer.inboundNodes[0];
      if (!node) throw new Error(`understand: layer ${layer.name} is not connected`);
      const inputs = node.inboundLayers.map((source) => {
        // A Sequential model lists no InputLayer among its layers.
        const value = source.getClassName() === 'InputLayer' ? (values.get(source.name) ?? input) : values.get(source.name);
        if (!value) throw new Error(`understand: layer ${layer.name} reads ${source.name} before it is computed`);
        return value;
      });
      const result = layer.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: false });
      out = Array.isArray(result) ? (result[0] as tf.Tensor) : (result as tf.Tensor);
    }
    const tap = options.taps?.get(layer.name);
    values.set(layer.name, tap ? tf.add(out, tap) : out);
    if (layer.name === options.until) break;
  }
  return values;
}

/** The class scores before the softmax, recomputed from the output dense layer's input and weights. */
export function logitsOf(model: tf.LayersModel, values: ReadonlyMap<string, tf.Tensor>): tf.Tensor2D {
  // The block map names the layer that gives the class scores (a linear dense before the softmax layer).
  const built = builtOf(model);
  const scores = built ? values.get(built.logitsLayer.name) : undefined;
  if (scores) return scores as tf.Tensor2D;
  const out = model.layers[model.layers.length - 1];
  if (!out) throw new Error('understand: the model has no layers');
  const source = out.inboundNodes[0]?.inboundLayers[0];
  const x = source ? values.get(source.name) : undefined;
  const [kernel, bias] = out.getWeights();
  if (out.getClassName() !== 'Dense' || !x || !kernel) {
    return tf.log(tf.add(values.get(out.name) as tf.Tensor, 1e-7)) as tf.Tensor2D;
  }
  const logits = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  return (bias ? tf.add(logits, bias) : logits) as tf.Tensor2D;
}

/** The model's class probabilities in inference mode. Call inside a tidy. */
export function probabilitiesOf(model: tf.LayersModel, x: tf.Tensor): tf.Tensor2D {
  return model.apply(x, { training: false }) as tf.Tensor2D;
}
