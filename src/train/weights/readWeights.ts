// The trained weights of a tfjs model as plain data (src/codegen/weights.ts), named by each weight's
// original name ("conv1/kernel"; tfjs may add "_1" to the unique name when a model is built twice).
import type * as tf from '@tensorflow/tfjs';
import type { WeightList } from '../../codegen/weights';

export function readWeights(model: tf.LayersModel): WeightList {
  return model.weights.map((w) => {
    // read() returns the variable itself (no new tensor); dataSync copies its values out.
    const values = w.read().dataSync() as Float32Array;
    return { name: w.originalName, shape: w.shape.map((d) => d ?? 0), values: Float32Array.from(values) };
  });
}

export function topologyOf(model: tf.LayersModel): unknown {
  return model.toJSON(null, false);
}
