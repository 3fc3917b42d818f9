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
import { createCompareRunner } from '../views/compare/compareRunner';
import { openStep } from '../views/lessons/stepNav';
import type { StepRef } from './index';
import type { LessonStep } from './types';

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

/** The quadrant task with this many training and test images. */
export function quadrantSet(trainCount: number, testCount: number): LoadedDataset {
  return {
    meta: {
      format: 'cnnp-dataset', version: 1, id: 'quadrants12', name: 'Quadrants 12', inputShape: [SIZE, SIZE, 1],
      classNames: ['top-left', 'top-right', 'bottom-left', 'bottom-right'],
      train: { count: trainCount, shards: [{ file: 'train-0.bin.gz', count: trainCount }] },
      test: { count: testCount, shards: [{ file: 'test-0.bin.gz', count: testCount }] },
    },
    train: quadrants(trainCount, 1),
    test: quadrants(testCount, 2),
  };
}

export const QUADRANTS: LoadedDataset = quadrantSet(128, 32);

/** A Worker stand-in that hands messages to an in-process engine. */
function inProcessWorker(dataset: LoadedDataset, backend: RigBackend): WorkerLike {
  let clock = 0;
  const listeners: ((event: MessageEvent<FromWorker>) => void)[] = [];
  const engine = createTrainingEngine((msg) => listeners.forEach((l) => l({ data: msg } as MessageEvent<FromWorker>)), {
    loadDataset: async () => dataset,
    selectBackend: async () => {
      await tf.setBackend(backend);
      return { name: backend, reason: 'test' };
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

/** cpu for the CI's small runs; wasm (with the app's gradient kernels) for full-data measurements. */
export type RigBackend = 'cpu' | 'wasm';

export function createRig(dataset: LoadedDataset = QUADRANTS, backend: RigBackend = 'cpu') {
  const store = createAppStore({ language: 'en' });
  const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
  const run = createRunController(store, createTrainingClient(() => inProcessWorker(dataset, backend)), series,
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
  /** Opens a step as the lesson panel does (its set-up applied through the store). */
  const open = (ref: StepRef) => openStep(store, ref);
  /**
   * The run a step asks for, with the step's own settings as the page makes them: its side-by-side runs when it
   * has some (each entry over the current settings, as the compare panel builds them), else one run.
   */
  const runStep = async (step: LessonStep): Promise<AppState> => {
    const entries = step.setup.compare;
    if (!entries) return train();
    const s = store.getState();
    await createCompareRunner(store, run, series).run(entries.map((e) =>
      ({ label: e.label.en, spec: e.spec ? e.spec() : s.spec, hyper: { ...s.hyper, ...e.hyper } })));
    return store.getState();
  };
  const dispose = () => {
    releaseGradients();
    stopWatch();
    run.dispose();
  };
  return { store, series, run, train, open, runStep, dispose };
}
