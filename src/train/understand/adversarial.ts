// Adversarial examples (Goodfellow et al. 2015; Kurakin et al. 2017): the fast gradient sign method moves
// every pixel by epsilon in the direction that raises the loss of the true class; the iterative targeted
// attack takes small steps that lower the loss of a chosen class, staying within epsilon of the original.
// Pixels stay in [0, 1], the scale the user sees (the network reads them unnormalised).
import * as tf from '@tensorflow/tfjs';
import { forward, logitsOf } from './forward';

const logits = (model: tf.LayersModel, x: tf.Tensor) => logitsOf(model, forward(model, x));

/**
 * The direction of the cross-entropy's gradient with respect to each example's input, without its scale.
 * With p = softmax(z) and t the class, d CE / dx = sum_j (p_j - [j = t]) dz_j/dx
 * = (1 - p_t) * sum_{j != t} w_j (dz_j/dx - dz_t/dx), where w is the softmax of the other classes' logits.
 * On a confidently right example 1 - p_t rounds to 0 in float32 (and the other p_j to 0 or denormals), so
 * the plain gradient is exactly zero and FGSM would not move a pixel; the sum on the right has the same sign
 * wherever the true gradient is not zero, and does not vanish. Call inside a tidy.
 */
export function lossDirection(model: tf.LayersModel, x: tf.Tensor, classes: tf.Tensor1D, numClasses: number): tf.Tensor {
  const y = tf.oneHot(classes, numClasses).toFloat();
  // Constant weights per example: w for the other classes, -1 for the class itself (sum of w is 1).
  const weights = tf.sub(tf.softmax(tf.sub(logits(model, x), tf.mul(y, 1e9))), y);
  return tf.grad((input: tf.Tensor) => tf.sum(tf.mul(logits(model, input), weights)) as tf.Scalar)(x);
}

/** One FGSM step on a batch [n, h, w, c] with its true labels. Call inside a tidy. */
export function fgsm(model: tf.LayersModel, x: tf.Tensor, labels: tf.Tensor1D, numClasses: number, epsilon: number): tf.Tensor {
  const g = lossDirection(model, x, labels, numClasses);
  return tf.clipByValue(tf.add(x, tf.mul(tf.sign(g), epsilon)), 0, 1);
}

/** The bounds an attack on `x` stays within: epsilon around it, inside [0, 1]. Call inside a tidy. */
export function attackBounds(x: tf.Tensor, epsilon: number): { low: tf.Tensor; high: tf.Tensor } {
  return { low: tf.clipByValue(tf.sub(x, epsilon), 0, 1), high: tf.clipByValue(tf.add(x, epsilon), 0, 1) };
}

/** The step size of the iterative attack: 2.5 * epsilon / steps (Madry et al. 2018), so a few steps can reach the bound. */
export const attackStepSize = (epsilon: number, steps: number): number => (2.5 * epsilon) / Math.max(1, steps);

/**
 * One step of the iterative attack: with `targeted` it lowers the loss of `classes` (the targets), without
 * it raises the loss of `classes` (the true labels); the result stays within the bounds. Call inside a tidy.
 */
export function attackStep(model: tf.LayersModel, adv: tf.Tensor, classes: tf.Tensor1D, numClasses: number,
  bounds: { low: tf.Tensor; high: tf.Tensor }, alpha: number, targeted: boolean): tf.Tensor {
  const step = tf.mul(tf.sign(lossDirection(model, adv, classes, numClasses)), targeted ? -alpha : alpha);
  return tf.minimum(tf.maximum(tf.add(adv, step), bounds.low), bounds.high);
}

/**
 * The iterative attack (Kurakin et al. 2017): `steps` signed steps of attackStepSize, clipped to epsilon
 * around the original. With `targeted` each step lowers the loss of the target class; without, it raises
 * the loss of the true `labels`. Call inside a tidy.
 */
export function iterativeAttack(model: tf.LayersModel, x: tf.Tensor, classes: tf.Tensor1D, numClasses: number,
  epsilon: number, steps: number, targeted: boolean): tf.Tensor {
  const bounds = attackBounds(x, epsilon);
  const alpha = attackStepSize(epsilon, steps);
  let adv = x;
  for (let s = 0; s < steps; s++) adv = attackStep(model, adv, classes, numClasses, bounds, alpha, targeted);
  return adv;
}
