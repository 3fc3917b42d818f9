// One data-parallel worker's part of a training step, in tfjs: the gradient of its shard's mean loss
// (without applying it), and the update from the averaged gradients that every worker applies alike.
// Used by parallel.test.ts to check the averaging arithmetic. A replica normalises batch norm over whatever
// shard it is given; the engine's workers are given whole virtual shards instead (shards.ts's stepShares),
// so that their statistics do not depend on the worker count.
import * as tf from '@tensorflow/tfjs';
import type { BuiltModel } from '../builtModel';
import { crossEntropyFromLogits } from '../steps';

export interface Replica {
  /** The network up to its class scores (BuiltModel.logits): the loss is the engine's, on logits. */
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  /** The trainable variables, in the order gradients travel between workers. */
  readonly variables: readonly tf.Variable[];
}

export function makeReplica(built: BuiltModel, optimizer: tf.Optimizer): Replica {
  return { model: built.logits, optimizer, variables: built.model.trainableWeights.map((w) => w.read() as tf.Variable) };
}

/** Mean cross-entropy from the class scores, as the engine's loss (steps.ts). */
function meanLoss(logits: tf.Tensor, ys: tf.Tensor): tf.Scalar {
  return tf.mean(crossEntropyFromLogits(logits, ys)) as tf.Scalar;
}

/** The shard's loss and the gradient of its mean loss for every variable, flattened, ready to transfer. */
export function shardGradients(replica: Replica, xs: tf.Tensor, ys: tf.Tensor): { loss: number; grads: Float32Array[] } {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => meanLoss(replica.model.apply(xs, { training: true }) as tf.Tensor, ys), replica.variables as tf.Variable[]);
    return {
      loss: value.dataSync()[0] as number,
      grads: replica.variables.map((v) => {
        const g = grads[v.name];
        if (g === undefined) throw new Error(`no gradient for ${v.name}`);
        return g.dataSync() as Float32Array;
      }),
    };
  });
}

/** Applies the averaged gradients (same order as replica.variables) with the replica's own optimizer. */
export function applyAveraged(replica: Replica, grads: readonly Float32Array[]): void {
  tf.tidy(() => {
    replica.optimizer.applyGradients(replica.variables.map((v, i) => {
      const g = grads[i];
      if (g === undefined) throw new Error(`no averaged gradient for ${v.name}`);
      return { name: v.name, tensor: tf.tensor(g, v.shape) };
    }));
  });
}
