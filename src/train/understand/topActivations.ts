// Maximally activating images (Zeiler & Fergus 2014; Girshick et al. 2014): for one channel of one block,
// the k test images whose strongest unit in that channel is highest, with that unit's position, value and
// receptive field. Runs over the test split in batches, keeping only the running top k.
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../../data/types';
import { forward } from './forward';
import { mergeTop, type Ranked } from '../api/understandStats';

export interface TopResult {
  readonly top: Ranked[];
  /** Per entry [top, left, height, width] in image pixels; the whole image for flat blocks. */
  readonly boxes: Int32Array;
  readonly channels: number;
  readonly searched: number;
}

export interface TopOptions {
  readonly channel: number;
  readonly k: number;
  readonly maxImages: number;
  readonly batchSize?: number;
  /** The size of the next batch, at most `most` (the job pacer's slice). */
  readonly size?: (most: number) => number;
  /** Awaited after each batch of `items` images, so training steps may run in between. */
  readonly pause?: (items: number) => Promise<void>;
  /** Returns true when the work is no longer wanted. */
  readonly cancelled?: () => boolean;
}

/** Channel count of a layer's output (the last axis). */
export function channelsOf(layer: tf.layers.Layer): number {
  const shape = layer.outputShape as (number | null)[];
  return Number(shape[shape.length - 1] ?? 0);
}

/** Where unit (row, col) of the layer looks in the image, [top, left, height, width]; null for a flat output. */
export type UnitBox = (row: number, col: number) => readonly [number, number, number, number] | null;

export async function topActivations(model: tf.LayersModel, layer: tf.layers.Layer, split: Split,
  inputShape: readonly [number, number, number], boxOf: UnitBox, options: TopOptions): Promise<TopResult | null> {
  const [h, w, c] = inputShape;
  const size = h * w * c;
  const total = Math.min(split.count, options.maxImages);
  const batchSize = options.batchSize ?? 128;
  const channels = channelsOf(layer);
  const channel = Math.min(Math.max(0, options.channel), channels - 1);
  let best: Ranked[] = [];
  for (let start = 0; start < total;) {
    if (options.cancelled?.()) return null;
    const n = Math.min(options.size?.(batchSize) ?? batchSize, total - start);
    const pixels = new Float32Array(n * size);
    for (let i = 0; i < n * size; i++) pixels[i] = (split.images[start * size + i] as number) / 255;
    const [values, positions] = tf.tidy(() => {
      const out = forward(model, tf.tensor4d(pixels, [n, h, w, c]), { until: layer.name }).get(layer.name) as tf.Tensor;
      const flat = out.reshape([n, -1, channels]).slice([0, 0, channel], [n, -1, 1]).reshape([n, -1]);
      return [flat.max(1), flat.argMax(1)];
    });
    const [v, p] = await Promise.all([values.data(), positions.data()]);
    tf.dispose([values, positions]);
    best = mergeTop(best, Array.from(v as Float32Array, (value, i) => ({ index: start + i, value, position: p[i] as number })), options.k);
    start += n;
    await options.pause?.(n);
  }
  return { top: best, boxes: boxesOf(layer, best, inputShape, boxOf), channels, searched: total };
}

function boxesOf(layer: tf.layers.Layer, top: readonly Ranked[], inputShape: readonly [number, number, number], boxOf: UnitBox): Int32Array {
  const shape = layer.outputShape as number[];
  const grid = shape.length === 4;
  const width = grid ? Number(shape[2]) : 1;
  const boxes = new Int32Array(top.length * 4);
  top.forEach((t, i) => {
    const box = (grid ? boxOf(Math.floor(t.position / width), t.position % width) : null) ?? [0, 0, inputShape[0], inputShape[1]];
    boxes.set(box, i * 4);
  });
  return boxes;
}
