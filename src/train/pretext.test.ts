// A run on the rotation pretext task (src/data/rotation.ts) through the engine: the worker trains on the
// four turns, not on the dataset's own classes, and says so in the network it builds.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset, errorOf, harness, meta, start } from './engineHarness';
import type { LoadedDataset } from '../data/types';
import type { ToWorker } from './api/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// The harness's images with two classes of its own, so four outputs can only come from the turns.
const twoClasses: LoadedDataset = { ...dataset, meta: { ...meta, classNames: ['a', 'b'] },
  train: { ...dataset.train, labels: dataset.train.labels.map((l) => l % 2) }, test: { ...dataset.test, labels: dataset.test.labels.map((l) => l % 2) } };

async function outputUnits(pretext: boolean): Promise<number | undefined> {
  const h = harness({ loadDataset: async () => twoClasses });
  const msg = start(1, { epochs: 1 }) as Extract<ToWorker, { type: 'start' }>;
  h.engine.handle({ ...msg, dataset: { url: '/data/quadrants/', ...(pretext ? { pretext: 'rotation' as const } : {}) } });
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
  const reply = h.messages.find((m) => m.type === 'weights');
  return reply?.type === 'weights' ? reply.weights?.find((w) => w.name === 'out/kernel')?.shape[1] : undefined;
}

describe('the rotation pretext task in the engine', () => {
  it('trains a four-way output on the turns instead of the dataset\'s classes', async () => {
    expect(await outputUnits(false)).toBe(2);
    expect(await outputUnits(true)).toBe(4);
  });
});
