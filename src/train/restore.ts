// A reopened project in the worker: its saved weights become the prediction model (predict.ts), and, when the
// page says which test set and backend ('load-weights' with `views`), the worker treats them as a run that has
// just ended: the confusion matrix is recomputed on the test set (not saved with the project: it is always the
// one of these weights and this test slice), the probes look through the loaded model (feature maps,
// thumbnails, filters, saliency; gradients need training steps, so none until the next run) and the
// understanding views keep its weights. A newer 'start' or 'load-weights' cancels a restore under way.
import type { LoadedDataset } from '../data/types';
import { createBatchBuffers, fillBatch } from '../data/batches';
import { derivedDataset } from '../data/derived';
import type { BuiltModel } from './builtModel';
import type { BackendChoice, BackendInfo, DatasetRef, ToWorker } from './api/protocol';
import { createConfusionCollector, type EvaluatedOn, type Predictor } from './predict';
import { reportTransfers } from './maskReport';
import type { ProbeHub } from './probes/hub';
import type { PostFn, SessionDeps } from './session';
import { evaluateBatchWithGuesses } from './steps';
import { workerTaskOf } from './tasks/registry';
import type { Understanding } from './understand/service';
import * as tf from '@tensorflow/tfjs';

export interface RestoreDeps {
  readonly deps: Pick<SessionDeps, 'buildModel' | 'now' | 'yieldToEventLoop' | 'evalBatchSize'>;
  readonly loadData: (ref: DatasetRef) => Promise<LoadedDataset>;
  readonly selectBackend: (choice: BackendChoice) => Promise<BackendInfo>;
  readonly predictor: Predictor;
  readonly probes?: ProbeHub;
  readonly understanding?: Pick<Understanding, 'keep'> | null;
  readonly post: PostFn;
}

export interface Restorer {
  /**
   * Takes a 'load-weights' when it arrives; the job it returns loads the weights (and, with `views`, the
   * views' state) when the engine runs it, after any run before it, and resolves when done, cancelled or refused.
   */
  queue(msg: Extract<ToWorker, { type: 'load-weights' }>): () => Promise<void>;
  /** A run starts: a restore queued or still loading its test set stops there. */
  cancel(): void;
}

export function createRestorer(r: RestoreDeps): Restorer {
  let generation = 0;
  return {
    cancel() {
      generation += 1;
    },
    queue(msg) {
      const mine = ++generation;
      return () => restore(msg, () => generation === mine);
    },
  };

  async function restore(msg: Extract<ToWorker, { type: 'load-weights' }>, current: () => boolean): Promise<void> {
    if (!current()) return;
    const { views } = msg;
    if (views) {
      // The weights go onto the backend the views will run on (a later backend switch would strand them).
      const backend = await r.selectBackend(views.backend).catch(() => null);
      if (!current()) return;
      if (backend) r.post({ type: 'backend', runId: msg.runId, backend });
    }
    // The probes may still look through the model these weights replace (the last run's or project's): it is
    // disposed now, and a probe of it would fail ("Layer 'conv1' is already disposed") and stop the probes.
    r.probes?.endRun();
    r.predictor.weights(msg, r.post, r.deps.buildModel);
    const network = r.predictor.modelOf(msg.runId);
    if (!views || !network) return;
    let data: LoadedDataset;
    try {
      // The views show the images and labels the network was trained on (a class subset, turned images).
      data = await derivedDataset(views.dataset, await r.loadData(views.dataset));
    } catch (err) {
      console.warn('A reopened project: the test set could not be loaded, so only predictions work', err);
      return;
    }
    // The confusion matrix needs one guess per image: a segmentation project reopens with predictions only.
    if (!current() || !fits(data, msg.dataShape) || !workerTaskOf(data.meta.task).guesses) return;
    const restored = await confusionOf(r, msg, network, data, current);
    if (!restored || !current()) return;
    r.understanding?.keep({ runId: msg.runId, spec: msg.spec, seed: 0, model: network.model, data, step: views.step, training: false,
      buildModel: (spec, shape, seed) => r.deps.buildModel(spec, shape, seed).model });
    r.probes?.endRun({ runId: msg.runId, network, data, step: views.step, batch: { x: new Float32Array(0), y: new Float32Array(0), n: 0 },
      post: r.post, now: r.deps.now });
  }
}

/** The dataset's images and classes are those the weights were trained for. */
function fits(data: LoadedDataset, shape: Extract<ToWorker, { type: 'load-weights' }>['dataShape']): boolean {
  const a = data.meta.inputShape;
  const b = shape.inputShape;
  return a.length === b.length && a.every((d, i) => d === b[i]) && data.meta.classNames.length === shape.numClasses;
}

/** One pass over the test split with the loaded weights, posted as that epoch's confusion report; false when cancelled. */
async function confusionOf(r: RestoreDeps, msg: Extract<ToWorker, { type: 'load-weights' }>, network: BuiltModel,
  data: LoadedDataset, current: () => boolean): Promise<boolean> {
  const [h = 1, w = 1, c = 1] = data.meta.inputShape;
  const numClasses = data.meta.classNames.length;
  const on: EvaluatedOn = { data, inputShape: [h, w, c], numClasses, testOrder: Uint32Array.from({ length: data.test.count }, (_, i) => i) };
  const size = Math.max(1, Math.min(r.deps.evalBatchSize, data.test.count));
  const buffers = createBatchBuffers(size, h * w * c, numClasses);
  const collector = createConfusionCollector(on);
  for (let start = 0; start < data.test.count; start += size) {
    // Predictions and newer messages get in between batches.
    await r.deps.yieldToEventLoop();
    if (!current()) return false;
    const n = fillBatch(data.test, on.testOrder, start, Math.min(size, data.test.count - start), buffers);
    const [sums, guess, confidence] = evaluateBatchWithGuesses(network.logits, buffers, n, on);
    try {
      const [g, p] = await Promise.all([guess.data(), confidence.data()]);
      collector.observe(start, n, g, p);
    } finally {
      tf.dispose([sums, guess, confidence]);
    }
  }
  const report = collector.report(msg.epoch);
  r.post({ type: 'confusion', runId: msg.runId, report }, reportTransfers(report));
  return true;
}
