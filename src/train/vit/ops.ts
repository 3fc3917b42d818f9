// The tensor functions of the transformer layers (vitLayers.ts), apart from the layers so that probes and
// tests can call them on given weights. Tokens are [batch, N, D]; every function is differentiable on
// every backend (matMul, softmax, erf, reshape, transpose).
import * as tf from '@tensorflow/tfjs';

export interface AttentionWeights {
  /** [D, 3D]: the columns are [query | key | value], each D wide and split into heads of D/H. */
  readonly qkvKernel: tf.Tensor;
  readonly qkvBias: tf.Tensor;
  readonly outKernel: tf.Tensor;
  readonly outBias: tf.Tensor;
}

/** x [rows, D] @ kernel [D, E] + bias, over the last axis of a tensor of any rank. */
export function affine(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const d = x.shape[x.shape.length - 1] as number;
  const e = kernel.shape[1] as number;
  const y = tf.add(tf.matMul(tf.reshape(x, [-1, d]), kernel as tf.Tensor2D), bias);
  return tf.reshape(y, [...x.shape.slice(0, -1), e]);
}

/** [B, N, D] -> [B, H, N, D/H]. */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor {
  const [b, n, d] = x.shape as [number, number, number];
  return tf.transpose(tf.reshape(x, [b, n, heads, d / heads]), [0, 2, 1, 3]);
}

/** The attention weights softmax(Q K^T / sqrt(D/H)), [B, H, N, N], and the heads' outputs side by side [B, N, D]. */
export function attend(x: tf.Tensor, w: AttentionWeights, heads: number): { weights: tf.Tensor; mixed: tf.Tensor } {
  const [b, n, d] = x.shape as [number, number, number];
  const [q, k, v] = tf.split(affine(x, w.qkvKernel, w.qkvBias), 3, -1).map((t) => splitHeads(t, heads)) as [tf.Tensor, tf.Tensor, tf.Tensor];
  const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d / heads));
  const weights = tf.softmax(scores);
  const mixed = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b, n, d]);
  return { weights, mixed };
}

/** Multi-head self-attention on tokens x [B, N, D]. */
export const selfAttention = (x: tf.Tensor, w: AttentionWeights, heads: number): tf.Tensor =>
  affine(attend(x, w, heads).mixed, w.outKernel, w.outBias);

/** GELU, the exact one: x·Φ(x) = x/2·(1 + erf(x/√2)). */
export const gelu = (x: tf.Tensor): tf.Tensor => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
