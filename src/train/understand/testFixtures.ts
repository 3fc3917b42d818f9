// Test fixtures for the understanding tests: the quadrant task of engineHarness.ts (the class is the one
// bright quadrant of an 8x8 image) trained for a few epochs on the cpu backend.
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '../buildModel';
import { dataset, spec } from '../engineHarness';

export const QUADRANT_SHAPE = [8, 8, 1] as const;

export function pixelsOf(images: Uint8Array, index: number, size: number): Float32Array {
  return Float32Array.from(images.subarray(index * size, (index + 1) * size), (v) => v / 255);
}

export async function trainedQuadrantNet(): Promise<tf.LayersModel> {
  const model = buildModel(spec, { inputShape: [...QUADRANT_SHAPE], numClasses: 4 }, 7).model;
  const { train } = dataset;
  const [x, y] = tf.tidy(() => [
    tf.tensor4d(Float32Array.from(train.images, (v) => v / 255), [train.count, ...QUADRANT_SHAPE]),
    tf.oneHot(tf.tensor1d(train.labels, 'int32'), 4),
  ]);
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
  await model.fit(x, y, { epochs: 15, batchSize: 16, verbose: 0, shuffle: false });
  tf.dispose([x, y]);
  return model;
}
