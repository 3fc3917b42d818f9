// A run on the rotation pretext task (src/data/rotation.ts) through the engine: the worker trains on the
// four turns, not on the dataset's own classes, and says so in the network it builds; a reopened rotation
// project's test views show the turned images the network saw, labelled by their turn.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset, errorOf, harness, meta, spec, start } from './engineHarness';
import type { LoadedDataset } from '../data/types';
import type { WeightList } from '../codegen/weights';
import { PROBES_OFF } from './api/probeTypes';
import type { ToWorker } from './api/protocol';
import { rotateImage, rotationOf } from '../data/rotation';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// The harness's images with two classes of its own, so four outputs can only come from the turns.
const twoClasses: LoadedDataset = { ...dataset, meta: { ...meta, classNames: ['a', 'b'] },
  train: { ...dataset.train, labels: dataset.train.labels.map((l) => l % 2) }, test: { ...dataset.test, labels: dataset.test.labels.map((l) => l % 2) } };
const rotationRef = { url: '/data/quadrants/', pretext: 'rotation' as const };

async function trained(pretext: boolean): Promise<WeightList> {
  const h = harness({ loadDataset: async () => twoClasses });
  const msg = start(1, { epochs: 1 }) as Extract<ToWorker, { type: 'start' }>;
  h.engine.handle({ ...msg, dataset: pretext ? rotationRef : { url: '/data/quadrants/' } });
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
  const reply = h.messages.find((m) => m.type === 'weights');
  if (reply?.type !== 'weights' || !reply.weights) throw new Error('no trained weights');
  return reply.weights;
}

const outputUnits = (weights: WeightList) => weights.find((w) => w.name === 'out/kernel')?.shape[1];

describe('the rotation pretext task in the engine', () => {
  it('trains a four-way output on the turns instead of the dataset\'s classes', async () => {
    expect(outputUnits(await trained(false))).toBe(2);
    expect(outputUnits(await trained(true))).toBe(4);
  });

  it('reopened, shows the turned test images with their turns as labels, as the network saw them', async () => {
    const weights = await trained(true);
    const h = harness({ loadDataset: async () => twoClasses });
    h.engine.handle({ type: 'probe-config', runId: 0, config: { ...PROBES_OFF, activations: true } });
    h.engine.handle({ type: 'load-weights', runId: 5, spec, dataShape: { inputShape: meta.inputShape, numClasses: 4 }, weights, epoch: 1,
      views: { dataset: rotationRef, backend: 'cpu', step: 8 } });
    await h.engine.idle();
    const report = h.messages.find((m) => m.type === 'confusion' && m.runId === 5);
    if (report?.type !== 'confusion') throw new Error('no confusion report for the reopened rotation project');
    const { matrix, mistakes } = report.report;
    expect(report.report.numClasses).toBe(4);
    // Rows are the true turns: test example i has turn i mod 4, so each of the 64 images' rows holds 16.
    for (let turn = 0; turn < 4; turn++) expect(matrix.subarray(turn * 4, turn * 4 + 4).reduce((a, b) => a + b, 0)).toBe(16);
    // The four turns of these quadrant images cannot all be told apart: there are mistakes to look at.
    expect(mistakes.index.length).toBeGreaterThan(0);
    const size = 8 * 8;
    mistakes.index.forEach((index, k) => {
      expect(mistakes.label[k]).toBe(rotationOf(index));
      const turned = new Uint8Array(size);
      rotateImage(twoClasses.test.images.subarray(index * size, (index + 1) * size), 8, 1, rotationOf(index), turned);
      expect([...mistakes.images.subarray(k * size, (k + 1) * size)]).toEqual([...turned]);
    });
    await h.until((m) => m.type === 'probes' && m.runId === 5);
  });
});

describe('a class subset in the engine', () => {
  it('trains on the chosen classes only, relabelled, and says how many images that is', async () => {
    const h = harness();
    const msg = start(1, { epochs: 1 }) as Extract<ToWorker, { type: 'start' }>;
    h.engine.handle({ ...msg, dataset: { url: '/data/quadrants/', classes: [3, 0] } });
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    const counts = h.messages.find((m) => m.type === 'dataset');
    expect(counts?.type === 'dataset' && [counts.trainCount, counts.testCount]).toEqual([64, 32]);
    h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
    const reply = h.messages.find((m) => m.type === 'weights');
    expect(reply?.type === 'weights' && outputUnits(reply.weights ?? [])).toBe(2);
  });
});

describe('a share of the labels in the engine', () => {
  it('trains on that share of every class and says how many of how many', async () => {
    const h = harness();
    h.engine.handle(start(1, { epochs: 1, labelShare: 0.1 }));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    const counts = h.messages.find((m) => m.type === 'dataset');
    // 32 of each of the 4 classes: 3 each (10%, rounded), out of 128; the test set whole.
    expect(counts).toMatchObject({ trainCount: 12, testCount: 64, labelledOf: 128 });
    // 12 images in batches of 16: one step.
    expect(h.steps()).toEqual([1]);
  });
});

describe('a reopened class-subset project', () => {
  it('recomputes its confusion matrix on the same classes, relabelled', async () => {
    const h = harness();
    const msg = start(1, { epochs: 1 }) as Extract<ToWorker, { type: 'start' }>;
    const ref = { url: '/data/quadrants/', classes: [3, 0] };
    h.engine.handle({ ...msg, dataset: ref });
    await h.engine.idle();
    h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
    const reply = h.messages.find((m) => m.type === 'weights');
    if (reply?.type !== 'weights' || !reply.weights) throw new Error('no trained weights');
    const again = harness();
    again.engine.handle({ type: 'load-weights', runId: 5, spec, dataShape: { inputShape: meta.inputShape, numClasses: 2 }, weights: reply.weights,
      epoch: 1, views: { dataset: ref, backend: 'cpu', step: 4 } });
    await again.engine.idle();
    const report = again.messages.find((m) => m.type === 'confusion' && m.runId === 5);
    // The 64 test images hold 16 of each quadrant: 32 of the two kept classes, 16 a row.
    expect(report?.type === 'confusion' && [report.report.numClasses, ...[0, 1].map((r) => report.report.matrix[r * 2]! + report.report.matrix[r * 2 + 1]!)])
      .toEqual([2, 16, 16]);
  });
});
