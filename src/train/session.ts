// One run's training and evaluation passes over a loaded dataset, and the checkpoints between steps where
// pause, stop and yielding to the event loop happen. engine.ts drives these; it owns the message handling.
import * as tf from '@tensorflow/tfjs';
import { createBatchBuffers, fillBatch, shuffledIndices, type BatchBuffers } from '../data/batches';
import type { LoadedDataset } from '../data/types';
import type { DataShape, ModelSpec } from '../model/spec';
import { augmentBatch, batchRandom } from './augment';
import type { ContextLossGuard } from './contextLoss';
import { DivergenceError, DivergenceGuard } from './divergence';
import { MetricsBuffer } from './metricsBuffer';
import { createOptimizerFor, disposeOptimizer, setOptimizerLearningRate } from './optimizers';
import { scaledVariables } from './blockTraining';
import { loadStartWeights } from './startWeights';
import type { Outbox, PostFn } from './api/outbox';
import type { RunPhase, ToWorker } from './api/protocol';
import { RunStopped, type RunControl } from './runControl';
import { learningRateAt } from './api/schedules';
import {
  decayedVariables, evaluateBatch, evaluateBatchWithGuesses, evaluateBatchWithOutput, targetLayoutOf, trainableVariables, trainStep, type BatchLayout, type TrainContext,
  type StepResult,
} from './steps';
import { taskLossOptions, workerTaskWith } from './tasks/registry';
import { outputCollector } from './taskOutputs';
import type { TaskSummary } from '../tasks/types';
import type { ProbeHub } from './probes/hub';
import type { Predictor } from './predict';
import { probeStep } from './probes/hook';
import type { BuiltModel } from './builtModel';
import { withTestedSuggestion } from './rateFinder';
import type { ParallelTrainer } from './parallel/coordinator';
import { stepShares } from './parallel/shards';

export type { PostFn };

/** The parts of the engine's dependencies a session uses. */
export interface SessionDeps {
  readonly buildModel: (spec: ModelSpec, data: DataShape, seed: number) => BuiltModel;
  readonly now: () => number;
  readonly yieldToEventLoop: () => Promise<void>;
  readonly flushIntervalMs: number;
  readonly maxPendingSteps: number;
  readonly yieldIntervalMs: number;
  readonly evalBatchSize: number;
}

/** What one run owns; everything in it is disposed when the run ends, however it ends. */
export interface Session extends TrainContext {
  readonly data: LoadedDataset;
  readonly trainBuffers: BatchBuffers;
  readonly evalBuffers: BatchBuffers;
  readonly evalBatchSize: number;
  readonly testOrder: Uint32Array;
  readonly metrics: MetricsBuffer;
  /** One image's worth of floats for the augmentation's shifts. */
  readonly augmentScratch: Float32Array;
  /** The model, its logits and the block map (builtModel.ts); `model` is its probabilities model. */
  readonly network: BuiltModel;
  readonly model: tf.LayersModel;
  step: number;
  epoch: number;
  /** The learning rate of the latest step (base rate times the schedule). */
  learningRate: number;
}

export interface RunContext {
  readonly msg: Extract<ToWorker, { type: 'start' }>;
  readonly control: RunControl;
  readonly deps: SessionDeps;
  readonly post: PostFn;
  /** Holds posts while a step's probe snapshot and metrics are sent (outbox.ts); absent in some tests. */
  readonly outbox?: Pick<Outbox, 'hold' | 'release'>;
  phase: RunPhase | null;
  lastYield: number;
  pausedMs: number;
  session: Session | null;
  /** The worker's probes (activations, filters, gradients); absent in tests that do not use them. */
  readonly probes?: ProbeHub;
  /** Confusion matrix, mistakes and the weight copy for predictions (src/train/predict.ts); absent in some tests. */
  readonly predictor?: Predictor;
  /** Moves the run off a lost WebGL context (contextLoss.ts); set once the session exists. */
  gpu?: ContextLossGuard;
  /** Data-parallel helpers (parallel/coordinator.ts) while the run trains on several workers. */
  parallel?: ParallelTrainer;
}

export function setPhase(ctx: RunContext, phase: RunPhase, detail?: string): void {
  if (ctx.phase === phase && detail === undefined) return;
  ctx.phase = phase;
  const runId = ctx.msg.runId;
  ctx.post(detail === undefined ? { type: 'phase', runId, phase } : { type: 'phase', runId, phase, detail });
}

export function throwIfStopped(control: RunControl): void {
  if (control.stopRequested) throw new RunStopped();
}

/**
 * Where stop, pause and yielding happen: before every step ('train') and every other unit of work. A
 * 'step' command lets one training batch through a pause; other checkpoints let it pass on to that batch.
 */
export async function checkpoint(ctx: RunContext, before: 'train' | 'other' = 'other'): Promise<void> {
  throwIfStopped(ctx.control);
  if (ctx.deps.now() - ctx.lastYield >= ctx.deps.yieldIntervalMs) {
    await ctx.deps.yieldToEventLoop();
    ctx.lastYield = ctx.deps.now();
    throwIfStopped(ctx.control);
  }
  if (!ctx.control.paused) return;
  const stepping = () => (before === 'train' ? ctx.control.takeStep() : ctx.control.pendingSteps > 0);
  if (stepping()) return;
  // Flush first, so the charts show every step taken before the pause (and the one just stepped).
  await ctx.session?.metrics.flush();
  // After a step the phase is still 'paused'; what it pauses is training.
  const resumeTo = ctx.phase === 'paused' ? 'training' : ctx.phase;
  setPhase(ctx, 'paused');
  const pausedAt = ctx.deps.now();
  while (ctx.control.paused) {
    if (stepping()) break;
    await ctx.control.untilResumed();
  }
  ctx.pausedMs += ctx.deps.now() - pausedAt;
  if (ctx.control.paused) {
    // A single step: it runs in the 'paused' phase.
    throwIfStopped(ctx.control);
    return;
  }
  ctx.lastYield = ctx.deps.now();
  throwIfStopped(ctx.control);
  if (resumeTo) setPhase(ctx, resumeTo);
}

/** Builds the model, optimizer and batch buffers; ctx.session owns them from here on. */
export function createSession(ctx: RunContext, data: LoadedDataset): Session {
  const { spec, hyper } = ctx.msg;
  // The probes may still look through the previous run's weight copy, which this run's first epoch replaces.
  ctx.probes?.endRun();
  if (data.train.count === 0 || data.test.count === 0) throw new Error('the dataset has no training or no test examples');
  const [h = 0, w = 0, c = 0] = data.meta.inputShape;
  // The dataset says what its targets mean (a class per image, or per pixel): the task's loss and metrics.
  const task = workerTaskWith(data.meta.task, taskLossOptions(data, hyper.pixelLoss, hyper.boxLoss));
  const layout: BatchLayout = { inputShape: [h, w, c], numClasses: data.meta.classNames.length, task };
  const targetSize = layout.task?.task.targetSize(layout) ?? layout.numClasses;
  const network = ctx.deps.buildModel(spec, { inputShape: data.meta.inputShape, numClasses: layout.numClasses }, hyper.seed);
  if (ctx.msg.initialWeights) {
    try {
      loadStartWeights(network, ctx.msg.initialWeights);
    } catch (err) {
      network.dispose();
      throw err;
    }
  }
  const model = network.model;
  const optimizer = createOptimizerFor(hyper);
  const exampleSize = h * w * c;
  const evalBatchSize = Math.min(Math.max(ctx.deps.evalBatchSize, hyper.batchSize), data.test.count);
  const transferOf = (b: { step: Float64Array; epoch: Float64Array; loss: Float32Array; accuracy: Float32Array }) =>
    [b.step.buffer, b.epoch.buffer, b.loss.buffer, b.accuracy.buffer];
  const variables = trainableVariables(model);
  const guard = new DivergenceGuard({ numClasses: layout.numClasses });
  try {
    ctx.session = {
      ...layout,
    data,
    network,
    model,
    logits: network.logits,
    optimizer,
    variables,
    weightDecay: hyper.weightDecay,
    memory: { peakBytes: 0 },
    decayed: decayedVariables(variables),
    scaled: scaledVariables(spec, network),
    augmentScratch: new Float32Array(exampleSize),
    learningRate: hyper.learningRate,
    epoch: 1,
    trainBuffers: createBatchBuffers(Math.min(hyper.batchSize, data.train.count), exampleSize, targetSize),
    evalBuffers: createBatchBuffers(evalBatchSize, exampleSize, targetSize),
    evalBatchSize,
    testOrder: Uint32Array.from({ length: data.test.count }, (_, i) => i),
    metrics: new MetricsBuffer({
      flushIntervalMs: ctx.deps.flushIntervalMs,
      maxPendingSteps: ctx.deps.maxPendingSteps,
      now: ctx.deps.now,
      post: (batch) => ctx.post({ type: 'metrics', runId: ctx.msg.runId, batch }, transferOf(batch)),
      // Losses read from a lost GPU context are garbage, not divergence.
      check: (step, epoch, loss) => (ctx.gpu?.lost ? null
        : guard.observe(step, epoch, loss, ctx.session?.learningRate ?? hyper.learningRate)),
      learningRate: () => ctx.session?.learningRate ?? hyper.learningRate,
    }),
    step: 0,
    };
  } catch (err) {
    // Nothing owns the model yet, so a failure here (an allocation too large, say) must not leak it.
    disposeOptimizer(optimizer);
    network.dispose();
    throw err;
  }
  return ctx.session;
}

export function disposeSession(ctx: RunContext): void {
  const session = ctx.session;
  if (!session) return;
  ctx.session = null;
  // After the run the probes look through the predictor's copy of the latest epoch-end weights, so a test
  // image or mistake chosen later (or a view scrolled into sight) is still answered, by the final weights.
  const kept = ctx.predictor?.modelOf(ctx.msg.runId) ?? null;
  ctx.probes?.endRun(kept ? {
    runId: ctx.msg.runId, network: kept, data: session.data, step: session.step,
    batch: { x: new Float32Array(0), y: new Float32Array(0), n: 0 }, post: ctx.post, now: ctx.deps.now,
  } : undefined);
  ctx.gpu?.dispose();
  session.metrics.dispose();
  disposeOptimizer(session.optimizer);
  session.network.dispose();
}

/**
 * One pass over the shuffled training split: the images trained on and the seconds it took, pauses
 * excluded. When the loss blows up, a short range test (rateFinder.ts) finds a rate to suggest that trains.
 */
export async function trainEpoch(ctx: RunContext, session: Session, epoch: number): Promise<{ images: number; seconds: number }> {
  try {
    return await trainOneEpoch(ctx, session, epoch);
  } catch (err) {
    if (!(err instanceof DivergenceError) || ctx.gpu?.lost) throw err;
    throw new DivergenceError(await withTestedSuggestion(ctx, session, err.divergence));
  }
}

async function trainOneEpoch(ctx: RunContext, session: Session, epoch: number): Promise<{ images: number; seconds: number }> {
  const { train } = session.data;
  const batchSize = ctx.msg.hyper.batchSize;
  const order = shuffledIndices(train.count, ctx.msg.hyper.seed, epoch);
  // The first step of the run stays in 'preparing': it is where kernels compile and shaders warm up.
  if (epoch > 1) setPhase(ctx, 'training');
  const startedAt = ctx.deps.now();
  const pausedBefore = ctx.pausedMs;
  for (let start = 0; start < train.count; start += batchSize) {
    await checkpoint(ctx, 'train');
    await ctx.gpu?.recoverIfLost(ctx, session);
    const n = prepareBatch(ctx, session, epoch, order, start);
    const [loss, accuracy, gradientNorms] = await stepOrRecover(ctx, session, n);
    session.step += 1;
    session.metrics.push(session.step, epoch, loss, accuracy);
    // Metrics leave with a probe snapshot when one was posted: the page then redraws chart and views in
    // one animation frame instead of two (each frame costs the main thread and the compositor).
    ctx.outbox?.hold();
    try {
      const probed = await probeStep(ctx, session, n, gradientNorms);
      if (ctx.phase === 'preparing') {
        await session.metrics.flush();
        setPhase(ctx, 'training');
      } else if (probed || session.metrics.isDue()) {
        await session.metrics.flush();
        await ctx.gpu?.capture(session);
      }
    } finally {
      gradientNorms?.dispose();
      ctx.outbox?.release();
    }
  }
  // Reading the last losses back also waits for the GPU to finish the epoch, so the timing is honest.
  await session.metrics.flush();
  const seconds = (ctx.deps.now() - startedAt - (ctx.pausedMs - pausedBefore)) / 1000;
  return { images: train.count, seconds };
}

/** One step; a step that fails because the WebGL context was just lost is taken again on the fallback. */
async function stepOrRecover(ctx: RunContext, session: Session, n: number): Promise<StepResult> {
  // A gradient probe due after this step gets its norms from the step itself.
  const groups = () => ctx.probes?.gradientGroups(session.network) ?? undefined;
  try {
    return ctx.parallel ? await ctx.parallel.step(session, n, groups()) : trainStep(session, session.trainBuffers, n, groups());
  } catch (err) {
    if (!(await ctx.gpu?.recoverIfLost(ctx, session))) throw err;
    return trainStep(session, session.trainBuffers, n, groups());
  }
}

/**
 * Fills the next batch and sets what the step depends on besides the weights: augmentation, dropout
 * masks and the learning rate, each a function of (seed, epoch, step) and the base rate.
 */
function prepareBatch(ctx: RunContext, session: Session, epoch: number, order: Uint32Array, start: number): number {
  const { hyper } = ctx.msg;
  const { train } = session.data;
  const step = session.step + 1;
  session.epoch = epoch;
  const n = fillBatch(train, order, start, Math.min(hyper.batchSize, train.count - start), session.trainBuffers, targetLayoutOf(session));
  augmentBatch(session.trainBuffers.x, n, session.inputShape, hyper.augmentation,
    batchRandom(hyper.seed, epoch, step), session.augmentScratch);
  // One worker holds the whole batch; batch norm still takes the run's virtual shards (parallel/shards.ts).
  Object.assign(session.network.dropoutClock, { epoch, step, batch: n, offset: 0, groups: stepShares(n, hyper.batchSize, 1, true)[0] });
  const base = ctx.control.learningRate ?? hyper.learningRate;
  session.learningRate = learningRateAt(base, hyper.schedule, { epoch, epochs: hyper.epochs,
    stepInEpoch: Math.floor(start / hyper.batchSize) + 1, stepsInEpoch: Math.ceil(train.count / hyper.batchSize) });
  setOptimizerLearningRate(session.optimizer, session.learningRate);
  return n;
}

/** Sees each evaluated batch's predictions: where the batch starts in the split's order, its size, guesses and confidences. */
export type PredictionObserver = (start: number, n: number, guess: ArrayLike<number>, confidence: ArrayLike<number>) => void;

/** A split's loss and accuracy, and the task's own metrics (segmentation: mean and per-class IoU). */
export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
  readonly summary?: TaskSummary;
}

/**
 * Test loss and accuracy over the whole test split, summed on the backend and read back once. Given an
 * observer, the same forward pass also hands it every example's prediction (read back per batch).
 */
export async function evaluate(ctx: RunContext, session: Session, observe?: PredictionObserver): Promise<Evaluation> {
  // Evaluation views share the session's model: recovering the real session recovers them too.
  if (ctx.session) await ctx.gpu?.recoverIfLost(ctx, ctx.session);
  setPhase(ctx, 'evaluating');
  const { test } = session.data;
  const sums: tf.Tensor1D[] = [];
  const outputs = outputCollector(session);
  let totals: Float32Array;
  try {
    for (let start = 0; start < test.count; start += session.evalBatchSize) {
      await checkpoint(ctx);
      const size = Math.min(session.evalBatchSize, test.count - start);
      const n = fillBatch(test, session.testOrder, start, size, session.evalBuffers, targetLayoutOf(session));
      if (outputs) {
        const [batchSums, output] = evaluateBatchWithOutput(session.logits, session.evalBuffers, n, session);
        sums.push(batchSums);
        await outputs.add(output, start, n);
        continue;
      }
      if (!observe) {
        sums.push(evaluateBatch(session.logits, session.evalBuffers, n, session));
        continue;
      }
      const [batchSums, guess, confidence] = evaluateBatchWithGuesses(session.logits, session.evalBuffers, n, session);
      sums.push(batchSums);
      try {
        const [g, c] = await Promise.all([guess.data(), confidence.data()]);
        observe(start, n, g, c);
      } finally {
        guess.dispose();
        confidence.dispose();
      }
    }
    const total = tf.tidy(() => tf.addN(sums));
    try {
      totals = (await total.data()) as Float32Array;
    } finally {
      total.dispose();
    }
  } finally {
    tf.dispose(sums);
  }
  const loss = (totals[0] ?? Number.NaN) / test.count;
  if (!Number.isFinite(loss)) {
    const rate = session.learningRate;
    throw new DivergenceError({ kind: 'nan', step: session.step, epoch: session.epoch, loss: null, startLoss: null,
      learningRate: rate, suggestedLearningRate: rate / 10 });
  }
  const task = session.task?.task;
  const summary = task?.summarize?.(totals.subarray(2), { inputShape: session.inputShape, numClasses: session.numClasses })
    ?? outputs?.summarize();
  return { loss, accuracy: (totals[1] ?? 0) / test.count, ...(summary ? { summary } : {}) };
}
