// Occlusion sensitivity with a known answer: on a net trained on images whose class is decided by one
// quadrant, hiding that quadrant hurts most, so the heat map peaks there.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '../engineHarness';
import { meanPixel, occlusionMap, patchStarts } from './occlusion';
import { pixelsOf, QUADRANT_SHAPE, trainedQuadrantNet } from './testFixtures';

let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await trainedQuadrantNet();
}, 60_000);

afterAll(() => model.dispose());

describe('occlusion sensitivity', () => {
  it('places patches from edge to edge, the last one flush with the far edge', () => {
    expect(patchStarts(8, 4, 2)).toEqual([0, 2, 4]);
    expect(patchStarts(8, 3, 2)).toEqual([0, 2, 4, 5]);
    expect(patchStarts(28, 7, 7)).toEqual([0, 7, 14, 21]);
    expect(patchStarts(4, 8, 2)).toEqual([0]);
  });

  it('is highest over the quadrant that decides the class', async () => {
    const { test } = dataset;
    const fill = meanPixel(dataset.train.images);
    expect(fill).toBeGreaterThan(0.2);
    expect(fill).toBeLessThan(0.35);
    for (let index = 0; index < 16; index++) {
      const label = test.labels[index] as number;
      const before = tf.memory().numTensors;
      const map = await occlusionMap(model, pixelsOf(test.images, index, 64), QUADRANT_SHAPE, label, 4, 1, { fill, batchSize: 7 });
      expect(tf.memory().numTensors).toBe(before);
      expect([map.rows, map.cols]).toEqual([5, 5]);
      expect(map.base).toBeGreaterThan(0.5); // the net has learned the task
      const peak = map.drop.indexOf(Math.max(...map.drop));
      // Patch (row, col) starts at (row, col): the 4x4 patch exactly on the class's quadrant is (0|4, 0|4).
      const [row, col] = [Math.floor(peak / 5), peak % 5];
      const quadrant = (row + 2 < 4 ? 0 : 2) + (col + 2 < 4 ? 0 : 1);
      expect({ index, quadrant }).toEqual({ index, quadrant: label });
      expect(Math.max(...map.drop)).toBeGreaterThan(0);
    }
  });
});
