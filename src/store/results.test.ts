import { describe, expect, it } from 'vitest';
import { createSeries } from '../metrics/series';
import type { TrainingClient, TrainingListener } from '../train/api/client';
import type { ConfusionReport, FromWorker } from '../train/api/protocol';
import { createAppStore } from './appStore';
import { selectResultsStale } from './results';
import { createRunController } from './runController';

function setup() {
  const listeners = new Set<TrainingListener>();
  let runId = 0;
  const asked: number[] = [];
  const client = {
    start: () => (runId += 1),
    pause() {}, resume() {}, stop() {}, step() {}, setLearningRate() {}, configureProbes() {},
    predict: (id: number) => {
      asked.push(id);
      return runId > 0;
    },
    subscribe: (l: TrainingListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose() {},
  } as unknown as TrainingClient;
  const emit = (msg: FromWorker) => listeners.forEach((l) => l(msg));
  const store = createAppStore({ language: 'en' });
  const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
  const run = createRunController(store, client, series, { url: '/data/mnist/' });
  return { store, run, emit, asked };
}

const report: ConfusionReport = {
  epoch: 1, numClasses: 10, matrix: new Int32Array(100),
  mistakes: { imageShape: [28, 28, 1], images: new Uint8Array(0), index: new Int32Array(0), label: new Int32Array(0),
    predicted: new Int32Array(0), confidence: new Float32Array(0) },
};
const probeSnapshot = {
  step: 5, input: { height: 28, width: 28, channels: 1, values: new Float32Array(784), label: 7 },
  probabilities: new Float32Array(10), activations: [], filters: [], templates: null, gradients: null, saliency: null, costMs: 1,
};

/** A finished MNIST run with an answer on the pad, a confusion report and a probe snapshot. */
function finishedRun() {
  const t = setup();
  t.run.start();
  t.emit({ type: 'epoch', runId: 1, result: { epoch: 1, testLoss: 0.3, testAccuracy: 0.9, imagesPerSecond: 900, seconds: 2 } });
  t.emit({ type: 'confusion', runId: 1, report });
  t.run.predictions.request(new Float32Array(784));
  t.emit({ type: 'prediction', runId: 1, requestId: t.asked.at(-1)!, epoch: 1, probabilities: Float32Array.of(0.9, 0.1) });
  t.emit({ type: 'probes', runId: 1, probes: probeSnapshot });
  t.emit({ type: 'phase', runId: 1, phase: 'done' });
  return t;
}

describe('results belong to the run that made them', () => {
  it('are cleared when another dataset is chosen after the run: no relabelled answers, no "Finished"', () => {
    const { store, run, emit, asked } = finishedRun();
    expect(run.predictions.getState().probabilities).not.toBeNull();
    store.getState().selectDataset('cifar10');
    const s = store.getState();
    expect(s.phase).toBe('idle');
    expect(s.epochs).toEqual([]);
    expect(selectResultsStale(s)).toBeNull();
    expect(run.predictions.getState()).toMatchObject({ probabilities: null, confusion: null });
    expect(run.probes.latest).toBeNull();
    // The old run's model is not asked about a new drawing, and its late messages are not shown.
    const before = asked.length;
    run.predictions.request(new Float32Array(32 * 32 * 3));
    expect(asked.length).toBe(before);
    expect(run.predictions.getState().reason).toBe('no-model');
    emit({ type: 'probes', runId: 1, probes: probeSnapshot });
    emit({ type: 'confusion', runId: 1, report });
    expect(run.probes.latest).toBeNull();
    expect(run.predictions.getState().confusion).toBeNull();
  });

  it('are marked stale when the network is edited after the run, and current again after undo', () => {
    const { store, run } = finishedRun();
    expect(selectResultsStale(store.getState())).toBeNull();
    // Moving a block changes no result.
    store.getState().moveBlocks({ conv1: { x: 10, y: 20 } });
    expect(selectResultsStale(store.getState())).toBeNull();
    store.getState().updateBlock('conv1', { filters: 12 });
    expect(selectResultsStale(store.getState())).toBe('network');
    // Kept (with a note): the student can still compare.
    expect(store.getState().epochs).toHaveLength(1);
    expect(run.predictions.getState().confusion).not.toBeNull();
    store.getState().undo();
    expect(selectResultsStale(store.getState())).toBeNull();
  });

  it('say nothing before any run', () => {
    const { store } = setup();
    store.getState().updateBlock('conv1', { filters: 12 });
    expect(selectResultsStale(store.getState())).toBeNull();
  });
});
