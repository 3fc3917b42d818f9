// Surviving a lost WebGL context (a GPU reset, a driver update, the browser reclaiming GPU memory) without
// losing the run. The weights are copied to the CPU every few seconds while training on WebGL; when the
// canvas reports the loss, the run switches to wasm, writes the last copy back into the same tf.Variables
// (so the model, the probes and the evaluation views keep working), gives a fresh optimizer the moments
// copied with them (Adam's running averages, momentum: a reset would jolt the run), tells the UI why, and
// carries on from the next batch. The losses read back with the copy are all posted; those still waiting
// on the lost GPU are gone, so the step count goes back by as many: the chart goes on without a gap.
import * as tf from '@tensorflow/tfjs';
import { createOptimizerFor, disposeOptimizer, setOptimizerLearningRate } from './optimizers';
import type { BackendInfo } from './api/protocol';
import type { RunContext, Session } from './session';

/** Whether the backend's GPU context has been lost since watching began. */
export interface ContextWatch {
  readonly lost: boolean;
  /** True when there is a context to lose (webgl); snapshots are taken only then. */
  readonly active: boolean;
  dispose(): void;
}

interface GlHolder {
  gpgpu?: { gl?: { canvas?: EventTarget & object; isContextLost?: () => boolean } };
}

/** Watches the active tfjs backend's WebGL canvas; inert on any other backend. */
export function watchWebGLContext(): ContextWatch {
  const gl = tf.getBackend() === 'webgl' ? (tf.backend() as unknown as GlHolder).gpgpu?.gl : undefined;
  const canvas = gl?.canvas;
  if (!gl || !canvas || typeof canvas.addEventListener !== 'function') return { lost: false, active: false, dispose: () => {} };
  let lost = false;
  const onLost = () => {
    lost = true;
  };
  canvas.addEventListener('webglcontextlost', onLost);
  return {
    get lost() {
      return lost || (gl.isContextLost?.() ?? false);
    },
    active: true,
    dispose: () => canvas.removeEventListener('webglcontextlost', onLost),
  };
}

interface WeightCopy {
  readonly step: number;
  readonly values: Float32Array[];
  /** The optimizer's state (iterations, moments) at the same step, by name. */
  readonly optimizer: readonly { readonly name: string; readonly shape: number[]; readonly dtype: tf.DataType; readonly values: ArrayLike<number> }[];
}

export interface ContextLossGuard {
  readonly lost: boolean;
  /** Copies the weights to the CPU if the last copy is older than the interval (webgl only). */
  capture(session: Session, force?: boolean): Promise<void>;
  /** If the context was lost: moves the run to the fallback backend in place. Returns whether it did. */
  recoverIfLost(ctx: RunContext, session: Session): Promise<boolean>;
  dispose(): void;
}

export interface GuardOptions {
  readonly watch: () => ContextWatch;
  readonly fallback: () => Promise<BackendInfo>;
  readonly now: () => number;
  readonly intervalMs: number;
}

export function createContextLossGuard(options: GuardOptions): ContextLossGuard {
  let watch = options.watch();
  let copy: WeightCopy | null = null;
  let lastCapture = -Infinity;
  return {
    get lost() {
      return watch.lost;
    },
    async capture(session, force = false) {
      if (!watch.active || watch.lost) return;
      if (!force && options.now() - lastCapture < options.intervalMs) return;
      lastCapture = options.now();
      const step = session.step;
      const values = await Promise.all(session.model.weights.map((w) => w.read().data() as Promise<Float32Array>));
      const optimizer = await optimizerCopy(session.optimizer);
      if (!watch.lost) copy = { step, values, optimizer };
    },
    async recoverIfLost(ctx, session) {
      if (!watch.lost) return false;
      watch.dispose();
      // Losses not yet read back lived on the lost GPU: their steps are taken again under the same numbers.
      const unread = session.metrics.pending;
      session.metrics.dispose();
      (session as { step: number }).step -= unread;
      const backend = await options.fallback();
      restoreWeights(session, copy);
      await replaceOptimizer(ctx, session, copy);
      const from = copy ? `the weights saved at step ${copy.step}` : 'the initial weights';
      ctx.post({ type: 'backend', runId: ctx.msg.runId, backend: { ...backend,
        reason: `the WebGL context was lost at step ${session.step}; continued on ${backend.name} from ${from}; ${backend.reason}` } });
      watch = options.watch();
      copy = null;
      return true;
    },
    dispose() {
      watch.dispose();
      copy = null;
    },
  };
}

/** Writes the copy back into the model's own variables, now on the new backend. */
function restoreWeights(session: Session, copy: WeightCopy | null): void {
  if (!copy) return; // no copy yet: the weights read back from the lost context are what there is
  const weights = session.model.weights;
  tf.tidy(() => weights.forEach((w, i) => w.write(tf.tensor(copy.values[i]!, w.shape as number[]))));
}

/** The optimizer's state read back to the CPU; its iteration count comes as a new tensor, freed here. */
async function optimizerCopy(optimizer: tf.Optimizer): Promise<WeightCopy['optimizer']> {
  const named = await optimizer.getWeights();
  try {
    return await Promise.all(named.map(async ({ name, tensor }) => ({
      name, shape: [...tensor.shape], dtype: tensor.dtype, values: await tensor.data() as ArrayLike<number>,
    })));
  } finally {
    // getWeights hands out the moment variables themselves, and a fresh scalar for the iteration count.
    const live = new Set<tf.Tensor>(named.slice(1).map((n) => n.tensor));
    for (const { tensor } of named) if (!live.has(tensor)) tensor.dispose();
  }
}

/** A fresh optimizer on the new backend, holding the moments copied with the weights. */
async function replaceOptimizer(ctx: RunContext, session: Session, copy: WeightCopy | null): Promise<void> {
  try {
    disposeOptimizer(session.optimizer);
  } catch {
    // its slots were on the lost context; nothing to free there
  }
  const optimizer = createOptimizerFor(ctx.msg.hyper);
  setOptimizerLearningRate(optimizer, session.learningRate);
  if (copy && copy.optimizer.length > 0) {
    const named = copy.optimizer.map((w) => ({ name: w.name, tensor: tf.tensor(w.values as Float32Array, w.shape, w.dtype) }));
    try {
      await optimizer.setWeights(named);
    } finally {
      // setWeights makes variables of its own from these (sharing their data by reference count).
      tf.dispose(named.map((n) => n.tensor));
    }
  }
  (session as { optimizer: tf.Optimizer }).optimizer = optimizer;
}
