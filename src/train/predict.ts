// Predictions in the worker: each epoch's test evaluation also hands over every example's prediction (argmax
// and max, from the same forward pass), which gives the confusion matrix and the most confident mistakes;
// then the weights are copied into a model of the predictor's own. 'predict' messages (the draw
// pad, an uploaded image) run on that copy, so they work during training and after the run has ended and
// disposed its model. The copy belongs to one run; the next run's first epoch replaces it.
import * as tf from '@tensorflow/tfjs';
import { createConfusion, type ConfusionAccumulator } from './api/confusion';
import type { ConfusionReport, FromWorker, ToWorker } from './api/protocol';
import type { BuiltModel } from './builtModel';
import { reportTransfers } from './maskReport';
import { loadWeightsModel, weightsMessage } from './weights/weightsPort';
import { checkpoint, type PostFn, type PredictionObserver, type RunContext, type Session, type SessionDeps } from './session';

/** How many mistakes travel with each report (their images included). */
export const MISTAKES_KEPT = 16;

/** Collects one epoch's test predictions (session.evaluate's observer) into a confusion matrix. */
export interface ConfusionCollector {
  readonly observe: PredictionObserver;
  /** The epoch's report from what was observed. */
  report(epoch: number): ConfusionReport;
}

/** What the confusion helpers read of a session (a reopened project's restore has no run session: restore.ts). */
export type EvaluatedOn = Pick<Session, 'data' | 'testOrder' | 'inputShape' | 'numClasses'>;

export function createConfusionCollector(session: EvaluatedOn): ConfusionCollector {
  const { test } = session.data;
  const accumulator = createConfusion(session.numClasses, MISTAKES_KEPT);
  return {
    report: (epoch) => confusionReport(session, epoch, accumulator),
    observe(start, n, guess, confidence) {
      const indices = session.testOrder.subarray(start, start + n);
      accumulator.add(indices, Array.from(indices, (i) => test.labels[i] as number), guess, confidence);
    },
  };
}

export interface Predictor {
  /**
   * The epoch-end hook: the confusion report from the collected predictions, then the weight copy. A task
   * with no report (boxes) keeps its copy all the same: after the run the probes answer a newly chosen test
   * image through it (without it the boxes view kept the old image).
   */
  afterEvaluation(ctx: RunContext, session: Session, epoch: number, confusion: ConfusionCollector | null): Promise<void>;
  handle(msg: Extract<ToWorker, { type: 'predict' }>, post: PostFn): void;
  /**
   * The weight copy of run `runId` (its latest epoch-end weights), or null when that run has none. Once a
   * run has ended, the probes look through it, so every view answers for the weights predictions use.
   */
  modelOf(runId: number): BuiltModel | null;
  /** Saved projects and exports: hands out the prediction model's weights, or loads saved ones into it (export/weightsPort.ts). */
  weights(msg: Extract<ToWorker, { type: 'get-weights' | 'load-weights' }>, post: PostFn, build: SessionDeps['buildModel']): void;
  /** Frees the weight copy (the engine keeps it between runs so predictions outlive a run). */
  dispose(): void;
}

interface Snapshot {
  readonly runId: number;
  /** The copy with its block map (the probes look through it after the run); `model` is network.model. */
  readonly network: BuiltModel;
  readonly model: tf.LayersModel;
  readonly inputShape: readonly [number, number, number];
  /** The task has a report (a class per image or per pixel): only then do the draw pad's predictions and saved weights use the copy. */
  readonly answers: boolean;
  epoch: number;
}

export function createPredictor(): Predictor {
  let snapshot: Snapshot | null = null;
  const release = () => {
    try {
      snapshot?.network.dispose();
    } catch (err) {
      // A backend switched away from may already have freed its tensors; the copy is gone either way.
      console.warn('Could not dispose the prediction model', err);
    }
    snapshot = null;
  };
  return {
    async afterEvaluation(ctx, session, epoch, confusion) {
      await checkpoint(ctx);
      if (confusion) {
        const report = confusion.report(epoch);
        ctx.post({ type: 'confusion', runId: ctx.msg.runId, report }, reportTransfers(report));
      }
      if (snapshot?.runId !== ctx.msg.runId) {
        release();
        const { inputShape } = session;
        const network = ctx.deps.buildModel(ctx.msg.spec, { inputShape, numClasses: session.numClasses }, ctx.msg.hyper.seed);
        snapshot = { runId: ctx.msg.runId, network, model: network.model, inputShape, answers: confusion !== null, epoch };
      }
      // getWeights hands out the live variables (no copies); setWeights copies their values in.
      snapshot.model.setWeights(session.model.getWeights());
      snapshot.epoch = epoch;
    },
    handle(msg, post) {
      post(predictOne(snapshot, msg));
    },
    modelOf: (runId) => (snapshot?.runId === runId ? snapshot.network : null),
    weights(msg, post, build) {
      if (msg.type === 'get-weights') return post(weightsMessage(snapshot?.answers ? snapshot : null, msg));
      const loaded = loadWeightsModel(msg, build);
      if (loaded.network) {
        release();
        snapshot = { runId: msg.runId, network: loaded.network, model: loaded.network.model, inputShape: loaded.inputShape, answers: true, epoch: msg.epoch };
      }
      post({ type: 'weights-loaded', runId: msg.runId, problem: loaded.problem });
    },
    dispose: release,
  };
}

function predictOne(snapshot: Snapshot | null, msg: Extract<ToWorker, { type: 'predict' }>): FromWorker {
  const base = { type: 'prediction', runId: msg.runId, requestId: msg.requestId } as const;
  if (!snapshot || snapshot.runId !== msg.runId || !snapshot.answers) return { ...base, epoch: 0, probabilities: null, reason: 'no-model' };
  const [h, w, c] = snapshot.inputShape;
  const input = msg.input;
  if (!(input instanceof Float32Array) || input.length !== h * w * c || !input.every(Number.isFinite)) {
    return { ...base, epoch: snapshot.epoch, probabilities: null, reason: 'bad-input' };
  }
  const probs = tf.tidy(() => {
    const x = tf.tensor4d(input, [1, h, w, c]);
    return (snapshot.model.apply(x, { training: false }) as tf.Tensor).dataSync() as Float32Array;
  });
  return { ...base, epoch: snapshot.epoch, probabilities: Float32Array.from(probs) };
}

/** The report of an epoch's collected predictions, with the images of the mistakes kept. */
export function confusionReport(session: EvaluatedOn, epoch: number, acc: ConfusionAccumulator): ConfusionReport {
  const { test } = session.data;
  const [h, w, c] = session.inputShape;
  const exampleSize = h * w * c;
  const kept = acc.mistakes();
  const images = new Uint8Array(kept.length * exampleSize);
  kept.forEach((m, k) => images.set(test.images.subarray(m.index * exampleSize, (m.index + 1) * exampleSize), k * exampleSize));
  return {
    epoch,
    numClasses: session.numClasses,
    matrix: acc.matrix,
    mistakes: {
      imageShape: [h, w, c],
      images,
      index: Int32Array.from(kept, (m) => m.index),
      label: Int32Array.from(kept, (m) => m.label),
      predicted: Int32Array.from(kept, (m) => m.predicted),
      confidence: Float32Array.from(kept, (m) => m.confidence),
    },
  };
}
