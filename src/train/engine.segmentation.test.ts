// The engine on a segmentation dataset (Shapes, drawn from a seed by the loader): the dataset's task picks
// the per-pixel loss and metrics, each epoch reports mean IoU on the test and validation splits, and a
// network whose output does not fit the task is refused with the reason. The wasm backend, in Node: the cpu
// backend's convolution gradient takes seconds per step on 64x64 images.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../data/loader';
import type { ModelSpec } from '../model/spec';
import { errorOf, harness, hyper } from './engineHarness';
import { selectBackend } from './backend';
import type { DatasetRef } from '../data/types';
import type { EpochResult, ToWorker } from './api/protocol';
import { classIoUOf } from './api/masks';

const expectSameIoU = (a: number, b: number) => (Number.isNaN(b) ? expect(a).toBeNaN() : expect(a).toBeCloseTo(b, 5));

beforeAll(async () => {
  await selectBackend('wasm', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
});

const onWasm = { loadDataset: (ref: DatasetRef) => loadDataset(ref), selectBackend: async () => ({ name: 'wasm' as const, reason: 'test' }) };

const pixelNet: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'conv', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { id: 'out', kind: 'pixelsoftmax', inputs: ['conv'] },
  ],
};

const classifier: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'pool', kind: 'globalavgpool', inputs: ['in'] },
    { id: 'out', kind: 'softmax', inputs: ['pool'] },
  ],
};

const startOn = (runId: number, spec: ModelSpec): ToWorker => ({
  type: 'start', runId, spec, backend: 'cpu',
  dataset: { kind: 'generated', generator: 'shapes', seed: 3, trainCount: 48, testCount: 16, validationFraction: 0.25 },
  hyper: { ...hyper, batchSize: 12, epochs: 2 },
});

const epochsOf = (messages: ReturnType<typeof harness>['messages']): EpochResult[] =>
  messages.flatMap((m) => (m.type === 'epoch' ? [m.result] : []));

describe('training engine: segmentation', () => {
  it('trains a per-pixel network on Shapes and reports pixel accuracy and mean IoU per epoch, leaking nothing', async () => {
    const h = harness(onWasm);
    const before = tf.memory().numTensors;
    h.engine.handle(startOn(1, pixelNet));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    expect(h.messages.find((m) => m.type === 'dataset')).toMatchObject({ trainCount: 36, testCount: 16 });
    const epochs = epochsOf(h.messages);
    expect(epochs).toHaveLength(2);
    for (const e of epochs) {
      expect(e.testAccuracy).toBeGreaterThan(0);
      expect(e.testAccuracy).toBeLessThanOrEqual(1);
      expect(e.testMeanIoU).toBeGreaterThan(0);
      expect(e.testMeanIoU).toBeLessThanOrEqual(1);
      expect(e.validationMeanIoU).toBeGreaterThan(0);
      expect(e.testClassIoU).toHaveLength(4);
      // The mean IoU is the mean of the classes that have one.
      const present = (e.testClassIoU ?? []).filter((v) => !Number.isNaN(v));
      expect(e.testMeanIoU).toBeCloseTo(present.reduce((a, b) => a + b, 0) / present.length, 6);
    }
    // Each epoch's report counts pixels and carries the chosen images' masks and the lowest-IoU images.
    const reports = h.messages.flatMap((m) => (m.type === 'confusion' ? [m.report] : []));
    expect(reports.map((r) => r.epoch)).toEqual([1, 2]);
    const last = reports[1]!;
    expect(last.matrix.reduce((a, b) => a + b, 0)).toBe(16 * 64 * 64);
    classIoUOf(last.matrix, 4).forEach((v, c) => expectSameIoU(v, epochs[1]!.testClassIoU![c]!));
    const { chosen, worst } = last.masks!;
    expect(Array.from(chosen.index)).toEqual([0, 1, 2, 3]);
    expect(chosen.truth).toHaveLength(4 * 64 * 64);
    expect(chosen.images).toHaveLength(4 * 64 * 64 * 3);
    expect(chosen.predicted.every((v) => v < 4)).toBe(true);
    expect(worst.index).toHaveLength(8);
    expect(Array.from(worst.iou)).toEqual(Array.from(worst.iou).sort((a, b) => a - b));
    // postMessage refuses a transfer list that names a buffer twice.
    const list = h.transfers[h.messages.findIndex((m) => m.type === 'confusion')] ?? [];
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list).size).toBe(list.length);
    // All that stays is the prediction copy of the weights (conv and head: a kernel and a bias each), which the
    // views look through after the run.
    expect(tf.memory().numTensors).toBe(before + 4);
    // The next run replaces that copy: memory is flat from run to run.
    h.engine.handle(startOn(2, pixelNet));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before + 4);
  });

  it('trains with the Dice weight and class balancing the run asks for: its first loss is theirs, not plain cross-entropy', async () => {
    const firstLoss = async (pixelLoss: { dice: number; balance: boolean }) => {
      const h = harness({ ...onWasm, flushIntervalMs: 0 });
      const msg = startOn(1, pixelNet);
      h.engine.handle(msg.type === 'start' ? { ...msg, hyper: { ...msg.hyper, epochs: 1, pixelLoss } } : msg);
      await h.engine.idle();
      expect(errorOf(h.messages)).toBeUndefined();
      return h.messages.flatMap((m) => (m.type === 'metrics' ? [...m.batch.loss] : []))[0]!;
    };
    const plain = await firstLoss({ dice: 0, balance: false });
    // Dice adds 1 - mean Dice (between 0 and 1) at weight 2: a first loss well above the plain one.
    expect(await firstLoss({ dice: 2, balance: false })).toBeGreaterThan(plain + 0.2);
    expect(await firstLoss({ dice: 0, balance: true })).not.toBeCloseTo(plain, 3);
  });

  it('refuses a network with one class per image on a per-pixel dataset, saying what it needs', async () => {
    const h = harness(onWasm);
    h.engine.handle(startOn(1, classifier));
    await h.engine.idle();
    const error = errorOf(h.messages);
    expect(error).toMatchObject({ failure: { code: 'taskOutput', values: { output: '4', expected: '64×64×4' } } });
  });

  it('a classification run reports no IoU', async () => {
    const h = harness({ selectBackend: onWasm.selectBackend });
    h.engine.handle({ type: 'start', runId: 1, spec: { blocks: [
      { id: 'in', kind: 'input', inputs: [] }, { id: 'f', kind: 'flatten', inputs: ['in'] }, { id: 'out', kind: 'softmax', inputs: ['f'] },
    ] }, dataset: { url: '/data/quadrants/' }, hyper: { ...hyper, epochs: 1 }, backend: 'cpu' });
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    expect(epochsOf(h.messages)[0]?.testMeanIoU).toBeUndefined();
  });
});
