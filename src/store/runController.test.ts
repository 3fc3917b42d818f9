import { describe, expect, it } from 'vitest';
import { createSeries } from '../metrics/series';
import type { TrainingClient, TrainingListener } from '../train/api/client';
import type { FromWorker } from '../train/api/protocol';
import { createAppStore, selectCanTrain, selectIsRunning } from './appStore';
import { createRunController } from './runController';

function fakeClient() {
  const listeners = new Set<TrainingListener>();
  const calls: string[] = [];
  let runId = 0;
  const client: TrainingClient = {
    start: (...args: unknown[]) => {
      calls.push((args[4] as { paused?: boolean } | undefined)?.paused ? 'start paused' : 'start');
      runId += 1;
      return runId;
    },
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    stop: () => void calls.push('stop'),
    step: () => void calls.push('step'),
    setLearningRate: (rate: number) => void calls.push(`lr ${rate}`),
    configureProbes: () => void calls.push('probe-config'),
    predict: () => false,
    requestWeights: () => false,
    loadWeights: (...args: unknown[]) => {
      calls.push(`load ${JSON.stringify(args[4])}`);
      return ++runId;
    },
    understand: () => false,
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

describe('a reopened project (restore)', () => {
  it("loads the weights with the views' test set, backend and step, and makes them the current run with its epoch records", () => {
    const { store, run, calls } = setup();
    const epochs = [{ epoch: 1, testLoss: 0.4, testAccuracy: 0.9, imagesPerSecond: 900, seconds: 2 }];
    const runId = run.restore({ spec: store.getState().spec, dataShape: store.getState().dataShape, weights: [], epochs, step: 15 });
    expect(calls).toEqual([`load ${JSON.stringify({ dataset: { url: '/data/mnist/' }, backend: 'auto', step: 15 })}`]);
    const s = store.getState();
    expect(s.runId).toBe(runId);
    expect(s.epochs).toEqual(epochs);
    expect(s.progress).toEqual({ epoch: 1, step: 15 });
    // Nothing runs: Train is ready, and the results are the current network's.
    expect(s.phase).toBe('idle');
    expect(selectCanTrain(s)).toBe(true);
    expect(s.trainedOn?.datasetId).toBe('mnist');
  });
});

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

  it("records no accuracy curve for a detector's run (its batch accuracy counts cells), and does again for classification", () => {
    const { store, series, run, emit } = setup();
    const batch = (step: number) => ({ step: new Float64Array([step]), epoch: new Float64Array([1]),
      loss: new Float32Array([1]), accuracy: new Float32Array([0.97]) });
    store.getState().selectDataset('mnistScenes');
    run.start();
    emit({ type: 'metrics', runId: 1, batch: batch(1) });
    expect(series.loss.length).toBe(1);
    expect(series.accuracy.length).toBe(0);
    emit({ type: 'phase', runId: 1, phase: 'done' });
    store.getState().selectDataset('mnist');
    run.start();
    emit({ type: 'metrics', runId: 2, batch: batch(1) });
    expect(series.accuracy.length).toBe(1);
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

  it('steps: from idle it starts a paused run and takes one batch; while paused, one more batch', () => {
    const { store, run, calls, emit } = setup();
    run.step();
    expect(calls).toEqual(['start paused', 'step']);
    run.step(); // still loading: no second run, no queued step
    expect(calls).toEqual(['start paused', 'step']);
    emit({ type: 'phase', runId: 1, phase: 'paused' });
    run.step();
    expect(calls).toEqual(['start paused', 'step', 'step']);
    expect(store.getState().runId).toBe(1);
  });

  it('changes the learning rate in the store, and in the run only while one is going', () => {
    const { store, run, calls, emit } = setup();
    run.setLearningRate(0.01);
    expect(store.getState().hyper.learningRate).toBe(0.01);
    expect(calls).toEqual([]);
    run.start();
    emit({ type: 'phase', runId: 1, phase: 'training' });
    run.setLearningRate(0.002);
    run.setLearningRate(-1); // ignored
    expect(calls).toEqual(['start', 'lr 0.002']);
    expect(store.getState().hyper.learningRate).toBe(0.002);
    emit({ type: 'metrics', runId: 1, batch: { step: new Float64Array([1]), epoch: new Float64Array([1]),
      loss: new Float32Array([1]), accuracy: new Float32Array([0.5]), learningRate: 0.001 } });
    expect(store.getState().liveLearningRate).toBe(0.001);
  });

  it('keeps the divergence report of a run that stopped itself, until the next run', () => {
    const { store, run, emit } = setup();
    run.start();
    const divergence = { kind: 'exploding', step: 80, epoch: 1, loss: 12, startLoss: 2.3, learningRate: 1,
      suggestedLearningRate: 0.1 } as const;
    emit({ type: 'diverged', runId: 1, divergence });
    emit({ type: 'error', runId: 1, message: 'Training diverged' });
    expect(store.getState().divergence).toEqual(divergence);
    run.start();
    expect(store.getState().divergence).toBeNull();
  });

  it('does not start when the network is invalid', () => {
    const { store, run, calls } = setup();
    store.setState({ analysis: { ...store.getState().analysis, valid: false } });
    run.start();
    expect(calls).toEqual([]);
  });
});
