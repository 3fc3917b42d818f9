// The worker side of the understanding views. Each request runs on a copy of the run's weights taken when
// its job starts (a copy of its own, so training may go on between the job's batches). When a run ends its
// final weights are kept as plain arrays (no tensors held until a view asks), so the views keep working
// after the run has disposed its model. Jobs run one at a time; a newer request for the
// same view cancels an older one. Every answer says how long the work took and which step's weights it used.
import * as tf from '@tensorflow/tfjs';
import type { LoadedDataset } from '../../data/types';
import type { DataShape, ModelSpec } from '../../model/spec';
import { nextMacrotask } from '../runControl';
import { runRequest, validate } from './jobs';
import { createPacer, type Budget } from './pacer';
import type { UnderstandFromWorker, UnderstandRequest, UnderstandToWorker } from '../api/understandProtocol';

/** What a running or finished run offers: its model (live), data and how to build a copy. */
export interface UnderstandSource {
  readonly runId: number;
  readonly spec: ModelSpec;
  readonly seed: number;
  readonly model: tf.LayersModel;
  readonly data: LoadedDataset;
  readonly step: number;
  /** True while the run's loop is training or evaluating (not paused, not ended): jobs then keep to the job budget. */
  readonly training: boolean;
  readonly buildModel: (spec: ModelSpec, data: DataShape, seed: number) => tf.LayersModel;
}

export type UnderstandPost = (msg: UnderstandFromWorker, transfer?: Transferable[]) => void;

export interface Understanding {
  /** `live`: the run going on now, when there is one (its weights are copied when the job starts). */
  handle(msg: UnderstandToWorker, live: () => UnderstandSource | null, post: UnderstandPost): void;
  /** At the end of a run, before its model is disposed: keep its final weights for later requests. */
  keep(source: UnderstandSource): void;
  /** Resolves when every queued job has finished (tests). */
  idle(): Promise<void>;
  dispose(): void;
}

interface Copy {
  readonly runId: number;
  readonly spec: ModelSpec;
  readonly seed: number;
  readonly buildModel: UnderstandSource['buildModel'];
  /** Built at the first request that needs it. */
  model: tf.LayersModel | null;
  /** A finished run's final weights, waiting to be loaded into `model`. */
  saved: { values: Float32Array; shape: number[] }[] | null;
  data: LoadedDataset;
  step: number;
}

export interface JobContext {
  readonly model: tf.LayersModel;
  /** The network the model was built from (the model core reads each block's geometry from it). */
  readonly spec: ModelSpec;
  readonly data: LoadedDataset;
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** Items the next slice of work should take, at most `most` (pacer.ts: small slices while a run trains). */
  readonly size: (most: number) => number;
  /** Awaited after each slice of `items` items: lets training steps and newer messages in, within the job budget. */
  readonly pause: (items: number) => Promise<void>;
  readonly cancelled: () => boolean;
  /** Posts a partial answer (class visualisation frames). */
  readonly progress: (result: NonNullable<UnderstandFromWorker['result']>, transfer: Transferable[]) => void;
}

export function createUnderstanding(options: { sleep?: (ms: number) => Promise<void>; now?: () => number; budget?: Budget } = {}): Understanding {
  const sleep = options.sleep ?? ((ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : nextMacrotask()));
  const now = options.now ?? (() => performance.now());
  let copy: Copy | null = null;
  let queue: Promise<void> = Promise.resolve();
  const latest = new Map<string, number>();

  const release = () => {
    try {
      copy?.model?.dispose();
    } catch (err) {
      console.warn('Could not dispose the understanding model copy', err);
    }
    copy = null;
  };

  const adopt = (source: UnderstandSource): Copy => {
    if (copy?.runId === source.runId) {
      copy.data = source.data;
      copy.step = source.step;
      return copy;
    }
    release();
    copy = { runId: source.runId, spec: source.spec, seed: source.seed, buildModel: source.buildModel, model: null, saved: null,
      data: source.data, step: source.step };
    return copy;
  };

  const modelOf = (c: Copy): tf.LayersModel => {
    if (!c.model) {
      const [h = 0, w = 0, ch = 0] = c.data.meta.inputShape;
      c.model = c.buildModel(c.spec, { inputShape: [h, w, ch], numClasses: c.data.meta.classNames.length }, c.seed);
    }
    if (c.saved) {
      const tensors = c.saved.map((v) => tf.tensor(v.values, v.shape));
      c.model.setWeights(tensors);
      tf.dispose(tensors);
      c.saved = null;
    }
    return c.model;
  };

  /** Copies the live run's current weights into the copy's model. */
  const refresh = (source: UnderstandSource) => {
    const c = adopt(source);
    c.saved = null;
    modelOf(c).setWeights(source.model.getWeights());
  };

  const run = async (msg: UnderstandToWorker, live: () => UnderstandSource | null, post: UnderstandPost) => {
    const { runId, requestId, request } = msg;
    const cancelled = () => latest.get(request.view) !== requestId;
    if (cancelled()) return;
    const started = now();
    const answer = (rest: Pick<UnderstandFromWorker, 'result'> & Partial<UnderstandFromWorker>, transfer?: Transferable[]) =>
      post({ type: 'understanding', runId, requestId, ms: now() - started, step: copy?.step ?? 0, ...rest }, transfer);
    const source = live();
    if (source && source.runId === runId) refresh(source);
    if (!copy || copy.runId !== runId) return answer({ result: null, problem: 'no-model' });
    const [h = 0, w = 0, c = 0] = copy.data.meta.inputShape;
    // Paced only while this job's run trains (not while it is paused, nor after it ended).
    const training = () => {
      const current = live();
      return current !== null && current.runId === runId && current.training;
    };
    const pacer = createPacer({ now, sleep }, training, options.budget);
    const ctx: JobContext = {
      model: modelOf(copy), spec: copy.spec, data: copy.data, inputShape: [h, w, c], numClasses: copy.data.meta.classNames.length,
      size: (most) => pacer.size(most), pause: (items) => pacer.rest(items), cancelled, progress: (result, transfer) => answer({ result }, transfer),
    };
    const problem = validate(request, ctx);
    if (problem) return answer({ result: null, problem: 'bad-request', detail: problem });
    try {
      const done = await runRequest(request, ctx);
      if (done && !cancelled()) answer({ result: done.result }, done.transfer);
    } catch (err) {
      answer({ result: null, problem: 'failed', detail: err instanceof Error ? err.message : String(err) });
    }
  };

  return {
    handle(msg, live, post) {
      latest.set(msg.request.view, msg.requestId);
      queue = queue.then(() => run(msg, live, post)).catch((err: unknown) => console.error('Understanding job failure', err));
    },
    keep(source) {
      try {
        const c = adopt(source);
        c.model?.dispose();
        c.model = null;
        c.saved = source.model.getWeights().map((t) => ({ values: Float32Array.from(t.dataSync()), shape: [...t.shape] }));
      } catch (err) {
        console.warn('Could not keep the final weights for the understanding views', err);
      }
    },
    idle: () => queue,
    dispose: release,
  };
}

export type { UnderstandRequest };
