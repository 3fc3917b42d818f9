// Per-block training modes with the real optimizers on the cpu backend: a frozen block's weights never
// move, and a multiplier m scales each block's *step* (not its gradient), so a network with every block at m
// follows exactly the trajectory of the plain network trained at rate lr * m, for every optimizer (Adam
// included, whose normalised step a scaled gradient would leave unchanged).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBatchBuffers } from '../data/batches';
import { buildModel } from './buildModel';
import { dataset, spec } from './engineHarness';
import { createOptimizer, disposeOptimizer } from './optimizers';
import { OPTIMIZER_NAMES, type OptimizerName } from './api/protocol';
import { decayedVariables, trainableVariables, trainStep, type TrainContext } from './steps';
import { scaledVariables } from './blockTraining';
import { withBlockTraining, type BlockTraining } from '../model/blockTraining';
import type { ModelSpec } from '../model/spec';
import { analyzeModel } from '../model/analyze';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const N = 16;
const RATES: Record<OptimizerName, number> = {
  sgd: 0.1, momentum: 0.05, nesterov: 0.05, adam: 0.01, rmsprop: 0.01, adadelta: 1, adagrad: 0.1,
};

function buffers() {
  const b = createBatchBuffers(N, 64, 4);
  b.x.set(Float32Array.from(dataset.train.images.subarray(0, N * 64), (v) => v / 255));
  for (let i = 0; i < N; i++) b.y[i * 4 + (dataset.train.labels[i] as number)] = 1;
  return b;
}

const withModes = (modes: Record<string, BlockTraining>): ModelSpec =>
  Object.entries(modes).reduce((s, [id, t]) => withBlockTraining(s, id, t), spec);

/** Trains `steps` steps of the spec from seed 3 and returns every weight by name. */
function train(net: ModelSpec, optimizer: OptimizerName, rate: number, steps: number): Map<string, Float32Array> {
  const network = buildModel(net, { inputShape: [8, 8, 1], numClasses: 4 }, 3);
  const variables = trainableVariables(network.model);
  const ctx: TrainContext = {
    logits: network.logits, optimizer: createOptimizer(optimizer, rate, 0.9), variables, weightDecay: 0.001,
    decayed: decayedVariables(variables), inputShape: [8, 8, 1], numClasses: 4, scaled: scaledVariables(net, network),
  };
  const data = buffers();
  for (let i = 0; i < steps; i++) tf.dispose(trainStep(ctx, data, N));
  const out = new Map(network.model.weights.map((w) => [w.originalName, Float32Array.from(w.read().dataSync())]));
  disposeOptimizer(ctx.optimizer);
  network.dispose();
  return out;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

describe('per-block training modes in the engine', () => {
  it.each(OPTIMIZER_NAMES)('%s: a frozen block is not trained and its weights never change', (name) => {
    const initial = train(spec, name, RATES[name], 0);
    const frozen = withModes({ conv: { mode: 'frozen' } });
    const network = buildModel(frozen, { inputShape: [8, 8, 1], numClasses: 4 }, 3);
    expect(trainableVariables(network.model).map((v) => v.name).some((n) => n.startsWith('conv/'))).toBe(false);
    // The core's count of trainable parameters agrees with tfjs's.
    const counted = network.model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a, b) => (a ?? 1) * (b ?? 1), 1)!, 0);
    expect(counted).toBe(analyzeModel(frozen, { inputShape: [8, 8, 1], numClasses: 4 }).totals.trainable);
    network.dispose();
    const after = train(frozen, name, RATES[name], 4);
    expect(maxDiff(after.get('conv/kernel')!, initial.get('conv/kernel')!)).toBe(0);
    expect(maxDiff(after.get('conv/bias')!, initial.get('conv/bias')!)).toBe(0);
    expect(maxDiff(after.get('out/kernel')!, initial.get('out/kernel')!)).toBeGreaterThan(1e-4);
  });

  it.each(OPTIMIZER_NAMES)('%s: multiplier m on every block follows the plain run at rate lr * m', (name) => {
    const m = 0.1;
    const scaled = train(withModes({ conv: { mode: 'scaled', lrMultiplier: m }, out: { mode: 'scaled', lrMultiplier: m } }),
      name, RATES[name], 4);
    const reference = train(spec, name, RATES[name] * m, 4);
    const plain = train(spec, name, RATES[name], 4);
    for (const [weight, values] of reference) expect(maxDiff(scaled.get(weight)!, values), weight).toBeLessThan(2e-6);
    // The rate makes a visible difference, so the equality above is not one any run would meet.
    expect(maxDiff(plain.get('conv/kernel')!, scaled.get('conv/kernel')!)).toBeGreaterThan(1e-4);
  });

  it('adam: a multiplier on one block with the rest frozen equals lr * m with the rest frozen', () => {
    const scaled = train(withModes({ conv: { mode: 'scaled', lrMultiplier: 0.25 }, out: { mode: 'frozen' } }), 'adam', 0.02, 3);
    const reference = train(withModes({ out: { mode: 'frozen' } }), 'adam', 0.005, 3);
    for (const [weight, values] of reference) expect(maxDiff(scaled.get(weight)!, values), weight).toBeLessThan(2e-6);
  });

  it('leaves no tensors behind', () => {
    train(withModes({ conv: { mode: 'scaled', lrMultiplier: 2 } }), 'adam', 0.01, 1);
    const before = tf.memory().numTensors;
    train(withModes({ conv: { mode: 'scaled', lrMultiplier: 2 }, out: { mode: 'frozen' } }), 'momentum', 0.01, 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
