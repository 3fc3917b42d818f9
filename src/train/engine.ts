// The training run, independent of the Worker global so Node tests can drive it: a 'start' message goes
// through loading-data -> preparing -> training <-> evaluating -> done (or stopped / error), posting
// typed messages as it goes. A custom loop rather than model.fit: per-step control for pause and stop,
// metrics read back in groups without stalling the GPU, and exact per-epoch timing.
import { loadDataset } from '../data/loader';
import type { LoadedDataset } from '../data/types';
import { selectBackend } from './backend';
import { buildModel, InvalidModelError } from './buildModel';
import { DivergenceError } from './metricsBuffer';
import type { BackendChoice, BackendInfo, DatasetRef, HyperParams, ToWorker } from './protocol';
import { nextMacrotask, RunControl, RunStopped } from './runControl';
import {
  checkpoint, createSession, disposeSession, evaluate, setPhase, throwIfStopped, trainEpoch,
  type PostFn, type RunContext, type SessionDeps,
} from './session';

export type { PostFn } from './session';

export interface EngineDeps extends SessionDeps {
  readonly loadDataset: (ref: DatasetRef, onProgress: (loadedBytes: number) => void) => Promise<LoadedDataset>;
  readonly selectBackend: (choice: BackendChoice) => Promise<BackendInfo>;
}

export interface TrainingEngine {
  handle(msg: ToWorker): void;
  /** Resolves once every run started so far has ended (used by tests and teardown). */
  idle(): Promise<void>;
}

export const defaultEngineDeps: EngineDeps = {
  loadDataset: (ref, onProgress) => loadDataset(ref, (loaded) => onProgress(loaded)),
  selectBackend: (choice) => selectBackend(choice),
  buildModel,
  now: () => performance.now(),
  // Yielding lets queued pause / stop messages in; every 20 ms bounds their latency.
  yieldToEventLoop: nextMacrotask,
  yieldIntervalMs: 20,
  // The UI wants metrics no more than ~4 times a second; one stacked read per flush.
  flushIntervalMs: 250,
  maxPendingSteps: 256,
  evalBatchSize: 256,
};

/** Loads a dataset, or hands back the last one when the same slice is asked again ("train again"). */
type DatasetSource = (ref: DatasetRef, onProgress: (loadedBytes: number) => void) => Promise<LoadedDataset>;

function cachedLoader(load: EngineDeps['loadDataset']): DatasetSource {
  let last: { key: string; data: Promise<LoadedDataset> } | null = null;
  return (ref, onProgress) => {
    const key = JSON.stringify([ref.url, ref.trainLimit ?? null, ref.testLimit ?? null]);
    if (last?.key === key) return last.data;
    // One entry only: a worker holding several full datasets could use hundreds of MB.
    const entry = { key, data: load(ref, onProgress) };
    last = entry;
    entry.data.catch(() => {
      if (last === entry) last = null; // a failed load is not remembered, so a retry fetches again
    });
    return entry.data;
  };
}

export function createTrainingEngine(post: PostFn, overrides: Partial<EngineDeps> = {}): TrainingEngine {
  const deps: EngineDeps = { ...defaultEngineDeps, ...overrides };
  const loadData = cachedLoader(deps.loadDataset);
  let current: RunControl | null = null;
  let finished: Promise<void> = Promise.resolve();
  return {
    handle(msg) {
      if (msg.type === 'start') {
        // The old run must release the backend (and its memory) before the new one selects one.
        current?.stop();
        const control = new RunControl(msg.runId);
        current = control;
        const ctx: RunContext = { msg, control, deps, post, phase: null, lastYield: deps.now(), pausedMs: 0, session: null };
        const run = () => executeRun(ctx, deps, loadData);
        finished = finished.then(run).catch((err: unknown) => console.error('Training engine failure', err));
        return;
      }
      if (!current || msg.runId !== current.id) return;
      if (msg.type === 'pause') current.pause();
      else if (msg.type === 'resume') current.resume();
      else current.stop();
    },
    async idle() {
      // A start handled while waiting chains a further run onto `finished`: wait for that one too.
      for (let seen = finished; ; seen = finished) {
        await seen;
        if (seen === finished) return;
      }
    },
  };
}

/** Runs one start message to its end; never rejects, and disposes what it created before the last phase. */
async function executeRun(ctx: RunContext, deps: EngineDeps, loadData: DatasetSource): Promise<void> {
  let outcome: { phase: 'done' | 'stopped' } | { phase: 'error'; message: string };
  try {
    await runStages(ctx, deps, loadData);
    outcome = { phase: 'done' };
  } catch (err) {
    outcome = err instanceof RunStopped ? { phase: 'stopped' } : { phase: 'error', message: errorText(err) };
  }
  disposeSession(ctx);
  if (outcome.phase === 'error') ctx.post({ type: 'error', runId: ctx.msg.runId, message: outcome.message });
  setPhase(ctx, outcome.phase);
}

async function runStages(ctx: RunContext, deps: EngineDeps, loadData: DatasetSource): Promise<void> {
  const { msg, control } = ctx;
  throwIfStopped(control);
  checkHyperParams(msg.hyper);
  setPhase(ctx, 'loading-data');
  // A download cannot be cancelled, but a stop need not wait for it: the next run may want the backend.
  const loading = loadData(msg.dataset, loadProgress(ctx));
  const data = await stage('Could not load the dataset', () => control.unlessStopped(loading));
  ctx.post({ type: 'dataset', runId: msg.runId, trainCount: data.train.count, testCount: data.test.count });
  await checkpoint(ctx);
  setPhase(ctx, 'preparing');
  const backend = await stage('Could not start a tfjs backend', () => deps.selectBackend(msg.backend));
  ctx.post({ type: 'backend', runId: msg.runId, backend });
  await checkpoint(ctx);
  const session = await stage('Could not build the model', () => createSession(ctx, data));
  for (let epoch = 1; epoch <= msg.hyper.epochs; epoch++) {
    const { images, seconds } = await trainEpoch(ctx, session, epoch);
    const test = await evaluate(ctx, session);
    const imagesPerSecond = seconds > 0 ? images / seconds : 0;
    ctx.post({
      type: 'epoch',
      runId: msg.runId,
      result: { epoch, testLoss: test.loss, testAccuracy: test.accuracy, imagesPerSecond, seconds },
    });
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `work`, prefixing a failure with what was being done (unless its message already says it). */
async function stage<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RunStopped || err instanceof DivergenceError || err instanceof InvalidModelError) throw err;
    throw new Error(`${label}: ${errorText(err)}`, { cause: err });
  }
}

function checkHyperParams(hyper: HyperParams): void {
  const problems: string[] = [];
  const { batchSize, epochs, learningRate, optimizer } = hyper;
  if (!Number.isInteger(batchSize) || batchSize < 1) problems.push(`batch size must be a positive integer (got ${batchSize})`);
  if (!Number.isInteger(epochs) || epochs < 1) problems.push(`epochs must be a positive integer (got ${epochs})`);
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    problems.push(`learning rate must be a positive number (got ${learningRate})`);
  }
  if (optimizer !== 'adam' && optimizer !== 'sgd') problems.push(`unknown optimizer '${String(optimizer)}'`);
  if (problems.length > 0) throw new Error(`Invalid hyper-parameters: ${problems.join('; ')}`);
}

/** Progress as a language-neutral phase detail ("3.2 MB"), at most once per flush interval. */
function loadProgress(ctx: RunContext): (loadedBytes: number) => void {
  let last = -Infinity;
  return (loadedBytes) => {
    const now = ctx.deps.now();
    if (now - last < ctx.deps.flushIntervalMs || ctx.phase !== 'loading-data') return;
    last = now;
    setPhase(ctx, 'loading-data', `${(loadedBytes / 1e6).toFixed(1)} MB`);
  };
}
