// Occlusion sensitivity (Zeiler & Fergus 2014): a grey patch slid over the image; at each position, how
// much the true class's probability drops. Occluded copies go through the model in batches. The patch is
// filled with the dataset's mean pixel value (a grey that carries no information about this image: on
// MNIST a dark grey, on CIFAR-10 a middle grey), as Zeiler & Fergus filled theirs with the mean.
import * as tf from '@tensorflow/tfjs';
import { probabilitiesOf } from './forward';
import { patchStarts } from '../api/understandStats';

export { patchStarts };

export interface OcclusionMap {
  readonly rows: number;
  readonly cols: number;
  /** rows * cols: base probability minus occluded probability of the class. */
  readonly drop: Float32Array;
  readonly base: number;
}

/** The mean pixel value in [0, 1] of up to `limit` images of a split (bytes). */
export function meanPixel(images: Uint8Array, limit = 1 << 20): number {
  const n = Math.min(images.length, limit);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += images[i] as number;
  return n === 0 ? 0.5 : sum / n / 255;
}

export async function occlusionMap(model: tf.LayersModel, image: Float32Array, shape: readonly [number, number, number],
  cls: number, patch: number, stride: number, options: { fill: number; batchSize?: number; size?: (most: number) => number; pause?: (items: number) => Promise<void> }): Promise<OcclusionMap> {
  const [h, w, c] = shape;
  const ys = patchStarts(h, patch, stride);
  const xs = patchStarts(w, patch, stride);
  const positions = ys.flatMap((y) => xs.map((x) => [y, x] as const));
  const size = h * w * c;
  const batchSize = options.batchSize ?? 64;
  const probs = new Float32Array(positions.length);
  const base = await classProbability(model, image, [1, h, w, c], cls);
  await options.pause?.(1);
  for (let start = 0; start < positions.length;) {
    const n = Math.min(options.size?.(batchSize) ?? batchSize, positions.length - start);
    const batch = new Float32Array(n * size);
    for (let i = 0; i < n; i++) {
      batch.set(image, i * size);
      const [y0, x0] = positions[start + i] as readonly [number, number];
      for (let y = y0; y < Math.min(h, y0 + patch); y++) {
        for (let x = x0; x < Math.min(w, x0 + patch); x++) batch.fill(options.fill, i * size + (y * w + x) * c, i * size + (y * w + x + 1) * c);
      }
    }
    probs.set(await classProbability(model, batch, [n, h, w, c], cls), start);
    start += n;
    await options.pause?.(n);
  }
  const baseValue = base[0] ?? 0;
  return { rows: ys.length, cols: xs.length, drop: probs.map((p) => baseValue - p), base: baseValue };
}

async function classProbability(model: tf.LayersModel, pixels: Float32Array, shape: [number, number, number, number], cls: number): Promise<Float32Array> {
  const t = tf.tidy(() => probabilitiesOf(model, tf.tensor4d(pixels, shape)).slice([0, cls], [-1, 1]).reshape([-1]));
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
