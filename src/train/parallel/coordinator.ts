// The training worker's side of data-parallel training: it keeps the one network that counts (the one the
// probes, evaluation and predictions read) and K-1 helper workers. Each step it sends every helper the
// current weights and its shard of the batch, takes the gradient of its own shard meanwhile, averages the
// K gradients weighted by shard size (shards.ts: exactly the whole batch's gradient) and applies that with
// its own optimizer: the same update one worker would make. Helpers keep no optimizer state, so nothing can
// drift apart. If a helper fails, the step is taken again on this worker alone and the run goes on so.
// With batch norm, shards are whole virtual shards of the run (shards.ts's stepShares), and dropout masks
// are rows of the whole batch's: the run is the same on any number of workers.
import * as tf from '@tensorflow/tfjs';
import type { BatchBuffers } from '../../data/batches';
import type { DropoutClock } from '../dropoutLayer';
import { groupNorms, trainStep, type StepResult, type TrainContext } from '../steps';
import type { FromHelper, HelperPort, SpawnHelper, ToHelper } from './helperProtocol';
import { averageGradients, shardOffsets, stepShares } from './shards';
import { shardStep } from './shardStep';
import { workerTaskOf } from '../tasks/registry';
import { applyScaledGradients } from '../blockTraining';

/** What a step needs of the run's session (session.ts's Session has all of it). */
export interface ParallelSession extends TrainContext {
  readonly trainBuffers: BatchBuffers;
  readonly network: { readonly dropoutClock: DropoutClock; readonly model: tf.LayersModel };
}

export interface ParallelTrainer {
  /** Workers taking part, this one included; 1 after a fallback. */
  readonly count: number;
  /** One training step on the first `n` examples of the session's buffers, as trainStep. */
  step(session: ParallelSession, n: number, normGroups?: readonly (readonly tf.Variable[])[]): Promise<StepResult>;
  dispose(): void;
}

export type HelperInit = Omit<Extract<ToHelper, { type: 'init' }>, 'type'>;

/** How the run's batches are shared out: its batch size and whether the network has batch norm. */
export interface ShareLayout {
  readonly batchSize: number;
  readonly batchNorm: boolean;
}

/** A helper port with its answers matched to questions in order, and a time limit on each answer. */
class HelperLink {
  private readonly waiting: ((msg: FromHelper) => void)[] = [];
  private failure: string | null = null;

  constructor(private readonly port: HelperPort, private readonly timeoutMs: number) {
    port.listen((msg) => {
      const next = this.waiting.shift();
      if (next) next(msg);
      else if (msg.type === 'failed') this.failure = msg.message;
    });
  }

  ask(msg: ToHelper, transfer?: Transferable[]): Promise<FromHelper> {
    if (this.failure !== null) return Promise.resolve({ type: 'failed', message: this.failure });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.failure = `no answer within ${Math.round(this.timeoutMs / 1000)} s`;
        resolve({ type: 'failed', message: this.failure });
      }, this.timeoutMs);
      this.waiting.push((answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.port.post(msg, transfer);
    });
  }

  terminate(): void {
    this.port.terminate();
  }
}

/**
 * Starts `count - 1` helpers with the run's network; rejects (with every helper ended) when one cannot
 * start. `onFallback` hears why, should a helper fail later and the run continue on one worker.
 */
export async function startParallel(spawn: SpawnHelper, count: number, init: HelperInit, layout: ShareLayout,
  onFallback: (detail: string) => void, timeoutMs = 60_000): Promise<ParallelTrainer> {
  const links: HelperLink[] = [];
  try {
    for (let i = 1; i < count; i++) links.push(new HelperLink(spawn(), timeoutMs));
    const answers = await Promise.all(links.map((link) => link.ask({ type: 'init', ...init })));
    const failed = answers.find((a) => a.type !== 'ready');
    if (failed) throw new Error(failed.type === 'failed' ? failed.message : 'a helper answered out of turn');
  } catch (err) {
    links.forEach((link) => link.terminate());
    throw err;
  }
  return createTrainer(links, layout, onFallback);
}

function createTrainer(links: HelperLink[], layout: ShareLayout, onFallback: (detail: string) => void): ParallelTrainer {
  let alive = links;
  const end = () => {
    alive.forEach((link) => link.terminate());
    alive = [];
  };
  return {
    get count() { return alive.length + 1; },
    async step(session, n, normGroups) {
      if (alive.length === 0) return trainStep(session, session.trainBuffers, n, normGroups);
      const clock = session.network.dropoutClock;
      const whole = { ...clock };
      const shares = stepShares(n, layout.batchSize, alive.length + 1, layout.batchNorm);
      const sizes = shares.map((groups) => groups.reduce((a, b) => a + b, 0));
      // This worker's own pass moves the moving statistics: kept, so that a step taken again moves them once.
      const moving = session.network.model.nonTrainableWeights.map((w) => tf.clone(w.read()));
      let shards: Shard[] | string;
      try {
        shards = await gatherShards(alive, session, shares);
      } catch (err) {
        tf.dispose(moving);
        throw err;
      } finally {
        // This worker's pass held its own share; the clock again describes the whole batch (a retaken step, probes).
        Object.assign(clock, whole);
      }
      if (typeof shards === 'string') {
        end();
        onFallback(shards);
        session.network.model.nonTrainableWeights.forEach((w, i) => w.write(moving[i] as tf.Tensor));
        tf.dispose(moving);
        // Nothing was applied: the same batch, whole, on this worker.
        return trainStep(session, session.trainBuffers, n, normGroups);
      }
      tf.dispose(moving);
      const averaged = averageGradients(shards.map((s) => s.grads), sizes);
      const mean = (pick: (s: { loss: number; accuracy: number }) => number) =>
        shards.reduce((sum, s, k) => sum + pick(s) * (sizes[k] as number), 0) / n;
      return applyAveraged(session, averaged, mean((s) => s.loss), mean((s) => s.accuracy), normGroups);
    },
    dispose: end,
  };
}

type Shard = { loss: number; accuracy: number; grads: Float32Array[] };

/** Every shard's loss, accuracy and gradients, this worker's first; or why a helper failed. */
async function gatherShards(links: HelperLink[], session: ParallelSession, shares: number[][]): Promise<Shard[] | string> {
  const sizes = shares.map((groups) => groups.reduce((a, b) => a + b, 0));
  const batch = sizes.reduce((a, b) => a + b, 0);
  const offsets = shardOffsets(sizes);
  const [h, w, c] = session.inputShape;
  const size = h * w * c;
  // Numbers per example's target: a one-hot row, or one per pixel for segmentation (src/tasks/).
  const classes = (session.task ?? workerTaskOf(undefined)).task.targetSize(session);
  const { x, y } = session.trainBuffers;
  const clock = session.network.dropoutClock;
  const weights = session.variables.map((v) => v.dataSync() as Float32Array);
  const asked = sizes.slice(1).map((n, i) => {
    const at = offsets[i + 1] as number;
    const xs = x.slice(at * size, (at + n) * size);
    const ys = y.slice(at * classes, (at + n) * classes);
    const link = links[i] as HelperLink;
    return link.ask({ type: 'step', weights, x: xs, y: ys, n, epoch: clock.epoch, step: clock.step, batch, offset: at,
      groups: shares[i + 1] as number[] }, [xs.buffer, ys.buffer]);
  });
  Object.assign(clock, { batch, offset: 0, groups: shares[0] });
  const own = shardStep(session, x, y, sizes[0] as number);
  const answers = await Promise.all(asked);
  const shards: Shard[] = [own];
  for (const answer of answers) {
    if (answer.type !== 'grads') return answer.type === 'failed' ? answer.message : 'a helper answered out of turn';
    shards.push(answer);
  }
  return shards;
}

/** The averaged update, with the same optimizer one worker uses; returns what trainStep returns. */
function applyAveraged(session: ParallelSession, averaged: Float32Array[], loss: number, accuracy: number,
  normGroups?: readonly (readonly tf.Variable[])[]): StepResult {
  const kept: { norms?: tf.Tensor1D } = {};
  tf.tidy(() => {
    const named: tf.NamedTensorMap = {};
    session.variables.forEach((v, i) => { named[v.name] = tf.tensor(averaged[i] as Float32Array, v.shape); });
    if (normGroups) kept.norms = tf.keep(groupNorms(normGroups, named));
    applyScaledGradients(session.optimizer, session.variables, named, session.scaled);
  });
  const result: StepResult = [tf.scalar(loss), tf.scalar(accuracy)];
  if (kept.norms) result.push(kept.norms);
  return result;
}
