// A run that starts from given weights (transfer learning: a backbone from a saved project) instead of fresh
// ones. Every given weight must name a weight of the network with the same shape; the others keep their
// seeded initial values (the new head). A weight that does not fit refuses the run with its name, rather
// than training something else than the student chose.
import * as tf from '@tensorflow/tfjs';
import type { WeightList } from '../codegen/weights';
import type { BuiltModel } from './builtModel';

export function loadStartWeights(network: BuiltModel, weights: WeightList): void {
  const byName = new Map(network.model.weights.map((w) => [w.originalName, w]));
  for (const t of weights) {
    const target = byName.get(t.name);
    if (target === undefined) throw new Error(`the starting weight ${t.name.slice(0, 80)} belongs to no block of the network`);
    const shape = target.shape.map((d) => d ?? 0);
    if (shape.length !== t.shape.length || shape.some((d, i) => d !== t.shape[i]) || t.values.length !== shape.reduce((a, b) => a * b, 1)) {
      throw new Error(`the starting weight ${t.name.slice(0, 80)} has shape [${t.shape.join(', ')}], the network needs [${shape.join(', ')}]`);
    }
    if (!t.values.every(Number.isFinite)) throw new Error(`the starting weight ${t.name.slice(0, 80)} is not finite`);
  }
  tf.tidy(() => {
    for (const t of weights) byName.get(t.name)?.write(tf.tensor(t.values, [...t.shape]));
  });
}
