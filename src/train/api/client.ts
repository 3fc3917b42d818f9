// The UI's handle on the training worker: typed commands out, typed messages in. It numbers runs and
// drops every message that belongs to an earlier run, so a late 'metrics' or 'stopped' from a run the
// user already replaced can never reach the charts or the store.
import type { RunFailure } from './failure';
import type { WeightList } from '../../codegen/weights';
import type { DataShape, ModelSpec } from '../../model/spec';
import type { BackendChoice, DatasetRef, FromWorker, HyperParams, RememberedBackend, RunPhase, ToWorker, WorkersChoice } from './protocol';
import { storedBackendMemory, type BackendMemory } from './backendMemory';
import type { ProbeConfig } from './probeTypes';
import { unbatch } from './outbox';
import type { UnderstandRequest } from './understandProtocol';

/** The slice of the Worker interface the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
}

export type TrainingListener = (msg: FromWorker) => void;

/** What a reopened project's views need in the worker: its test set, the backend, the step its weights were saved at. */
export type RestoreViews = NonNullable<Extract<ToWorker, { type: 'load-weights' }>['views']>;

export interface StartOptions {
  readonly paused?: boolean;
  /** 'one' keeps the run in a single worker (no data-parallel helpers). */
  readonly workers?: WorkersChoice;
  /** Weights the run starts from (a backbone taken from a saved project). */
  readonly initialWeights?: WeightList;
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
  /** Asks the current run's prediction model for its weights (a 'weights' message answers); false with no run. */
  requestWeights(requestId: number): boolean;
  /**
   * Saved weights become a new run's model (a 'weights-loaded' message answers); returns that runId. With
   * `views`, the worker also brings back the confusion matrix, probes and understanding views on them.
   */
  loadWeights(spec: ModelSpec, dataShape: DataShape, weights: WeightList, epoch: number, views?: RestoreViews): number;
  /** Asks for one understanding view's computation on the current run's weights; false when there is no run. */
  understand(requestId: number, request: UnderstandRequest): boolean;
  /** Listens to messages of the current run; returns the unsubscribe function. */
  subscribe(listener: TrainingListener): () => void;
  /** Terminates the worker; the client is unusable afterwards. */
  dispose(): void;
}

/** The client the page makes: it can also start its worker ahead of the first run. */
export interface PreparableTrainingClient extends TrainingClient {
  /**
   * Starts the worker before any run and has it load the backend and `dataset`, so the first Train waits
   * for neither (the page calls it once it has loaded). Called again before any run, it replaces that worker
   * with a fresh one. Does nothing once a run has started.
   */
  prepare(dataset: DatasetRef, backend: BackendChoice): void;
}

export type WorkerFactory = () => WorkerLike;

export interface ClientOptions {
  /**
   * After an error event from a worker that had been answering, how long a running run may stay silent
   * before the worker counts as dead (crashed, or out of memory). Long enough for a slow first step.
   */
  readonly silenceMs?: number;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
  /** Where the backend 'auto' measured is kept between visits (default: this browser's localStorage). */
  readonly backendMemory?: BackendMemory;
}

const SILENCE_MS = 30_000;
const QUIET_PHASES: ReadonlySet<RunPhase> = new Set(['paused', 'done', 'stopped', 'error']);

const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../worker.ts', import.meta.url), { type: 'module' }) as WorkerLike;

export function createTrainingClient(workerFactory: WorkerFactory = defaultWorkerFactory, options: ClientOptions = {}): PreparableTrainingClient {
  return new WorkerTrainingClient(workerFactory, options);
}

class WorkerTrainingClient implements PreparableTrainingClient {
  private readonly listeners = new Set<TrainingListener>();
  private worker: WorkerLike | null = null;
  private currentRunId = 0;
  private disposed = false;
  private probeConfig: ProbeConfig | null = null;
  /** Whether the current run has heard from the worker, and the phase it last reported. */
  private heard = false;
  private phase: RunPhase | null = null;
  /** Armed after an error event while a run goes on; any message from the worker disarms it. */
  private watchdog: { handle: unknown } | null = null;
  private suspect = false;

  private readonly memory: BackendMemory;

  constructor(private readonly workerFactory: WorkerFactory, private readonly options: ClientOptions = {}) {
    this.memory = options.backendMemory ?? storedBackendMemory();
  }

  /** An earlier visit's measured backend, for 'auto' only (a chosen backend needs none). */
  private remembered(backend: BackendChoice): { remembered?: RememberedBackend } {
    const remembered = backend === 'auto' ? this.memory.load() : undefined;
    return remembered === undefined ? {} : { remembered };
  }

  prepare(dataset: DatasetRef, backend: BackendChoice): void {
    if (this.disposed || this.currentRunId !== 0) return;
    // Asked again before any run (the service worker took control of the page): a fresh worker, whose
    // fetches go through the service worker and so are kept for offline use.
    this.worker?.terminate();
    this.worker = null;
    this.ensureWorker().postMessage({ type: 'prepare', dataset, backend, ...this.remembered(backend) });
  }

  start(spec: ModelSpec, dataset: DatasetRef, hyper: HyperParams, backend: BackendChoice, options: StartOptions = {}): number {
    if (this.disposed) throw new Error('The training client has been disposed.');
    const worker = this.ensureWorker();
    this.currentRunId += 1;
    const runId = this.currentRunId;
    this.heard = false;
    this.phase = null;
    const start: ToWorker = { type: 'start', runId, spec, dataset, hyper, backend,
      ...(options.paused ? { startPaused: true } : {}), ...(options.workers !== undefined && options.workers !== 'auto' ? { workers: options.workers } : {}),
      ...this.remembered(backend),
      ...(options.initialWeights && options.initialWeights.length > 0 ? { initialWeights: options.initialWeights } : {}) };
    worker.postMessage(start);
    // A worker that reported an error and fell quiet must answer the new run, or count as dead.
    if (this.suspect) this.arm();
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

  requestWeights(requestId: number): boolean {
    if (this.disposed || !this.worker || this.currentRunId === 0) return false;
    this.worker.postMessage({ type: 'get-weights', runId: this.currentRunId, requestId });
    return true;
  }

  loadWeights(spec: ModelSpec, dataShape: DataShape, weights: WeightList, epoch: number, views?: RestoreViews): number {
    if (this.disposed) throw new Error('The training client has been disposed.');
    const worker = this.ensureWorker();
    this.currentRunId += 1;
    // Copied, not transferred: the caller's project keeps its weights.
    worker.postMessage(views
      ? { type: 'load-weights', runId: this.currentRunId, spec, dataShape, weights, epoch, views }
      : { type: 'load-weights', runId: this.currentRunId, spec, dataShape, weights, epoch });
    return this.currentRunId;
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
    this.disarm();
    this.listeners.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  // Created by prepare() once the page has loaded, or else by the first start.
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
    // A resumed run that has gone quiet after an error event should speak again soon.
    if (this.suspect && type !== 'pause' && type !== 'stop') this.arm();
  }

  private onMessage(msg: FromWorker): void {
    if (this.disposed) return;
    // Any message shows the worker is alive: an earlier error event did not end it.
    this.suspect = false;
    this.disarm();
    if (this.currentRunId === 0 || msg.runId !== this.currentRunId) return;
    this.heard = true;
    // A step's posts come as one batch (outbox.ts): handled in one task, drawn in one frame.
    for (const one of unbatch(msg)) {
      if (one.type === 'phase') this.phase = one.phase;
      if (one.type === 'backend') this.memory.save(one.backend);
      this.emit(one);
    }
  }

  /**
   * An error event. From a worker that never answered this run (its script failed to load), it ends the
   * run at once, or the UI would wait forever in 'loading-data'. From a worker that has been answering, it
   * is an uncaught error the training loop may well survive: the run is not flipped to an error while it
   * goes on. Only if the run then falls silent does the worker count as dead (a crash or out of memory).
   */
  private onWorkerFailure(event: Event): void {
    if (this.disposed) return;
    if (this.currentRunId === 0) {
      // A worker started early (prepare) that failed before any run: the first start makes a fresh one.
      this.worker?.terminate();
      this.worker = null;
      return;
    }
    // Duck-typed: ErrorEvent is not a global everywhere (Node has none), and the message is all we need.
    const text = (event as Partial<ErrorEvent>).message;
    const detail = typeof text === 'string' && text !== '' ? `: ${text}` : '';
    if (!this.heard) {
      this.endWorker(`The training worker failed${detail}`, { code: 'workerFailed', values: { detail: typeof text === 'string' ? text : '' } });
      return;
    }
    console.warn(`Training worker error${detail}`);
    this.suspect = true;
    if (this.phase === null || !QUIET_PHASES.has(this.phase)) this.arm();
  }

  private arm(): void {
    if (this.watchdog) return;
    const set = this.options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    this.watchdog = { handle: set(() => {
      this.watchdog = null;
      if (!this.disposed && this.phase !== null && QUIET_PHASES.has(this.phase)) return;
      this.endWorker('The training worker stopped responding after an error; it may have run out of memory. ' +
        'Your network and settings are kept: try a smaller network or batch size, then train again.', { code: 'workerSilent', values: {} });
    }, this.options.silenceMs ?? SILENCE_MS) };
  }

  private disarm(): void {
    if (!this.watchdog) return;
    const clear = this.options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    clear(this.watchdog.handle);
    this.watchdog = null;
  }

  /** The worker is gone: the run ends with `message`, and the next start creates a fresh worker. */
  private endWorker(message: string, failure: RunFailure): void {
    if (this.disposed || this.currentRunId === 0) return;
    this.disarm();
    this.suspect = false;
    this.worker?.terminate();
    this.worker = null;
    const runId = this.currentRunId;
    this.phase = 'error';
    this.emit({ type: 'error', runId, message, failure });
    this.emit({ type: 'phase', runId, phase: 'error' });
  }

  private emit(msg: FromWorker): void {
    // A copy, so a listener that unsubscribes while being called does not disturb the loop.
    for (const listener of [...this.listeners]) listener(msg);
  }
}
