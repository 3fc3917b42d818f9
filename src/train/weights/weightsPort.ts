// The worker's side of saved projects and exports: the prediction model's weights out ('get-weights'), and
// saved weights in ('load-weights') as a model of their own, after checking every name and shape against
// the network (a project file is checked when read, but the worker trusts no message either).
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../../model/analyze';
import { expectedWeights, weightsMismatch } from '../../project/expectedWeights';
import type { BuiltModel } from '../builtModel';
import type { FromWorker, ToWorker } from '../api/protocol';
import type { SessionDeps } from '../session';
import { readWeights, topologyOf } from './readWeights';

interface SnapshotPart {
  readonly runId: number;
  readonly model: tf.LayersModel;
  readonly epoch: number;
}

export function weightsMessage(snapshot: SnapshotPart | null, msg: Extract<ToWorker, { type: 'get-weights' }>): FromWorker {
  const base = { type: 'weights', runId: msg.runId, requestId: msg.requestId } as const;
  if (!snapshot || snapshot.runId !== msg.runId) return { ...base, epoch: 0, weights: null, topology: null };
  return { ...base, epoch: snapshot.epoch, weights: readWeights(snapshot.model), topology: topologyOf(snapshot.model) };
}

export interface LoadedWeights {
  readonly network: BuiltModel | null;
  readonly inputShape: readonly [number, number, number];
  readonly problem: string | null;
}

export function loadWeightsModel(msg: Extract<ToWorker, { type: 'load-weights' }>, build: SessionDeps['buildModel']): LoadedWeights {
  const { spec, dataShape, weights } = msg;
  const [h = 0, w = 0, c = 0] = dataShape.inputShape;
  const inputShape = [h, w, c] as const;
  const analysis = analyzeModel(spec, dataShape);
  if (!analysis.valid || dataShape.inputShape.length !== 3) return { network: null, inputShape, problem: 'the network has errors' };
  const mismatch = weightsMismatch(expectedWeights(spec, analysis, dataShape.numClasses), weights);
  if (mismatch !== null) return { network: null, inputShape, problem: mismatch };
  const bad = weights.find((t) => t.values.length !== t.shape.reduce((a, b) => a * b, 1) || !t.values.every(Number.isFinite));
  if (bad) return { network: null, inputShape, problem: `${bad.name} has wrong or non-finite values` };
  let network: BuiltModel | null = null;
  try {
    network = build(spec, dataShape, 0);
    const { model } = network;
    const byName = new Map(weights.map((t) => [t.name, t]));
    const values = model.weights.map((v) => {
      const t = byName.get(v.originalName);
      if (t === undefined) throw new Error(`${v.originalName} is missing`);
      return tf.tensor(t.values, [...t.shape]);
    });
    try {
      model.setWeights(values);
    } finally {
      tf.dispose(values);
    }
    return { network, inputShape, problem: null };
  } catch (err) {
    network?.dispose();
    return { network: null, inputShape, problem: String((err as Error)?.message ?? err).slice(0, 200) };
  }
}
