// Wires the training client to the store and the metric series: the only place that knows both.
import type { DatasetRef } from '../train/protocol';
import type { TrainingClient } from '../train/client';
import type { Series } from '../metrics/series';
import type { AppStore } from './appStore';

export interface RunSeries {
  readonly loss: Series;
  readonly accuracy: Series;
}

export interface RunController {
  start(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  dispose(): void;
}

export function createRunController(store: AppStore, client: TrainingClient, series: RunSeries,
  dataset: DatasetRef): RunController {
  const reportProgress = (epochs: Float64Array, steps: Float64Array) => {
    const last = steps.length - 1;
    if (last >= 0) store.getState().setProgress(epochs[last] as number, steps[last] as number);
  };
  const off = client.subscribe((msg) => {
    const s = store.getState();
    switch (msg.type) {
      case 'phase':
        s.setPhase(msg.phase, msg.detail ?? null);
        break;
      case 'backend':
        s.setBackend(msg.backend);
        break;
      case 'dataset':
        s.setExamples(msg.trainCount, msg.testCount);
        break;
      case 'metrics':
        series.loss.append(msg.batch.step, msg.batch.loss);
        series.accuracy.append(msg.batch.step, msg.batch.accuracy);
        reportProgress(msg.batch.epoch, msg.batch.step);
        break;
      case 'epoch':
        s.addEpoch(msg.result);
        break;
      case 'error':
        s.setError(msg.message);
        break;
    }
  });

  return {
    start() {
      const s = store.getState();
      if (!s.analysis.valid) return;
      series.loss.clear();
      series.accuracy.clear();
      const runId = client.start(s.spec, dataset, s.hyper, s.backendChoice);
      s.runStarted(runId);
    },
    pause: () => client.pause(),
    resume: () => client.resume(),
    stop: () => client.stop(),
    dispose() {
      off();
      client.dispose();
    },
  };
}
