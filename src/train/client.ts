// The UI's handle on the training worker: typed commands out, typed messages in. It numbers runs and
// drops every message that belongs to an earlier run, so a late 'metrics' or 'stopped' from a run the
// user already replaced can never reach the charts or the store.
import type { ModelSpec } from '../model/spec';
import type { BackendChoice, DatasetRef, FromWorker, HyperParams, ToWorker } from './protocol';
import type { ProbeConfig } from './probes/types';
import { unbatch } from './outbox';
import type { UnderstandRequest } from './understand/protocol';

/** The slice of the Worker interface the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
}

export type TrainingListener = (msg: FromWorker) => void;

export interface StartOptions {
  readonly paused?: boolean;
}

export interface TrainingClient {
  /** Starts a new run (replacing any current one) and returns its runId; `paused` starts it paused. */
  start(spec: ModelSpec, dataset: DatasetRef, hyper: HyperParams, backend: BackendChoice, options?: StartOptions): number;
  pause(): void;
  /** While paused: one batch. */
  step(): void;
  /** The base learning rate from the next batch on. */
  setLearningRate(learningRate: number): void;
  resume(): void;
  stop(): void;
  /** What the views want probed; remembered, and sent again to a worker created later. */
  configureProbes(config: ProbeConfig): void;
  /** Asks the current run's model for one image's class probabilities; false when there is no run to ask. */
  predict(requestId: number, input: Float32Array): boolean;
  /** Asks for one understanding view's computation on the current run's weights; false when there is no run. */
  understand(requestId: number, request: UnderstandRequest): boolean;
  /** Listens to messages of the current run; returns the unsubscribe function. */
  subscribe(listener: TrainingListener): () => void;
  /** Terminates the worker; the client is unusable afterwards. */
  dispose(): void;
}

export type WorkerFactory = () => WorkerLike;

const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as WorkerLike;

export function createTrainingClient(workerFactory: WorkerFactory = defaultWorkerFactory): TrainingClient {
  return new WorkerTrainingClient(workerFactory);
}

class WorkerTrainingClient implements TrainingClient {
  private readonly listeners = new Set<TrainingListener>();
  private worker: WorkerLike | null = null;
  private currentRunId = 0;
  private disposed = false;
  private probeConfig: ProbeConfig | null = null;

  constructor(private readonly workerFactory: WorkerFactory) {}

  start(spec: ModelSpec, dataset: DatasetRef, hyper: HyperParams, backend: BackendChoice, options: StartOptions = {}): number {
    if (this.disposed) throw new Error('The training client has been disposed.');
    const worker = this.ensureWorker();
    this.currentRunId += 1;
    const runId = this.currentRunId;
    worker.postMessage(options.paused
      ? { type: 'start', runId, spec, dataset, hyper, backend, startPaused: true }
      : { type: 'start', runId, spec, dataset, hyper, backend });
    return runId;
  }

  step(): void {
    this.sendToCurrent('step');
  }

  setLearningRate(learningRate: number): void {
    if (this.disposed || !this.worker || this.currentRunId === 0) return;
    this.worker.postMessage({ type: 'set-lr', runId: this.currentRunId, learningRate });
  }

  pause(): void {
    this.sendToCurrent('pause');
  }

  predict(requestId: number, input: Float32Array): boolean {
    if (this.disposed || !this.worker || this.currentRunId === 0) return false;
    // Transferred: the caller hands the pixels over and keeps no reference.
    this.worker.postMessage({ type: 'predict', runId: this.currentRunId, requestId, input }, [input.buffer]);
    return true;
  }

  understand(requestId: number, request: UnderstandRequest): boolean {
    if (this.disposed || !this.worker || this.currentRunId === 0) return false;
    this.worker.postMessage({ type: 'understand', runId: this.currentRunId, requestId, request });
    return true;
  }

  resume(): void {
    this.sendToCurrent('resume');
  }

  stop(): void {
    this.sendToCurrent('stop');
  }

  configureProbes(config: ProbeConfig): void {
    this.probeConfig = config;
    this.worker?.postMessage({ type: 'probe-config', runId: this.currentRunId, config });
  }

  subscribe(listener: TrainingListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  // Created on the first start, so that merely opening the page does not load tfjs.
  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.workerFactory();
    worker.addEventListener('message', (event) => this.onMessage(event.data));
    worker.addEventListener('error', (event) => this.onWorkerFailure(event));
    worker.addEventListener('messageerror', (event) => this.onWorkerFailure(event));
    this.worker = worker;
    if (this.probeConfig) worker.postMessage({ type: 'probe-config', runId: this.currentRunId, config: this.probeConfig });
    return worker;
  }

  private sendToCurrent(type: 'pause' | 'resume' | 'stop' | 'step'): void {
    if (this.disposed || !this.worker || this.currentRunId === 0) return;
    this.worker.postMessage({ type, runId: this.currentRunId });
  }

  private onMessage(msg: FromWorker): void {
    if (this.disposed || this.currentRunId === 0 || msg.runId !== this.currentRunId) return;
    // A step's posts come as one batch (outbox.ts): handled in one task, drawn in one frame.
    for (const one of unbatch(msg)) this.emit(one);
  }

  // A worker that fails to load (or a message that cannot be decoded) would otherwise leave the UI
  // waiting forever in 'loading-data': turn it into the run's error.
  private onWorkerFailure(event: Event): void {
    if (this.disposed || this.currentRunId === 0) return;
    // Duck-typed: ErrorEvent is not a global everywhere (Node has none), and the message is all we need.
    const text = (event as Partial<ErrorEvent>).message;
    const detail = typeof text === 'string' && text !== '' ? `: ${text}` : '';
    const runId = this.currentRunId;
    this.emit({ type: 'error', runId, message: `The training worker failed${detail}` });
    this.emit({ type: 'phase', runId, phase: 'error' });
  }

  private emit(msg: FromWorker): void {
    // A copy, so a listener that unsubscribes while being called does not disturb the loop.
    for (const listener of [...this.listeners]) listener(msg);
  }
}
