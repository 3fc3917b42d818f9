// For tests only (never imported by the app): the whole app minus the page, in Node. A store, the real run
// controller and training client, and the training engine running in-process on the cpu backend (instead
// of in a Web Worker) on a synthetic 12x12 dataset: each class lights one quadrant of the image. Checks
// that read a run's result are tested on real runs made through it.
import * as tf from '@tensorflow/tfjs';
import type { LoadedDataset, Split } from '../data/types';
import { createSeries } from '../metrics/series';
import { createAppStore, type AppState } from '../store/appStore';
import { watchLessonRuns } from '../store/lessonsSlice';
import { createRunController } from '../store/runController';
import { createTrainingClient, type WorkerLike } from '../train/api/client';
import { createTrainingEngine } from '../train/engine';
import type { FromWorker, ToWorker } from '../train/api/protocol';

const SIZE = 12;

function quadrants(count: number, seed: number): Split {
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * SIZE * SIZE);
  let state = seed;
  const noise = () => (state = (state * 1103515245 + 12345) >>> 0) % 60;
  for (let i = 0; i < count; i++) {
    labels[i] = i % 4;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const q = (y < SIZE / 2 ? 0 : 2) + (x < SIZE / 2 ? 0 : 1);
        images[i * SIZE * SIZE + y * SIZE + x] = noise() + (q === i % 4 ? 180 : 0);
      }
    }
  }
  return { count, labels, images };
}

export const QUADRANTS: LoadedDataset = {
  meta: {
    format: 'cnnp-dataset', version: 1, id: 'quadrants12', name: 'Quadrants 12', inputShape: [SIZE, SIZE, 1],
    classNames: ['top-left', 'top-right', 'bottom-left', 'bottom-right'],
    train: { count: 128, shards: [{ file: 'train-0.bin.gz', count: 128 }] },
    test: { count: 32, shards: [{ file: 'test-0.bin.gz', count: 32 }] },
  },
  train: quadrants(128, 1),
  test: quadrants(32, 2),
};

/** A Worker stand-in that hands messages to an in-process engine. */
function inProcessWorker(dataset: LoadedDataset): WorkerLike {
  let clock = 0;
  const listeners: ((event: MessageEvent<FromWorker>) => void)[] = [];
  const engine = createTrainingEngine((msg) => listeners.forEach((l) => l({ data: msg } as MessageEvent<FromWorker>)), {
    loadDataset: async () => dataset,
    selectBackend: async () => {
      await tf.setBackend('cpu');
      return { name: 'cpu', reason: 'test' };
    },
    // Probe at every chance: a short run in a test must still see its gradients. The clock moves 50 ms per
    // reading, so the probes' once-a-second cadence comes round every few steps however fast the machine.
    probeOptions: { fastBudget: 1, slowBudget: 1 },
    now: () => (clock += 50),
  });
  return {
    postMessage: (msg: ToWorker) => void setTimeout(() => engine.handle(msg), 0),
    terminate: () => undefined,
    addEventListener: (type: string, listener: (event: never) => void) => {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<FromWorker>) => void);
    },
  } as WorkerLike;
}

export function createRig(dataset: LoadedDataset = QUADRANTS) {
  const store = createAppStore({ language: 'en' });
  const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
  const run = createRunController(store, createTrainingClient(() => inProcessWorker(dataset)), series,
    () => ({ url: '/data/quadrants12/', validationFraction: store.getState().validationFraction }));
  const stopWatch = watchLessonRuns(store, run.probes);
  // As the lesson panel does on its gradient-flow steps.
  const releaseGradients = run.probes.want('gradients');
  /** Starts a run with the store's settings and resolves when it has ended. */
  const train = () => new Promise<AppState>((resolve) => {
    run.start();
    const id = store.getState().runId;
    const off = store.subscribe((s) => {
      if (s.runId === id && (s.phase === 'done' || s.phase === 'stopped' || s.phase === 'error')) {
        off();
        resolve(s);
      }
    });
  });
  const dispose = () => {
    releaseGradients();
    stopWatch();
    run.dispose();
  };
  return { store, series, run, train, dispose };
}
