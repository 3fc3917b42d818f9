// Test fixtures for the training engine (used by engine.test.ts only): a small synthetic dataset in which
// each class lights up one quadrant of an 8x8 image, a tiny conv net that learns it in a few steps, and an
// engine harness that records every post.
import * as tf from '@tensorflow/tfjs';
import type { DatasetMeta, LoadedDataset, Split } from '../data/types';
import type { ModelSpec } from '../model/spec';
import { createTrainingEngine, type EngineDeps } from './engine';
import { DEFAULT_HYPER_PARAMS } from './api/hyper';
import type { FromWorker, HyperParams, RunPhase, ToWorker } from './api/protocol';
import { unbatch } from './api/outbox';

const SIZE = 8;
const CLASSES = 4;

function makeSplit(count: number, seed: number): Split {
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * SIZE * SIZE);
  let state = seed;
  const noise = () => (state = (state * 1103515245 + 12345) >>> 0) % 40;
  for (let i = 0; i < count; i++) {
    const label = i % CLASSES;
    labels[i] = label;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const quadrant = (y < SIZE / 2 ? 0 : 2) + (x < SIZE / 2 ? 0 : 1);
        images[i * SIZE * SIZE + y * SIZE + x] = noise() + (quadrant === label ? 200 : 0);
      }
    }
  }
  return { count, labels, images };
}

export const meta: DatasetMeta = {
  format: 'cnnp-dataset',
  version: 1,
  id: 'quadrants',
  name: 'Quadrants',
  inputShape: [SIZE, SIZE, 1],
  classNames: ['top-left', 'top-right', 'bottom-left', 'bottom-right'],
  train: { count: 128, shards: [{ file: 'train-0.bin.gz', count: 128 }] },
  test: { count: 64, shards: [{ file: 'test-0.bin.gz', count: 64 }] },
};
export const dataset: LoadedDataset = { meta, train: makeSplit(128, 1), test: makeSplit(64, 2) };

export const spec: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'conv', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 3, stride: 1, padding: 'valid' },
    { id: 'relu', kind: 'activation', inputs: ['conv'], fn: 'relu' },
    { id: 'pool', kind: 'maxpool2d', inputs: ['relu'], size: 2, stride: 2, padding: 'valid' },
    { id: 'flat', kind: 'flatten', inputs: ['pool'] },
    { id: 'out', kind: 'softmax', inputs: ['flat'] },
  ],
};

// 128 examples in batches of 16: 8 steps per epoch.
export const hyper: HyperParams = { ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.02, batchSize: 16, epochs: 3, seed: 7 };
export const STEPS_PER_EPOCH = 8;

const testDeps: Partial<EngineDeps> = {
  loadDataset: async () => dataset,
  selectBackend: async () => {
    await tf.setBackend('cpu');
    return { name: 'cpu', reason: 'test' };
  },
};

/** An engine whose posts are recorded; `until` resolves at the first message matching a predicate. */
export function harness(deps: Partial<EngineDeps> = {}, onPost?: (msg: FromWorker) => void) {
  const messages: FromWorker[] = [];
  const transfers: (Transferable[] | undefined)[] = [];
  const waiters: { match: (msg: FromWorker) => boolean; resolve: () => void }[] = [];
  const engine = createTrainingEngine(
    (posted, transfer) => {
      // A batch's messages are recorded one by one, each with the batch's transfer list.
      for (const msg of unbatch(posted)) {
        messages.push(msg);
        transfers.push(transfer);
        onPost?.(msg);
        for (const waiter of waiters.filter((w) => w.match(msg))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    { ...testDeps, ...deps },
  );
  const until = (match: (msg: FromWorker) => boolean) =>
    new Promise<void>((resolve) => {
      if (messages.some(match)) resolve();
      else waiters.push({ match, resolve });
    });
  const phases = (runId = 1) =>
    messages.flatMap((m) => (m.type === 'phase' && m.runId === runId && !m.detail ? [m.phase] : []));
  const steps = (runId = 1) => messages.flatMap((m) => (m.type === 'metrics' && m.runId === runId ? [...m.batch.step] : []));
  return { engine, messages, transfers, until, phases, steps };
}

export const start = (runId: number, overrides: Partial<HyperParams> = {}, s: ModelSpec = spec): ToWorker => ({
  type: 'start',
  runId,
  spec: s,
  dataset: { url: '/data/quadrants/' },
  hyper: { ...hyper, ...overrides },
  backend: 'cpu',
});

export const isPhase = (phase: RunPhase, runId = 1) => (m: FromWorker) => m.type === 'phase' && m.phase === phase && m.runId === runId;
export const isMetrics = (m: FromWorker) => m.type === 'metrics';
export const errorOf = (messages: FromWorker[]) => messages.find((m) => m.type === 'error');
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
