// Segmentation on the tfjs side: per-pixel cross-entropy (optionally weighted by class, so a small class
// counts as much as the background that covers most pixels) plus an optional Dice term; the share of
// pixels labelled right; and each class's intersection and union, summed over a split for its IoU.
// Found by the same id as src/tasks/segmentation.ts.
import * as tf from '@tensorflow/tfjs';
import { segmentationTask } from '../../tasks/segmentation';
import type { WorkerTask } from './types';

export interface SegmentationLossOptions {
  /** One weight per class for the cross-entropy; none weighs every pixel alike. */
  readonly classWeights?: readonly number[];
  /** How much of the Dice loss (1 - mean soft Dice over the classes) to add; 0 or none: cross-entropy only. */
  readonly dice?: number;
}

/** [n, pixels, classes] views of the scores and the one-hot targets (targets arrive flat per example). */
function perPixel(logits: tf.Tensor, oneHot: tf.Tensor): [tf.Tensor3D, tf.Tensor3D] {
  const n = logits.shape[0] as number;
  const k = logits.shape[logits.rank - 1] as number;
  return [tf.reshape(logits, [n, -1, k]), tf.reshape(oneHot, [n, -1, k])];
}

/**
 * Per example, the mean over its pixels of the cross-entropy of the softmax (through a log-softmax, as for
 * classification). With class weights, a weighted mean: sum(w_y * ce) / sum(w_y), as PyTorch's
 * CrossEntropyLoss(weight=...) takes it over a batch.
 */
export function pixelCrossEntropy(logits: tf.Tensor, oneHot: tf.Tensor, classWeights?: readonly number[]): tf.Tensor1D {
  return tf.tidy(() => {
    const [scores, y] = perPixel(logits, oneHot);
    const ce = tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(scores)), -1));
    if (classWeights === undefined) return tf.mean(ce, 1) as tf.Tensor1D;
    const w = tf.sum(tf.mul(y, tf.tensor1d(classWeights as number[])), -1);
    return tf.div(tf.sum(tf.mul(w, ce), 1), tf.maximum(tf.sum(w, 1), 1e-7)) as tf.Tensor1D;
  });
}

/**
 * Per example, 1 - the mean over classes of the soft Dice coefficient (2 sum(p*y) + 1) / (sum(p) + sum(y) + 1),
 * p the softmax. The +1 keeps a class absent from both the image and the prediction at a coefficient of 1.
 */
export function diceLoss(logits: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const [scores, y] = perPixel(logits, oneHot);
    const p = tf.softmax(scores);
    const overlap = tf.sum(tf.mul(p, y), 1);
    const total = tf.add(tf.sum(p, 1), tf.sum(y, 1));
    const coefficient = tf.div(tf.add(tf.mul(2, overlap), 1), tf.add(total, 1));
    return tf.sub(1, tf.mean(coefficient, -1)) as tf.Tensor1D;
  });
}

/** Per example, the share of its pixels whose highest score is the true class. */
export function pixelAccuracy(logits: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const [scores, y] = perPixel(logits, oneHot);
    return tf.mean(tf.cast(tf.equal(tf.argMax(scores, -1), tf.argMax(y, -1)), 'float32'), 1) as tf.Tensor1D;
  });
}

/** [I_0..I_k-1, U_0..U_k-1]: per class, the pixels both predicted and true, and those either predicted or true. */
export function intersectionsAndUnions(logits: tf.Tensor, oneHot: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const k = logits.shape[logits.rank - 1] as number;
    const y = tf.reshape(oneHot, [-1, k]);
    const predicted = tf.oneHot(tf.argMax(tf.reshape(logits, [-1, k]), -1) as tf.Tensor1D, k).toFloat();
    const intersection = tf.sum(tf.mul(predicted, y), 0);
    const union = tf.sub(tf.add(tf.sum(predicted, 0), tf.sum(y, 0)), intersection);
    return tf.concat([intersection, union]) as tf.Tensor1D;
  });
}

/** The segmentation task's tfjs side with these loss options. */
export function segmentationWorkerWith(options: SegmentationLossOptions = {}): WorkerTask {
  const dice = options.dice ?? 0;
  return {
    id: 'segmentation',
    task: segmentationTask,
    lossPerExample: (logits, oneHot) => tf.tidy(() => {
      const ce = pixelCrossEntropy(logits, oneHot, options.classWeights);
      return dice > 0 ? tf.add(ce, tf.mul(dice, diceLoss(logits, oneHot))) as tf.Tensor1D : ce;
    }),
    correctPerExample: pixelAccuracy,
    extraSums: intersectionsAndUnions,
    pixelGuesses: (logits) => tf.tidy(() => tf.reshape(tf.argMax(logits, -1), [-1]) as tf.Tensor1D),
  };
}

export const segmentationWorker: WorkerTask = segmentationWorkerWith();
