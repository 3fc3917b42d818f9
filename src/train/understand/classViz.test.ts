// Class visualisation by gradient ascent raises the target class score at every step, for every class of
// a trained net; channel visualisation raises the channel's mean activation.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassViz } from './classViz';
import { QUADRANT_SHAPE, trainedQuadrantNet } from './testFixtures';

let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await trainedQuadrantNet();
}, 60_000);

afterAll(() => model.dispose());

async function climb(target: Parameters<typeof createClassViz>[2], settings: Parameters<typeof createClassViz>[3], steps: number) {
  const before = tf.memory().numTensors;
  const run = createClassViz(model, QUADRANT_SHAPE, target, settings);
  const scores: number[] = [];
  for (let s = 0; s < steps; s++) scores.push(await run.step());
  const image = await run.image();
  run.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return { scores, image };
}

describe('class visualisation', () => {
  it('raises the target class score at every step, with the L2 penalty on', async () => {
    for (let cls = 0; cls < 4; cls++) {
      const { scores, image } = await climb({ kind: 'class', cls }, { rate: 0.02, l2: 0.5, blurEvery: 0, jitter: 0 }, 25);
      for (let s = 1; s < scores.length; s++) expect({ cls, s, rose: scores[s]! > scores[s - 1]! }).toEqual({ cls, s, rose: true });
      // The picture lights the class's own quadrant more than the others.
      const quadrantMean = (q: number) => {
        let sum = 0;
        for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) if ((y < 4 ? 0 : 2) + (x < 4 ? 0 : 1) === q) sum += image[y * 8 + x]!;
        return sum / 16;
      };
      const means = [0, 1, 2, 3].map(quadrantMean);
      expect(means.indexOf(Math.max(...means))).toBe(cls);
    }
  });

  it('still climbs overall with jitter and blur, and can climb one channel', async () => {
    const { scores } = await climb({ kind: 'class', cls: 2 }, { rate: 0.05, l2: 0.1, blurEvery: 5, jitter: 1 }, 30);
    expect(scores.at(-1)!).toBeGreaterThan(scores[0]! + 1);
    const channel = await climb({ kind: 'channel', layerName: 'relu', channel: 1 }, { rate: 0.02, l2: 0, blurEvery: 0, jitter: 0 }, 10);
    for (let s = 1; s < channel.scores.length; s++) expect(channel.scores[s]!).toBeGreaterThanOrEqual(channel.scores[s - 1]!);
    expect(channel.scores.at(-1)!).toBeGreaterThan(channel.scores[0]!);
  });
});
