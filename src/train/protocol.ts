// The typed message protocol between the UI and the training worker. Every run-scoped message carries
// the runId; the client drops messages of a stale run. Metrics arrive in batches of typed arrays.
import type { ModelSpec } from '../model/spec';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export type OptimizerName = 'adam' | 'sgd';

export interface HyperParams {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
}

export interface DatasetRef {
  /** Base URL of the web-ready dataset folder holding meta.json (e.g. '/data/mnist/'). */
  readonly url: string;
  /** Use at most this many training / test examples (small slices for tests and quick demos). */
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

export type ToWorker =
  | { readonly type: 'start'; readonly runId: number; readonly spec: ModelSpec; readonly dataset: DatasetRef;
      readonly hyper: HyperParams; readonly backend: BackendChoice }
  | { readonly type: 'pause'; readonly runId: number }
  | { readonly type: 'resume'; readonly runId: number }
  | { readonly type: 'stop'; readonly runId: number };

export type RunPhase =
  | 'loading-data' // fetching / decoding the dataset
  | 'preparing' // backend set-up, first compile / shader warm-up
  | 'training'
  | 'paused'
  | 'evaluating'
  | 'stopped'
  | 'done'
  | 'error';

export interface BackendInfo {
  readonly name: BackendName;
  /** Why this backend: 'chosen by user', 'fastest in probe', 'fallback after webgl failed', ... */
  readonly reason: string;
  /** GPU renderer string when webgl was probed, e.g. a SwiftShader renderer. */
  readonly renderer?: string;
}

/** A batch of per-step metrics; arrays are equally long and transferred, not copied. */
export interface MetricsBatch {
  readonly step: Float64Array; // global batch index, from 1
  readonly epoch: Float64Array; // epoch index, from 1
  readonly loss: Float32Array;
  readonly accuracy: Float32Array;
}

export interface EpochResult {
  readonly epoch: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** Training throughput over this epoch, images per second (excluding evaluation). */
  readonly imagesPerSecond: number;
  readonly seconds: number;
}

export type FromWorker =
  | { readonly type: 'phase'; readonly runId: number; readonly phase: RunPhase; readonly detail?: string }
  | { readonly type: 'backend'; readonly runId: number; readonly backend: BackendInfo }
  | { readonly type: 'dataset'; readonly runId: number; readonly trainCount: number; readonly testCount: number }
  | { readonly type: 'metrics'; readonly runId: number; readonly batch: MetricsBatch }
  | { readonly type: 'epoch'; readonly runId: number; readonly result: EpochResult }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };
