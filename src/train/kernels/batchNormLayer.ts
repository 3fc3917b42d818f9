// Keras' BatchNormalization with a fast training path on wasm. In training mode, where our kernels are
// registered for the active backend (wasmBatchNormTrain.ts), the batch statistics, the normalisation and
// its gradient come from two kernels of ours instead of tf.moments + FusedBatchNorm and their op-built
// gradients. Everything else (weights and their names, inference, the moving averages, getClassName,
// serialisation) is the stock layer's, so probes and saved models see an ordinary BatchNormalization.
// A run may split its batches into virtual shards (parallel/shards.ts): in training, each group of examples
// the step's clock names is then normalised by its own statistics, and the moving averages follow the first
// group, so that the result does not depend on how many workers share the batch.
import * as tf from '@tensorflow/tfjs';
import { getKernel } from '@tensorflow/tfjs-core';
import type { BatchNormalization, BatchNormalizationLayerArgs } from '@tensorflow/tfjs-layers/dist/layers/normalization';
import { BN_TRAIN, registerBatchNormTrainGradient } from './wasmBatchNormTrain';

/** The stock class, as tfjs-layers registered it for deserialisation (it is not exported by name). */
function stockClass(): typeof BatchNormalization {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap.BatchNormalization;
  if (entry === undefined) throw new Error('tfjs-layers has not registered BatchNormalization');
  return entry[0] as unknown as typeof BatchNormalization;
}

/** The stock layer's private state that the training path reads. */
interface Internals {
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly gamma: tf.LayerVariable | null;
  readonly beta: tf.LayerVariable | null;
  readonly movingMean: tf.LayerVariable;
  readonly movingVariance: tf.LayerVariable;
}

/** True where the fast kernels serve the active backend. */
export function fastBatchNormActive(): boolean {
  return getKernel(BN_TRAIN, tf.getBackend()) != null;
}

/** Batch statistics over every axis but the last, normalised output, and both statistics, in one kernel call. */
export function batchNormTrain(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): [tf.Tensor, tf.Tensor, tf.Tensor] {
  registerBatchNormTrainGradient();
  const [y, mean, variance] = tf.engine().runKernel(BN_TRAIN, { x, scale: gamma, offset: beta } as never,
    { varianceEpsilon: epsilon }) as tf.Tensor[];
  if (!y || !mean || !variance) throw new Error(`${BN_TRAIN} returned too few outputs`);
  return [y, mean, variance];
}

/** What the training loop says about the current pass: the sizes of its batch-norm groups (DropoutClock's). */
export interface GroupClock {
  readonly groups?: readonly number[];
}

export class FastBatchNormalization extends stockClass() {
  /** Set by attachGroupClock; without it every pass is one group. */
  groupClock: GroupClock | null = null;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as Internals;
    const axis = self.axis < 0 ? self.axis + (x?.rank ?? 0) : self.axis;
    if (kwargs.training !== true || x === undefined || x.dtype !== 'float32' || axis !== x.rank - 1) return super.call(inputs, kwargs);
    const groups = this.groupClock?.groups;
    const grouped = groups !== undefined && groups.length > 1 && groups.reduce((a, b) => a + b, 0) === x.shape[0];
    const fast = self.gamma !== null && self.beta !== null && fastBatchNormActive();
    if (!grouped && !fast) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const parts = grouped ? tf.split(x, [...groups], 0) : [x];
      const out = parts.map((part, i) => {
        const [y, mean, variance] = this.normalise(part, fast);
        if (i === 0) this.follow(mean, variance);
        return y;
      });
      return out.length === 1 ? (out[0] as tf.Tensor) : tf.concat(out, 0);
    });
  }

  /** One group's output and its statistics, by our kernel or as the stock layer computes them. */
  private normalise(x: tf.Tensor, fast: boolean): [tf.Tensor, tf.Tensor, tf.Tensor] {
    const self = this as unknown as Internals;
    if (fast) return batchNormTrain(x, (self.gamma as tf.LayerVariable).read(), (self.beta as tf.LayerVariable).read(), self.epsilon);
    const { mean, variance } = tf.moments(x, Array.from({ length: x.rank - 1 }, (_, i) => i));
    const y = tf.batchNorm(x, mean, variance, self.beta?.read(), self.gamma?.read(), self.epsilon);
    return [y, mean, variance];
  }

  /** The stock layer's moving-average update, word for word. */
  private follow(mean: tf.Tensor, variance: tf.Tensor): void {
    const self = this as unknown as Internals;
    for (const [variable, value] of [[self.movingMean, mean], [self.movingVariance, variance]] as const) {
      tf.tidy(() => {
        const orig = variable.read();
        variable.write(tf.sub(orig, tf.mul(tf.sub(orig, value), 1 - self.momentum)));
      });
    }
  }
}

/** Lets every batch-norm layer of a model read the batch-norm groups of the current pass from `clock`. */
export function attachGroupClock(model: tf.LayersModel, clock: GroupClock): void {
  for (const layer of model.layers) if (layer instanceof FastBatchNormalization) layer.groupClock = clock;
}

/** Drop-in for tf.layers.batchNormalization. */
export function batchNormalization(args: BatchNormalizationLayerArgs): tf.layers.Layer {
  return new FastBatchNormalization(args);
}
