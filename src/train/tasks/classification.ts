// Classification on the tfjs side: the per-example loss and the per-example right / wrong from the class
// scores (logits) and one-hot targets. Found by the same id as src/tasks/classification.ts.
import * as tf from '@tensorflow/tfjs';
import { classificationTask } from '../../tasks/classification';
import type { WorkerTask } from './types';

/**
 * Per-example cross-entropy of the softmax of `logits` against one-hot labels, through a log-softmax
 * (logits minus their log-sum-exp, shifted by the max): exact for any finite logits, and its gradient,
 * softmax - labels, never vanishes for a confidently wrong example. Clipping softmax outputs instead (as
 * Keras does on probabilities) would cap the loss near 16 and give such an example no gradient at all.
 */
export function crossEntropyFromLogits(logits: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1)) as tf.Tensor1D;
}

/** Right when the arg max of the scores is the label's (softmax keeps the order, so logits will do). */
export function correctPerExample(scores: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.cast(tf.equal(tf.argMax(scores, -1), tf.argMax(oneHot, -1)), 'float32') as tf.Tensor1D;
}

export const classificationWorker: WorkerTask = {
  id: 'classification',
  task: classificationTask,
  lossPerExample: crossEntropyFromLogits,
  correctPerExample,
  guesses: (scores) => [tf.argMax(scores, -1) as tf.Tensor1D, tf.max(tf.softmax(scores), -1) as tf.Tensor1D],
};
