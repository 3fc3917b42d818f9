// One run's training and evaluation passes over a loaded dataset, and the checkpoints between steps where
// pause, stop and yielding to the event loop happen. engine.ts drives these; it owns the message handling.
import * as tf from '@tensorflow/tfjs';
import { createBatchBuffers, fillBatch, shuffledIndices, type BatchBuffers } from '../data/batches';
import type { LoadedDataset } from '../data/types';
import type { DataShape, ModelSpec } from '../model/spec';
import { MetricsBuffer } from './metricsBuffer';
import type { FromWorker, RunPhase, ToWorker } from './protocol';
import { RunStopped, type RunControl } from './runControl';
import { evaluateBatch, trainableVariables, trainStep, type BatchLayout, type TrainContext } from './steps';

export type PostFn = (msg: FromWorker, transfer?: Transferable[]) => void;

/** The parts of the engine's dependencies a session uses. */
export interface SessionDeps {
  readonly buildModel: (spec: ModelSpec, data: DataShape, seed: number) => tf.LayersModel;
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
  step: number;
}

export interface RunContext {
  readonly msg: Extract<ToWorker, { type: 'start' }>;
  readonly control: RunControl;
  readonly deps: SessionDeps;
  readonly post: PostFn;
  phase: RunPhase | null;
  lastYield: number;
  pausedMs: number;
  session: Session | null;
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

/** Where stop, pause and yielding happen: before every step and every evaluation batch. */
export async function checkpoint(ctx: RunContext): Promise<void> {
  throwIfStopped(ctx.control);
  if (ctx.deps.now() - ctx.lastYield >= ctx.deps.yieldIntervalMs) {
    await ctx.deps.yieldToEventLoop();
    ctx.lastYield = ctx.deps.now();
    throwIfStopped(ctx.control);
  }
  if (!ctx.control.paused) return;
  // Flush first, so the charts show every step taken before the pause.
  await ctx.session?.metrics.flush();
  const resumeTo = ctx.phase;
  setPhase(ctx, 'paused');
  const pausedAt = ctx.deps.now();
  while (ctx.control.paused) await ctx.control.untilResumed();
  ctx.pausedMs += ctx.deps.now() - pausedAt;
  ctx.lastYield = ctx.deps.now();
  throwIfStopped(ctx.control);
  if (resumeTo) setPhase(ctx, resumeTo);
}

/** Builds the model, optimizer and batch buffers; ctx.session owns them from here on. */
export function createSession(ctx: RunContext, data: LoadedDataset): Session {
  const { spec, hyper } = ctx.msg;
  if (data.train.count === 0 || data.test.count === 0) throw new Error('the dataset has no training or no test examples');
  const [h = 0, w = 0, c = 0] = data.meta.inputShape;
  const layout: BatchLayout = { inputShape: [h, w, c], numClasses: data.meta.classNames.length };
  const model = ctx.deps.buildModel(spec, { inputShape: data.meta.inputShape, numClasses: layout.numClasses }, hyper.seed);
  const optimizer = hyper.optimizer === 'sgd' ? tf.train.sgd(hyper.learningRate) : tf.train.adam(hyper.learningRate);
  const exampleSize = h * w * c;
  const evalBatchSize = Math.min(Math.max(ctx.deps.evalBatchSize, hyper.batchSize), data.test.count);
  const transferOf = (b: { step: Float64Array; epoch: Float64Array; loss: Float32Array; accuracy: Float32Array }) =>
    [b.step.buffer, b.epoch.buffer, b.loss.buffer, b.accuracy.buffer];
  try {
    ctx.session = {
      ...layout,
    data,
    model,
    optimizer,
    variables: trainableVariables(model),
    trainBuffers: createBatchBuffers(Math.min(hyper.batchSize, data.train.count), exampleSize, layout.numClasses),
    evalBuffers: createBatchBuffers(evalBatchSize, exampleSize, layout.numClasses),
    evalBatchSize,
    testOrder: Uint32Array.from({ length: data.test.count }, (_, i) => i),
    metrics: new MetricsBuffer({
      flushIntervalMs: ctx.deps.flushIntervalMs,
      maxPendingSteps: ctx.deps.maxPendingSteps,
      now: ctx.deps.now,
      post: (batch) => ctx.post({ type: 'metrics', runId: ctx.msg.runId, batch }, transferOf(batch)),
    }),
    step: 0,
    };
  } catch (err) {
    // Nothing owns the model yet, so a failure here (an allocation too large, say) must not leak it.
    optimizer.dispose();
    model.dispose();
    throw err;
  }
  return ctx.session;
}

export function disposeSession(ctx: RunContext): void {
  const session = ctx.session;
  if (!session) return;
  ctx.session = null;
  session.metrics.dispose();
  session.optimizer.dispose();
  session.model.dispose();
}

/** One pass over the shuffled training split: the images trained on and the seconds it took, pauses excluded. */
export async function trainEpoch(ctx: RunContext, session: Session, epoch: number): Promise<{ images: number; seconds: number }> {
  const { train } = session.data;
  const batchSize = ctx.msg.hyper.batchSize;
  const order = shuffledIndices(train.count, ctx.msg.hyper.seed, epoch);
  // The first step of the run stays in 'preparing': it is where kernels compile and shaders warm up.
  if (epoch > 1) setPhase(ctx, 'training');
  const startedAt = ctx.deps.now();
  const pausedBefore = ctx.pausedMs;
  for (let start = 0; start < train.count; start += batchSize) {
    await checkpoint(ctx);
    const n = fillBatch(train, order, start, Math.min(batchSize, train.count - start), session.trainBuffers);
    const [loss, accuracy] = trainStep(session, session.trainBuffers, n);
    session.step += 1;
    session.metrics.push(session.step, epoch, loss, accuracy);
    if (ctx.phase === 'preparing') {
      await session.metrics.flush();
      setPhase(ctx, 'training');
    } else if (session.metrics.isDue()) {
      await session.metrics.flush();
    }
  }
  // Reading the last losses back also waits for the GPU to finish the epoch, so the timing is honest.
  await session.metrics.flush();
  const seconds = (ctx.deps.now() - startedAt - (ctx.pausedMs - pausedBefore)) / 1000;
  return { images: train.count, seconds };
}

/** Test loss and accuracy over the whole test split, summed on the backend and read back once. */
export async function evaluate(ctx: RunContext, session: Session): Promise<{ loss: number; accuracy: number }> {
  setPhase(ctx, 'evaluating');
  const { test } = session.data;
  const sums: tf.Tensor1D[] = [];
  let totals: Float32Array;
  try {
    for (let start = 0; start < test.count; start += session.evalBatchSize) {
      await checkpoint(ctx);
      const size = Math.min(session.evalBatchSize, test.count - start);
      const n = fillBatch(test, session.testOrder, start, size, session.evalBuffers);
      sums.push(evaluateBatch(session.model, session.evalBuffers, n, session));
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
    throw new Error('Training diverged: the test loss is NaN or infinite. Try a lower learning rate.');
  }
  return { loss, accuracy: (totals[1] ?? 0) / test.count };
}
