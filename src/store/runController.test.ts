import { describe, expect, it } from 'vitest';
import { createSeries } from '../metrics/series';
import type { TrainingClient, TrainingListener } from '../train/client';
import type { FromWorker } from '../train/protocol';
import { createAppStore, selectCanTrain, selectIsRunning } from './appStore';
import { createRunController } from './runController';

function fakeClient() {
  const listeners = new Set<TrainingListener>();
  const calls: string[] = [];
  let runId = 0;
  const client: TrainingClient = {
    start: () => {
      calls.push('start');
      runId += 1;
      return runId;
    },
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    stop: () => void calls.push('stop'),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose: () => void calls.push('dispose'),
  } as TrainingClient;
  const emit = (msg: FromWorker) => listeners.forEach((l) => l(msg));
  return { client, calls, emit };
}

function setup() {
  const store = createAppStore({ language: 'en' });
  const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
  const fake = fakeClient();
  const run = createRunController(store, fake.client, series, { url: '/data/mnist/' });
  return { store, series, run, ...fake };
}

describe('createRunController', () => {
  it('starts a run and feeds metrics to the series, progress and epochs to the store', () => {
    const { store, series, run, calls, emit } = setup();
    expect(selectCanTrain(store.getState())).toBe(true);
    run.start();
    expect(calls).toEqual(['start']);
    expect(store.getState().runId).toBe(1);
    expect(selectIsRunning(store.getState())).toBe(true);

    emit({ type: 'phase', runId: 1, phase: 'training' });
    emit({ type: 'dataset', runId: 1, trainCount: 640, testCount: 100 });
    emit({ type: 'metrics', runId: 1, batch: {
      step: new Float64Array([1, 2]), epoch: new Float64Array([1, 1]),
      loss: new Float32Array([2.3, 2.1]), accuracy: new Float32Array([0.1, 0.2]) } });
    expect(series.loss.points().map((p) => p.y)).toEqual([2.299999952316284, 2.0999999046325684]);
    expect(store.getState().progress).toEqual({ epoch: 1, step: 2 });
    expect(store.getState().examples).toEqual({ train: 640, test: 100 });

    emit({ type: 'epoch', runId: 1, result: { epoch: 1, testLoss: 0.5, testAccuracy: 0.9, imagesPerSecond: 1000, seconds: 1 } });
    expect(store.getState().epochs).toHaveLength(1);
    emit({ type: 'phase', runId: 1, phase: 'done' });
    expect(selectCanTrain(store.getState())).toBe(true);
  });

  it('clears the curves of the previous run when a new one starts', () => {
    const { series, run, emit } = setup();
    run.start();
    emit({ type: 'metrics', runId: 1, batch: { step: new Float64Array([1]), epoch: new Float64Array([1]),
      loss: new Float32Array([1]), accuracy: new Float32Array([0.5]) } });
    run.start();
    expect(series.loss.length).toBe(0);
  });

  it('shows a worker error in the store', () => {
    const { store, run, emit } = setup();
    run.start();
    emit({ type: 'error', runId: 1, message: 'Loss became NaN' });
    expect(store.getState().phase).toBe('error');
    expect(store.getState().error).toBe('Loss became NaN');
  });

  it('does not start when the network is invalid', () => {
    const { store, run, calls } = setup();
    store.setState({ analysis: { ...store.getState().analysis, valid: false } });
    run.start();
    expect(calls).toEqual([]);
  });
});
