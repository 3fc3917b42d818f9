// One run through the app's own worker engine (the client the UI uses), with what the benchmark reads off
// it: the backend, every epoch's result, main-thread long tasks, and an optional early stop.
import type { DatasetRef, LoadedDataset } from '../src/data/types';
import type { ModelSpec } from '../src/model/spec';
import { createTrainingClient } from '../src/train/api/client';
import type { BackendChoice, BackendInfo, EpochResult, FromWorker, HyperParams, WorkersChoice } from '../src/train/api/protocol';

export interface EngineRunOptions {
  readonly spec: ModelSpec;
  readonly url: string;
  readonly hyper: HyperParams;
  readonly backend: BackendChoice;
  readonly trainLimit?: number;
  readonly testLimit?: number;
  /** The whole dataset, loaded by the page, handed to the worker instead of the URL. */
  readonly inline?: LoadedDataset;
  /** Another dataset reference than the URL's (a generated one). */
  readonly dataset?: DatasetRef;
  /** Stop after the epoch for which this says true (a target reached, a budget spent). */
  readonly stopAfter?: (epochs: readonly EpochResult[]) => boolean;
  /** 'one' keeps the run in one worker (no data-parallel helpers). */
  readonly workers?: WorkersChoice;
}

export interface EngineRunResult {
  readonly backend: BackendInfo;
  readonly epochs: EpochResult[];
  readonly longTasksOver50ms: number;
  readonly wallSeconds: number;
}

export function runEngine(opts: EngineRunOptions): Promise<EngineRunResult> {
  const client = createTrainingClient();
  const epochs: EpochResult[] = [];
  let backend: BackendInfo | null = null;
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => {
    longTasks += list.getEntries().filter((e) => e.duration > 50).length;
  });
  observer.observe({ type: 'longtask', buffered: false });
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const finish = () => {
      observer.disconnect();
      client.dispose();
      if (!backend) reject(new Error('engine never reported its backend'));
      else resolve({ backend, epochs, longTasksOver50ms: longTasks, wallSeconds: (performance.now() - startedAt) / 1000 });
    };
    client.subscribe((msg: FromWorker) => {
      if (msg.type === 'backend') backend = msg.backend;
      if (msg.type === 'epoch') {
        epochs.push(msg.result);
        if (opts.stopAfter?.(epochs)) client.stop();
      }
      if (msg.type === 'error') {
        client.dispose();
        reject(new Error(msg.message));
      }
      if (msg.type === 'phase' && (msg.phase === 'done' || msg.phase === 'stopped')) finish();
    });
    const ref = { url: opts.url, ...(opts.trainLimit ? { trainLimit: opts.trainLimit } : {}),
      ...(opts.testLimit ? { testLimit: opts.testLimit } : {}) };
    client.start(opts.spec, opts.inline ? { kind: 'inline', data: opts.inline } : opts.dataset ?? ref, opts.hyper, opts.backend,
      opts.workers ? { workers: opts.workers } : {});
  });
}

/** Cumulative training seconds (evaluation excluded) at the first epoch reaching `accuracy`, or null. */
export function secondsToAccuracy(epochs: readonly EpochResult[], accuracy: number): number | null {
  let seconds = 0;
  for (const e of epochs) {
    seconds += e.seconds;
    if (e.testAccuracy >= accuracy) return seconds;
  }
  return null;
}

export const round = (x: number, digits = 0) => Number(x.toFixed(digits));
