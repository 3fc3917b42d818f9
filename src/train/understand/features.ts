// The feature space: the penultimate block's output (what the classifier separates linearly) for the
// first test images, read back as one matrix for the embedding and the nearest-neighbour search.
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../../data/types';
import { penultimateBlock } from './adapter';
import { forward } from './forward';

export interface FeatureMatrix {
  readonly blockId: string;
  readonly dim: number;
  readonly count: number;
  /** count * dim floats, row-major. */
  readonly values: Float32Array;
}

export async function penultimateFeatures(model: tf.LayersModel, split: Split, inputShape: readonly [number, number, number],
  count: number, options: { batchSize?: number; size?: (most: number) => number; pause?: (items: number) => Promise<void> } = {}): Promise<FeatureMatrix | null> {
  const block = penultimateBlock(model);
  if (!block) return null;
  const [h, w, c] = inputShape;
  const size = h * w * c;
  const total = Math.min(count, split.count);
  const batchSize = options.batchSize ?? 256;
  const shape = block.layer.outputShape as number[];
  const dim = shape.slice(1).reduce((a, b) => a * Number(b), 1);
  const values = new Float32Array(total * dim);
  for (let start = 0; start < total;) {
    const n = Math.min(options.size?.(batchSize) ?? batchSize, total - start);
    const pixels = Float32Array.from(split.images.subarray(start * size, (start + n) * size), (v) => v / 255);
    const out = tf.tidy(() => (forward(model, tf.tensor4d(pixels, [n, h, w, c]), { until: block.layer.name }).get(block.layer.name) as tf.Tensor).reshape([n, dim]));
    try {
      values.set((await out.data()) as Float32Array, start * dim);
    } finally {
      out.dispose();
    }
    start += n;
    await options.pause?.(n);
  }
  return { blockId: block.blockId, dim, count: total, values };
}
