// The tensor work of one training step and one evaluation batch. Every intermediate lives inside a tidy;
// what leaves is a handful of scalars the caller owns, so tensor memory stays flat step after step.
import * as tf from '@tensorflow/tfjs';
import type { BatchBuffers } from '../data/batches';

// Keras's epsilon: keeps log() finite when softmax rounds a probability to 0 or 1.
const EPSILON = 1e-7;

/** What a step needs to turn the filled buffers into tensors. */
export interface BatchLayout {
  /** [height, width, channels] of one example. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
}

export interface TrainContext extends BatchLayout {
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  /** The model's trainable variables, read once per run. */
  readonly variables: tf.Variable[];
}

/** Per-example cross-entropy of softmax outputs against one-hot labels, clipped as Keras does. */
function crossEntropyPerExample(probs: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(probs, EPSILON, 1 - EPSILON))), -1)) as tf.Tensor1D;
}

function correctPerExample(probs: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.cast(tf.equal(tf.argMax(probs, -1), tf.argMax(oneHot, -1)), 'float32') as tf.Tensor1D;
}

// tf.tensor keeps a reference to the array on the cpu backend instead of copying it: that is safe here
// only because each step's tensors are disposed before the buffers are filled again.
function batchTensors(buffers: BatchBuffers, n: number, layout: BatchLayout): [tf.Tensor4D, tf.Tensor2D] {
  const [h, w, c] = layout.inputShape;
  const xs = tf.tensor4d(buffers.x.subarray(0, n * h * w * c), [n, h, w, c]);
  const ys = tf.tensor2d(buffers.y.subarray(0, n * layout.numClasses), [n, layout.numClasses], 'float32');
  return [xs, ys];
}

/** One optimizer step on the first `n` examples of the buffers; returns [mean loss, accuracy]. */
export function trainStep(ctx: TrainContext, buffers: BatchBuffers, n: number): [tf.Scalar, tf.Scalar] {
  // minimize() runs its function in a tidy of its own and keeps only the loss, so the accuracy has to
  // be kept explicitly; the holder lets it out of the closure and lets a failure dispose it.
  const kept: { accuracy?: tf.Scalar } = {};
  try {
    return tf.tidy(() => {
      const [xs, ys] = batchTensors(buffers, n, ctx);
      const loss = ctx.optimizer.minimize(
        () => {
          const probs = ctx.model.apply(xs, { training: true }) as tf.Tensor;
          kept.accuracy = tf.keep(tf.mean(correctPerExample(probs, ys)) as tf.Scalar);
          return tf.mean(crossEntropyPerExample(probs, ys)) as tf.Scalar;
        },
        true,
        ctx.variables,
      );
      if (!loss || !kept.accuracy) throw new Error('The optimizer returned no loss.');
      return [loss, kept.accuracy];
    });
  } catch (err) {
    kept.accuracy?.dispose();
    throw err;
  }
}

/** Loss and correct-answer count summed over the first `n` examples, as one [2] tensor the caller owns. */
export function evaluateBatch(model: tf.LayersModel, buffers: BatchBuffers, n: number, layout: BatchLayout): tf.Tensor1D {
  return tf.tidy(() => {
    const [xs, ys] = batchTensors(buffers, n, layout);
    const probs = model.apply(xs, { training: false }) as tf.Tensor;
    return tf.stack([tf.sum(crossEntropyPerExample(probs, ys)), tf.sum(correctPerExample(probs, ys))]) as tf.Tensor1D;
  });
}

/** The variables the optimizer updates: the layer weights marked trainable. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}
