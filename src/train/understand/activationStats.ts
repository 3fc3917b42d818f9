// Lecture 6's picture of initialisation: for one batch, every block's output and the loss's gradient with
// respect to it, as histograms with mean and spread, and the share of dead ReLU units. One forward pass for
// the values and one forward-backward pass (zeros added to each output, differentiated) for the gradients.
import * as tf from '@tensorflow/tfjs';
import { blockLayers, endsInRelu } from './adapter';
import { forward, logitsOf } from './forward';
import type { LayerStats } from '../api/understandProtocol';
import { deadFraction, histogram, moments, zeroFraction } from '../api/understandStats';

export const HISTOGRAM_BINS = 40;

/**
 * `x`: a batch [n, ...inputShape]; `labels`: class indices. Every tensor made here is disposed. The batch goes
 * through in slices (`size`, `pause`: the job pacer), each slice's loss being its share of the batch's mean,
 * so the gradients are those of the whole batch's mean loss.
 */
export async function activationStats(model: tf.LayersModel, x: tf.Tensor, labels: Int32Array, numClasses: number,
  options: { size?: (most: number) => number; pause?: (items: number) => Promise<void> } = {}): Promise<LayerStats[]> {
  const blocks = blockLayers(model).filter((b) => b.layer !== model.layers[model.layers.length - 1]);
  const n = x.shape[0] as number;
  const parts: Float32Array[][] = blocks.map(() => []);
  const gradParts: Float32Array[][] = blocks.map(() => []);
  for (let start = 0; start < n;) {
    const m = Math.min(options.size?.(n) ?? n, n - start);
    const tensors = tf.tidy(() => {
      const xs = tf.slice(x, start, m);
      const values = forward(model, xs);
      const outs = blocks.map((b) => values.get(b.layer.name) as tf.Tensor);
      const taps = outs.map((o) => tf.zerosLike(o));
      const y = tf.oneHot(tf.tensor1d(labels.subarray(start, start + m), 'int32'), numClasses);
      const loss = (...zs: tf.Tensor[]) => {
        const tapped = forward(model, xs, { taps: new Map(blocks.map((b, i) => [b.layer.name, zs[i] as tf.Tensor])) });
        const sum = tf.losses.softmaxCrossEntropy(y, logitsOf(model, tapped), undefined, 0, tf.Reduction.SUM);
        return tf.div(sum, n) as tf.Scalar;
      };
      const grads = blocks.length > 0 ? tf.grads(loss)(taps) : [];
      return [...outs, ...grads];
    });
    try {
      const arrays = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
      blocks.forEach((_, i) => {
        parts[i]?.push(arrays[i] as Float32Array);
        gradParts[i]?.push(arrays[blocks.length + i] as Float32Array);
      });
    } finally {
      tf.dispose(tensors);
    }
    start += m;
    await options.pause?.(m);
  }
  const joined = (list: Float32Array[]) => {
    const out = new Float32Array(list.reduce((s, a) => s + a.length, 0));
    let at = 0;
    for (const a of list) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  const arrays = [...parts.map(joined), ...gradParts.map(joined)];
  return blocks.map((b, i) => {
    const values = arrays[i] as Float32Array;
    const grads = arrays[blocks.length + i] as Float32Array;
    const v = moments(values);
    const g = moments(grads);
    return {
      blockId: b.blockId,
      kind: b.kind,
      mean: v.mean,
      std: v.std,
      histogram: histogram(values, HISTOGRAM_BINS),
      gradMean: g.mean,
      gradStd: g.std,
      gradHistogram: histogram(grads, HISTOGRAM_BINS),
      deadFraction: endsInRelu(b.layer) ? deadFraction(values, n) : null,
      zeroFraction: zeroFraction(values),
    };
  });
}
