// The training run, independent of the Worker global so Node tests can drive it: a 'start' message goes
// through loading-data -> preparing -> training <-> evaluating -> done (or stopped / error), posting
// typed messages as it goes. A custom loop rather than model.fit: per-step control for pause and stop,
// metrics read back in groups without stalling the GPU, and exact per-epoch timing.
import { loadDataset } from '../data/loader';
import { derivedDataset } from '../data/derived';
import { withLabelShare } from '../data/labelShare';
import { createDataFeed, type DataFeed } from '../data/dataFeed';
import type { LoadedDataset, Split } from '../data/types';
import { selectBackend } from './backend';
import { buildModel, InvalidModelError } from './buildModel';
import { DivergenceError } from './divergence';
import { analyzeModel } from '../model/analyze';
import { taskOf } from '../tasks/registry';
import { formatBytes } from '../model/units';
import { createContextLossGuard, watchWebGLContext, type ContextWatch } from './contextLoss';
import { estimateRun, refusalFailure, refusalReason, trainingMacsPerSecond } from './api/estimate';
import { FailureError, failureOf, type FailureCode, type RunFailure } from './api/failure';
import { hyperParamProblems } from './api/hyper';
import type { BackendChoice, BackendInfo, BackendName, DatasetRef, Divergence, EpochResult, HyperParams, RememberedBackend, ToWorker } from './api/protocol';
import { nextMacrotask, RunControl, RunStopped } from './runControl';
import {
  checkpoint, createSession, disposeSession, evaluate, setPhase, throwIfStopped, trainEpoch,
  type Evaluation, type PostFn, type RunContext, type Session, type SessionDeps,
} from './session';
import { createOutbox } from './api/outbox';
import { createProbeHub, type HubOptions } from './probes/hub';
import { createConfusionCollector, createPredictor } from './predict';
import { createMaskReportCollector } from './maskReport';
import { createUnderstanding, type UnderstandSource } from './understand/service';
import { defaultParallelDeps, startRunWorkers, type ParallelDeps } from './parallel/runWorkers';
import { createRestorer } from './restore';

export type { PostFn } from './session';

export interface EngineDeps extends SessionDeps, ParallelDeps {
  readonly loadDataset: (ref: DatasetRef, onProgress: LoadBytes) => Promise<LoadedDataset>;
  /** `remembered`: what 'auto' measured on an earlier visit of this browser (backend.ts: SelectBackendOptions). */
  readonly selectBackend: (choice: BackendChoice, remembered?: RememberedBackend) => Promise<BackendInfo>;
  /** Reports a lost GPU context of the backend just selected (contextLoss.ts; tests inject a fake). */
  readonly watchContext: () => ContextWatch;
  /** The probes' budgets and limits (probes/hub.ts); tests raise the budgets to probe at every step. */
  readonly probeOptions: HubOptions;
  /** False: no understanding service at all (the bench's comparison run, bench/understandSuite.ts). */
  readonly understanding?: boolean;
}

export interface TrainingEngine {
  handle(msg: ToWorker): void;
  /** Resolves once every run started so far has ended (used by tests and teardown). */
  idle(): Promise<void>;
}

// At least the largest batch size, so the batch buffers sized at the start fit every later epoch.
const EARLY_START_EXAMPLES = 4096;

export const defaultEngineDeps: EngineDeps = {
  // Training starts once the test split and this many training examples are in; the rest streams in meanwhile.
  loadDataset: (ref, onProgress) =>
    loadDataset(ref, (loaded, _phase, total) => onProgress(loaded, total), fetch, { startWith: EARLY_START_EXAMPLES }),
  selectBackend: (choice, remembered) => selectBackend(choice, remembered === undefined ? {} : { remembered }),
  watchContext: watchWebGLContext,
  probeOptions: {},
  ...defaultParallelDeps,
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
type DatasetSource = (ref: DatasetRef, onProgress: LoadBytes) => Promise<LoadedDataset>;
/** Bytes fetched so far, and the total once the dataset's meta.json has said it. */
type LoadBytes = (loadedBytes: number, totalBytes?: number) => void;

function cachedLoader(load: EngineDeps['loadDataset']): DatasetSource {
  let last: { key: string; data: Promise<LoadedDataset>; progress: { to: LoadBytes } } | null = null;
  return (ref, onProgress) => {
    if (ref.kind === 'inline') return load(ref, onProgress); // already in memory: nothing to cache
    const key = ref.kind === 'generated' ? JSON.stringify({ ...ref, validationFraction: null })
      : JSON.stringify([ref.url, ref.trainLimit ?? null, ref.testLimit ?? null]);
    if (last?.key === key) {
      // A run joining a load begun earlier ('prepare') reports its progress from here on.
      last.progress.to = onProgress;
      return last.data;
    }
    // One entry only: a worker holding several full datasets could use hundreds of MB.
    const progress = { to: onProgress };
    const entry = { key, progress, data: load(ref, (loaded, total) => progress.to(loaded, total)) };
    last = entry;
    entry.data.catch(() => {
      if (last === entry) last = null; // a failed load is not remembered, so a retry fetches again
    });
    return entry.data;
  };
}

/** Before the first run: the dataset and the backend load while the page waits for Train. */
function prepare(msg: Extract<ToWorker, { type: 'prepare' }>, deps: EngineDeps, loadData: DatasetSource): void {
  const quiet = () => undefined;
  // Failures are not remembered (cachedLoader, rememberSelection): the run tries again and reports them.
  if (msg.dataset.kind !== 'inline') loadData(msg.dataset, quiet).catch(quiet);
  deps.selectBackend(msg.backend, msg.remembered).catch(quiet);
}

export function createTrainingEngine(post: PostFn, overrides: Partial<EngineDeps> = {}): TrainingEngine {
  const deps: EngineDeps = { ...defaultEngineDeps, ...overrides };
  const loadData = cachedLoader(deps.loadDataset);
  let current: RunControl | null = null;
  let finished: Promise<void> = Promise.resolve();
  const probes = createProbeHub(deps.probeOptions);
  const predictor = createPredictor();
  const outbox = createOutbox(post);
  const understanding = deps.understanding === false ? null : createUnderstanding();
  let latest: RunContext | null = null;
  // A reopened project: its weights and, for its views, its test set (restore.ts); queued like a run.
  const restorer = createRestorer({ deps, loadData: (ref) => loadData(ref, () => undefined), selectBackend: deps.selectBackend,
    predictor, probes, understanding, post: outbox.post });
  return {
    handle(msg) {
      if (msg.type === 'load-weights') {
        finished = finished.then(restorer.queue(msg)).catch((err: unknown) => console.error('Restore failure', err));
        return;
      }
      if (msg.type === 'start') {
        restorer.cancel();
        // The old run must release the backend (and its memory) before the new one selects one.
        current?.stop();
        const control = new RunControl(msg.runId);
        // Started for stepping: paused from the outset, so the first 'step' trains exactly one batch.
        if (msg.startPaused) control.pause();
        current = control;
        const ctx: RunContext = { msg, control, deps, post: outbox.post, outbox, phase: null, lastYield: deps.now(), pausedMs: 0, session: null, probes, predictor };
        latest = ctx;
        const run = () => executeRun(ctx, deps, loadData, (ended, session) => understanding?.keep(understandSource(ended, session)));
        finished = finished.then(run).catch((err: unknown) => console.error('Training engine failure', err));
        return;
      }
      if (msg.type === 'prepare') return current === null ? prepare(msg, deps, loadData) : undefined;
      if (msg.type === 'probe-config') return probes.configure(msg.config);
      if (msg.type === 'predict') return predictor.handle(msg, post);
      if (msg.type === 'get-weights') return predictor.weights(msg, post, deps.buildModel);
      if (msg.type === 'understand') return understanding?.handle(msg, () => (latest?.session ? understandSource(latest, latest.session) : null), post);
      if (!current || msg.runId !== current.id) return;
      commandRun(current, msg);
    },
    async idle() {
      // A start handled while waiting chains a further run onto `finished`: wait for that one too.
      for (let seen = finished; ; seen = finished) {
        await seen;
        if (seen === finished) break;
      }
      await understanding?.idle();
    },
  };
}

function commandRun(control: RunControl, msg: Exclude<ToWorker, { type: 'start' }>): void {
  switch (msg.type) {
    case 'pause': return control.pause();
    case 'resume': return control.resume();
    case 'stop': return control.stop();
    case 'step': return control.step();
    case 'set-lr': return control.setLearningRate(msg.learningRate);
    default: return; // messages for other parts of the worker (probes) are not the run's to handle
  }
}

/** What the understanding views read from a run: its model, data and how to build a copy (understand/service.ts). */
function understandSource(ctx: RunContext, session: Session): UnderstandSource {
  const { msg } = ctx;
  return { runId: msg.runId, spec: msg.spec, seed: msg.hyper.seed, model: session.model, data: session.data, step: session.step,
    training: ctx.phase === 'training' || ctx.phase === 'evaluating',
    buildModel: (spec, data, seed) => ctx.deps.buildModel(spec, data, seed).model };
}

/** Runs one start message to its end; never rejects, and disposes what it created before the last phase. */
async function executeRun(ctx: RunContext, deps: EngineDeps, loadData: DatasetSource,
  beforeDispose?: (ctx: RunContext, session: Session) => void): Promise<void> {
  let outcome: { phase: 'done' | 'stopped' } | { phase: 'error'; message: string; failure?: RunFailure; divergence?: Divergence };
  try {
    await runStages(ctx, deps, loadData);
    outcome = { phase: 'done' };
  } catch (err) {
    if (err instanceof RunStopped) outcome = { phase: 'stopped' };
    else if (err instanceof DivergenceError) outcome = { phase: 'error', message: err.message, divergence: err.divergence };
    else {
      const failure = err instanceof InvalidModelError ? { code: 'buildModel' as const, values: { detail: errorText(err) } } : failureOf(err);
      outcome = { phase: 'error', message: errorText(err), failure };
    }
  }
  if (ctx.session) beforeDispose?.(ctx, ctx.session);
  ctx.parallel?.dispose();
  disposeSession(ctx);
  if (outcome.phase === 'error' && outcome.divergence) {
    ctx.post({ type: 'diverged', runId: ctx.msg.runId, divergence: outcome.divergence });
  }
  if (outcome.phase === 'error') {
    ctx.post({ type: 'error', runId: ctx.msg.runId, message: outcome.message, ...(outcome.failure ? { failure: outcome.failure } : {}) });
  }
  setPhase(ctx, outcome.phase);
}

/** The run's training data, epoch by epoch: loaded, made into the dataset the reference names, labels shared, validation held out. */
async function loadFeed(ctx: RunContext, loadData: DatasetSource): Promise<DataFeed> {
  const { msg, control } = ctx;
  setPhase(ctx, 'loading-data');
  // A download cannot be cancelled, but a stop need not wait for it: the next run may want the backend.
  const loading = loadData(msg.dataset, loadProgress(ctx));
  const raw = await stage('Could not load the dataset', 'dataset', () => control.unlessStopped(loading));
  // A class subset or pretext task is made after the cache (cachedLoader): one download serves them all.
  const loaded = await stage('Could not make the dataset from its files', 'dataset', () => control.unlessStopped(derivedDataset(msg.dataset, raw)));
  const { labelShare } = msg.hyper;
  const labelled = await stage('Could not take the share of labels', 'dataset',
    () => control.unlessStopped(withLabelShare(loaded, labelShare, msg.hyper.seed)));
  const feed = await stage('Could not hold out a validation split', 'validationSplit',
    () => createDataFeed(labelled.data, msg.dataset.validationFraction, msg.hyper.seed));
  ctx.post({ type: 'dataset', runId: msg.runId, trainCount: feed.data.train.count, testCount: feed.data.test.count,
    ...(labelShare !== undefined && labelShare < 1 ? { labelledOf: labelled.of } : {}) });
  return feed;
}

async function runStages(ctx: RunContext, deps: EngineDeps, loadData: DatasetSource): Promise<void> {
  const { msg, control } = ctx;
  throwIfStopped(control);
  checkHyperParams(msg.hyper);
  const feed = await loadFeed(ctx, loadData);
  const data = feed.data;
  await checkpoint(ctx);
  setPhase(ctx, 'preparing');
  const backend = await stage('Could not start a tfjs backend', 'backend', () => deps.selectBackend(msg.backend, msg.remembered));
  ctx.post({ type: 'backend', runId: msg.runId, backend });
  const forwardMacs = checkFits(msg, data, backend.name);
  await checkpoint(ctx);
  const session = await stage('Could not build the model', 'buildModel', () => createSession(ctx, data));
  await startRunWorkers(ctx, deps, backend, data);
  await guardContext(ctx, deps, session);
  let validationView = data.validation ? evaluationOn(session, data.validation) : null;
  for (let epoch = 1; epoch <= msg.hyper.epochs; epoch++) {
    // The last epoch trains on the whole split: a one-epoch run on a fresh load would otherwise see only the
    // shards in by then (17,962 of MNIST's 54,000 in a lesson), against what its epoch count promises.
    if (epoch === msg.hyper.epochs && feed.growing) await control.unlessStopped(feed.whenComplete().catch(() => undefined));
    // Also before epoch 1: shards keep arriving while the backend and model are being prepared.
    if (feed.growing && takeArrivals(ctx, session, feed)) {
      validationView = feed.data.validation ? evaluationOn(session, feed.data.validation) : null;
    }
    const { images, seconds } = await trainEpoch(ctx, session, epoch);
    const validation = validationView ? await evaluate(ctx, validationView) : null;
    // One pass over the test split gives the test loss and accuracy and, for the predictor, the confusion matrix.
    const confusion = !ctx.predictor ? null : session.task?.guesses ? createConfusionCollector(session)
      : session.task?.pixelGuesses ? createMaskReportCollector(session) : null;
    const test = await evaluate(ctx, session, confusion?.observe);
    await ctx.predictor?.afterEvaluation(ctx, session, epoch, confusion);
    const imagesPerSecond = seconds > 0 ? images / seconds : 0;
    ctx.post({
      type: 'epoch',
      runId: msg.runId,
      result: {
        epoch, testLoss: test.loss, testAccuracy: test.accuracy, imagesPerSecond, seconds,
        multiplyAddsPerSecond: trainingMacsPerSecond(imagesPerSecond, forwardMacs),
        ...(session.memory ? { peakTensorBytes: session.memory.peakBytes } : {}),
        ...(validation ? { validationLoss: validation.loss, validationAccuracy: validation.accuracy } : {}),
        ...taskMetrics(test, validation),
      },
    });
  }
}

/** What the task adds to an epoch's result (segmentation: mean IoU; detection: mAP@0.5; on the test and validation splits). */
function taskMetrics(test: Evaluation, validation: Evaluation | null): Partial<EpochResult> {
  const [t, v] = [test.summary, validation?.summary];
  if (!t) return {};
  return {
    ...(t.meanIoU === undefined ? {} : { testMeanIoU: t.meanIoU, testClassIoU: t.classIoU }),
    ...(v?.meanIoU === undefined ? {} : { validationMeanIoU: v.meanIoU }),
    ...(t.meanAP === undefined ? {} : { testMeanAP: t.meanAP }),
    ...(v?.meanAP === undefined ? {} : { validationMeanAP: v.meanAP }),
  };
}

/** Between epochs, while training shards still arrive: the next epoch trains on everything in by now. */
function takeArrivals(ctx: RunContext, session: Session, feed: DataFeed): boolean {
  try {
    if (!feed.refresh()) return false;
  } catch (err) {
    throw new Error(`Could not load the dataset: ${errorText(err)}`, { cause: err });
  }
  // The one place a session's data changes: only ever to a larger prefix of the same split.
  (session as { data: LoadedDataset }).data = feed.data;
  ctx.post({ type: 'dataset', runId: ctx.msg.runId, trainCount: feed.data.train.count, testCount: feed.data.test.count });
  return true;
}

/**
 * The session seen through another split, so evaluate() measures that split instead of the test split.
 * Everything else reads through to the live session (a prototype, not a copy): a divergence found on
 * the split reports the step and learning rate the run has reached, not those of when the view was made.
 */
export function evaluationOn(session: Session, split: Split): Session {
  const order = Uint32Array.from({ length: split.count }, (_, i) => i);
  const view = Object.create(session) as Session;
  return Object.assign(view, { data: { ...session.data, test: split }, testOrder: order });
}

/** Watches for a lost WebGL context from here on, with a first copy of the weights (contextLoss.ts). */
async function guardContext(ctx: RunContext, deps: EngineDeps, session: Session): Promise<void> {
  ctx.gpu = createContextLossGuard({ watch: deps.watchContext, fallback: () => deps.selectBackend('wasm'), now: deps.now,
    intervalMs: 5000 });
  await ctx.gpu.capture(session, true);
}

/**
 * Refuses, with the reason, a run whose estimated memory exceeds the backend's safe limit (estimate.ts).
 * Returns the network's forward multiply-adds per example.
 */
function checkFits(msg: Extract<ToWorker, { type: 'start' }>, data: LoadedDataset, backend: BackendName): number {
  const shape = { inputShape: data.meta.inputShape, numClasses: data.meta.classNames.length };
  // Batches never hold more examples than the split has.
  const hyper = { ...msg.hyper, batchSize: Math.min(msg.hyper.batchSize, data.train.count) };
  const estimate = estimateRun({ spec: msg.spec, data: shape, analysis: analyzeModel(msg.spec, shape), hyper,
    trainCount: data.train.count, backend });
  checkTaskOutput(msg, data);
  const reason = refusalReason(estimate, hyper.batchSize);
  const failure = refusalFailure(estimate, hyper.batchSize);
  if (reason && failure) throw new FailureError(failure, reason);
  return estimate.forwardMacs;
}

/** Refuses a network whose output is not what the dataset's task needs (a class per pixel, or per image). */
function checkTaskOutput(msg: Extract<ToWorker, { type: 'start' }>, data: LoadedDataset): void {
  const shape = { inputShape: data.meta.inputShape, numClasses: data.meta.classNames.length };
  const output = analyzeModel(msg.spec, shape).outputShape;
  const expected = taskOf(data.meta.task).outputShape(shape);
  if (output === null || (output.length === expected.length && output.every((d, i) => d === expected[i]))) return;
  const values = { output: output.join('×'), expected: expected.join('×') };
  throw new FailureError({ code: 'taskOutput', values },
    `The network gives ${values.output}, but this dataset's task needs ${values.expected}`);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `work`, prefixing a failure with what was being done (unless its message already says it). */
async function stage<T>(label: string, code: FailureCode, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RunStopped || err instanceof DivergenceError || err instanceof InvalidModelError) throw err;
    throw new FailureError({ code, values: { detail: errorText(err) } }, `${label}: ${errorText(err)}`, { cause: err });
  }
}

function checkHyperParams(hyper: HyperParams): void {
  const problems = hyperParamProblems(hyper);
  if (problems.length > 0) {
    throw new FailureError({ code: 'hyperParams', values: { detail: problems.join('; ') } }, `Invalid hyper-parameters: ${problems.join('; ')}`);
  }
}

/** Progress as a language-neutral phase detail ("3.2 MiB / 10.5 MiB"), at most once per flush interval. */
function loadProgress(ctx: RunContext): LoadBytes {
  let last = -Infinity;
  return (loadedBytes, totalBytes) => {
    const now = ctx.deps.now();
    if (now - last < ctx.deps.flushIntervalMs || ctx.phase !== 'loading-data') return;
    last = now;
    const known = totalBytes !== undefined && totalBytes >= loadedBytes; // not when the server inflated the gzip
    setPhase(ctx, 'loading-data', known ? `${formatBytes(loadedBytes)} / ${formatBytes(totalBytes)}` : formatBytes(loadedBytes));
  };
}
