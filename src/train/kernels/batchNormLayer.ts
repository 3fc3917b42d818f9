// Keras' BatchNormalization with a fast training path on wasm. In training mode, where our kernels are
// registered for the active backend (wasmBatchNormTrain.ts), the batch statistics, the normalisation and
// its gradient come from two kernels of ours instead of tf.moments + FusedBatchNorm and their op-built
// gradients. Everything else (weights and their names, inference, the moving averages, getClassName,
// serialisation) is the stock layer's, so probes and saved models see an ordinary BatchNormalization.
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

export class FastBatchNormalization extends stockClass() {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as Internals;
    const axis = self.axis < 0 ? self.axis + (x?.rank ?? 0) : self.axis;
    const fast = kwargs.training === true && x !== undefined && x.dtype === 'float32' && axis === x.rank - 1
      && self.gamma !== null && self.beta !== null && fastBatchNormActive();
    if (!fast) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const [y, mean, variance] = batchNormTrain(x, (self.gamma as tf.LayerVariable).read(),
        (self.beta as tf.LayerVariable).read(), self.epsilon);
      // The stock layer's moving-average update, word for word.
      for (const [variable, value] of [[self.movingMean, mean], [self.movingVariance, variance]] as const) {
        tf.tidy(() => {
          const orig = variable.read();
          variable.write(tf.sub(orig, tf.mul(tf.sub(orig, value), 1 - self.momentum)));
        });
      }
      return y;
    });
  }
}

/** Drop-in for tf.layers.batchNormalization. */
export function batchNormalization(args: BatchNormalizationLayerArgs): tf.layers.Layer {
  return new FastBatchNormalization(args);
}
