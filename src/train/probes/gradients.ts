// Gradient flow per weighted layer: the norm of the loss gradient on (part of) the current batch, and the
// size of one optimizer update relative to the weights (cs231n lecture 7: about 1e-3 is healthy). The
// update needs the weights from before a step, so a snapshot is taken one step ahead and compared after.
import * as tf from '@tensorflow/tfjs';
import type { BuiltModel } from '../builtModel';
import { crossEntropyFromLogits } from '../steps';

export interface WeightedLayer {
  readonly id: string;
  readonly variables: readonly tf.Variable[];
}

/** Every block with trainable weights, by block id, from the build's block map. */
export function weightedLayers(network: BuiltModel): WeightedLayer[] {
  return [...network.blocks.values()]
    .filter((block) => block.trainable.length > 0)
    .map((block) => ({ id: block.id, variables: block.trainable }));
}

/** Copies of every layer's weights, kept outside any tidy; dispose with tf.dispose. */
export function snapshotWeights(layers: readonly WeightedLayer[]): tf.Tensor[][] {
  return layers.map((layer) => layer.variables.map((v) => tf.keep(tf.clone(v))));
}

const sumSquares = (ts: readonly tf.Tensor[]): tf.Scalar => tf.addN(ts.map((t) => tf.sum(tf.square(t)))) as tf.Scalar;

/** ||W - W_before|| / ||W_before|| per layer, as one [layers] tensor. Call inside a tidy. */
export function updateRatios(layers: readonly WeightedLayer[], before: readonly tf.Tensor[][]): tf.Tensor1D {
  return tf.stack(
    layers.map((layer, i) => {
      const old = before[i] ?? [];
      const diff = sumSquares(layer.variables.map((v, j) => tf.sub(v, old[j] ?? v)));
      return tf.div(tf.sqrt(diff), tf.add(tf.sqrt(sumSquares(old)), 1e-12));
    }),
  ) as tf.Tensor1D;
}

/** The loss gradient's L2 norm per layer for a batch xs / one-hot ys, as one [layers] tensor. Call in a tidy. */
export function gradientNorms(network: BuiltModel, layers: readonly WeightedLayer[], xs: tf.Tensor, ys: tf.Tensor): tf.Tensor1D {
  const variables = layers.flatMap((l) => l.variables);
  const { grads } = tf.variableGrads(() => {
    // Inference mode: a probe must not move batch-norm statistics or advance the seeded dropout masks,
    // or watching a run would change it (and break same-seed reproducibility).
    // The same cross-entropy on the class scores that the training step minimises (steps.ts).
    const logits = network.logits.apply(xs, { training: false }) as tf.Tensor;
    return tf.mean(crossEntropyFromLogits(logits, ys)) as tf.Scalar;
  }, variables);
  return tf.stack(
    layers.map((layer) => {
      const gs = layer.variables.map((v) => grads[v.name]).filter((g): g is tf.Tensor => g !== undefined);
      return gs.length > 0 ? tf.sqrt(sumSquares(gs)) : tf.scalar(0);
    }),
  ) as tf.Tensor1D;
}
