// After a run diverges: find a learning rate that trains, instead of suggesting a tenth and letting the
// student fail again (Adam at 10 -> 1 -> 0.1 -> 0.01 took four runs). A short learning-rate range test: a
// fresh copy of the network (same seed) trains a few batches at each lower rate, largest first, and the
// first rate whose loss clearly falls and stays finite is the suggestion.
import { fillBatch, shuffledIndices } from '../data/batches';
import { createOptimizer, disposeOptimizer } from './optimizers';
import type { Divergence } from './api/protocol';
import { checkpoint, setPhase, type RunContext, type Session } from './session';
import { decayedVariables, targetLayoutOf, trainableVariables, trainStep } from './steps';

/** Batches trained at each candidate rate. */
export const TEST_STEPS = 20;
/** Candidates: the diverged rate divided by 10, 100, ... this many times. */
const CANDIDATES = 5;
const MIN_RATE = 1e-6;

/**
 * Whether a short run's losses show training: all finite, and the mean of the last few at most 85% of the
 * first (a loss that only hovers at chance, or saturates, is not training).
 */
export function lossesTrain(losses: readonly number[]): boolean {
  if (losses.length < 4 || !losses.every(Number.isFinite)) return false;
  const first = losses[0] as number;
  const tail = losses.slice(-3);
  const end = tail.reduce((a, b) => a + b, 0) / tail.length;
  return end <= 0.85 * first;
}

/** The candidate rates below the one that diverged, largest first. */
export function candidateRates(diverged: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= CANDIDATES; k += 1) {
    const rate = Number((diverged / 10 ** k).toPrecision(3));
    if (rate < MIN_RATE) break;
    out.push(rate);
  }
  return out;
}

/**
 * The divergence with its suggestion replaced by the largest candidate rate that trained on a few batches
 * (and `suggestionTested` set), or unchanged when none did. Disposes everything it builds.
 */
export async function withTestedSuggestion(ctx: RunContext, session: Session, d: Divergence): Promise<Divergence> {
  const { msg } = ctx;
  const { train } = session.data;
  const buffers = session.trainBuffers;
  const batch = Math.min(msg.hyper.batchSize, train.count);
  const order = shuffledIndices(train.count, msg.hyper.seed, 1);
  setPhase(ctx, ctx.phase ?? 'training', 'lr-range-test');
  for (const rate of candidateRates(d.learningRate)) {
    await checkpoint(ctx);
    const losses = await shortRun(ctx, session, rate, batch, order, buffers);
    if (lossesTrain(losses)) return { ...d, suggestedLearningRate: rate, suggestionTested: true };
  }
  return d;
}

async function shortRun(ctx: RunContext, session: Session, rate: number, batch: number, order: Uint32Array,
  buffers: Session['trainBuffers']): Promise<number[]> {
  const { msg } = ctx;
  const { train } = session.data;
  const shape = { inputShape: session.data.meta.inputShape, numClasses: session.numClasses };
  const network = ctx.deps.buildModel(msg.spec, shape, msg.hyper.seed);
  const optimizer = createOptimizer(msg.hyper.optimizer, rate, msg.hyper.momentum);
  const variables = trainableVariables(network.model);
  const context = { inputShape: session.inputShape, numClasses: session.numClasses, task: session.task, logits: network.logits, optimizer, variables,
    weightDecay: msg.hyper.weightDecay, decayed: decayedVariables(variables) };
  const losses: number[] = [];
  try {
    for (let k = 0; k < TEST_STEPS; k += 1) {
      const start = (k * batch) % train.count;
      const n = fillBatch(train, order, start, batch, buffers, targetLayoutOf(session));
      Object.assign(network.dropoutClock, { epoch: 1, step: k });
      const [loss, accuracy] = trainStep(context, buffers, n);
      accuracy.dispose();
      const value = (await loss.data())[0] ?? Number.NaN;
      loss.dispose();
      losses.push(value);
      if (!Number.isFinite(value)) break;
    }
  } finally {
    disposeOptimizer(optimizer);
    network.dispose();
  }
  return losses;
}
