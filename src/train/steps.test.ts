// The training step's gradient norms (for the gradient-flow view) on the cpu backend in Node: they must be
// the norms a separate backward pass measures, and asking for them must not change the step.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBatchBuffers } from '../data/batches';
import { buildModel } from './buildModel';
import { dataset, spec } from './engineHarness';
import { gradientNorms, weightedLayers } from './probes/gradients';
import { decayedVariables, trainableVariables, trainStep, type TrainContext } from './steps';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const N = 16;

function fixture() {
  const model = buildModel(spec, { inputShape: dataset.meta.inputShape, numClasses: 4 }, 3);
  const variables = trainableVariables(model);
  const ctx: TrainContext = {
    model, optimizer: tf.train.sgd(0.1), variables, weightDecay: 0, decayed: decayedVariables(variables),
    inputShape: [8, 8, 1], numClasses: 4,
  };
  const buffers = createBatchBuffers(N, 64, 4);
  buffers.x.set(Float32Array.from(dataset.train.images.subarray(0, N * 64), (b) => b / 255));
  for (let i = 0; i < N; i++) buffers.y[i * 4 + (dataset.train.labels[i] as number)] = 1;
  const dispose = () => {
    ctx.optimizer.dispose();
    model.dispose();
  };
  return { model, ctx, buffers, dispose };
}

describe('trainStep with gradient norms', () => {
  it('returns the norms a separate backward pass on the same batch and weights measures', () => {
    const f = fixture();
    const layers = weightedLayers(f.model);
    const separate = tf.tidy(() => gradientNorms(f.model, layers, tf.tensor4d(f.buffers.x, [N, 8, 8, 1]),
      tf.tensor2d(f.buffers.y as Float32Array, [N, 4])).arraySync());
    const [loss, accuracy, norms] = trainStep(f.ctx, f.buffers, N, layers.map((l) => l.variables));
    expect(norms).toBeDefined();
    const inStep = norms!.arraySync();
    expect(inStep).toHaveLength(layers.length);
    inStep.forEach((v, i) => expect(v).toBeCloseTo(separate[i] as number, 5));
    expect(Math.min(...inStep)).toBeGreaterThan(0);
    tf.dispose([loss, accuracy, norms!]);
    f.dispose();
  });

  it('takes the same step and leaves no tensors behind, with or without the norms', () => {
    const a = fixture();
    const b = fixture();
    const before = tf.memory().numTensors;
    const plain = trainStep(a.ctx, a.buffers, N);
    const probed = trainStep(b.ctx, b.buffers, N, weightedLayers(b.model).map((l) => l.variables));
    expect(plain).toHaveLength(2);
    expect(probed).toHaveLength(3);
    expect(probed[0].dataSync()[0]).toBe(plain[0].dataSync()[0]);
    b.ctx.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(a.ctx.variables[i]!.dataSync())));
    tf.dispose([...plain, ...probed]);
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });
});
