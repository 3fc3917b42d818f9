// Adversarial examples (Goodfellow et al. 2015; Kurakin et al. 2017): the fast gradient sign method moves
// every pixel by epsilon in the direction that raises the loss of the true class; the iterative targeted
// attack takes small steps that lower the loss of a chosen class, staying within epsilon of the original.
// Pixels stay in [0, 1]. The loss is taken on the logits, so a confident softmax does not zero the gradient.
import * as tf from '@tensorflow/tfjs';
import { forward, logitsOf } from './forward';

function lossGradient(model: tf.LayersModel, x: tf.Tensor, labels: tf.Tensor1D, numClasses: number): tf.Tensor {
  const y = tf.oneHot(labels, numClasses);
  return tf.grad((input: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, logitsOf(model, forward(model, input))) as tf.Scalar)(x);
}

/** One FGSM step on a batch [n, h, w, c] with its true labels. Call inside a tidy. */
export function fgsm(model: tf.LayersModel, x: tf.Tensor, labels: tf.Tensor1D, numClasses: number, epsilon: number): tf.Tensor {
  const g = lossGradient(model, x, labels, numClasses);
  return tf.clipByValue(tf.add(x, tf.mul(tf.sign(g), epsilon)), 0, 1);
}

/**
 * The iterative attack (Kurakin et al. 2017): `steps` signed steps of 2.5 * epsilon / steps, clipped to
 * epsilon around the original. With `targets` each step lowers the loss of the target class; without,
 * it raises the loss of the true `labels`. Call inside a tidy.
 */
export function iterativeAttack(model: tf.LayersModel, x: tf.Tensor, classes: tf.Tensor1D, numClasses: number,
  epsilon: number, steps: number, targeted: boolean): tf.Tensor {
  const alpha = (2.5 * epsilon) / Math.max(1, steps);
  const low = tf.clipByValue(tf.sub(x, epsilon), 0, 1);
  const high = tf.clipByValue(tf.add(x, epsilon), 0, 1);
  let adv = x;
  for (let s = 0; s < steps; s++) {
    const step = tf.mul(tf.sign(lossGradient(model, adv, classes, numClasses)), targeted ? -alpha : alpha);
    adv = tf.minimum(tf.maximum(tf.add(adv, step), low), high);
  }
  return adv;
}
