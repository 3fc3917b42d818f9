// The training step's gradient norms (for the gradient-flow view) on the cpu backend in Node: they must be
// the norms a separate backward pass measures, and asking for them must not change the step.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBatchBuffers } from '../data/batches';
import { buildModel } from './buildModel';
import { dataset, spec } from './engineHarness';
import { gradientNorms, weightedLayers } from './probes/gradients';
import { chain, flatten, input, softmax } from '../model/presets';
import { crossEntropyFromLogits, decayedVariables, trainableVariables, trainStep, type TrainContext } from './steps';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const N = 16;

function fixture() {
  const network = buildModel(spec, { inputShape: dataset.meta.inputShape, numClasses: 4 }, 3);
  const { model } = network;
  const variables = trainableVariables(model);
  const ctx: TrainContext = {
    logits: network.logits, optimizer: tf.train.sgd(0.1), variables, weightDecay: 0, decayed: decayedVariables(variables),
    inputShape: [8, 8, 1], numClasses: 4,
  };
  const buffers = createBatchBuffers(N, 64, 4);
  buffers.x.set(Float32Array.from(dataset.train.images.subarray(0, N * 64), (b) => b / 255));
  for (let i = 0; i < N; i++) buffers.y[i * 4 + (dataset.train.labels[i] as number)] = 1;
  const dispose = () => {
    ctx.optimizer.dispose();
    network.dispose();
  };
  return { model, network, ctx, buffers, dispose };
}

describe('trainStep with gradient norms', () => {
  it('returns the norms a separate backward pass on the same batch and weights measures', () => {
    const f = fixture();
    const layers = weightedLayers(f.network);
    const separate = tf.tidy(() => gradientNorms(f.network, layers, tf.tensor4d(f.buffers.x, [N, 8, 8, 1]),
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
    const probed = trainStep(b.ctx, b.buffers, N, weightedLayers(b.network).map((l) => l.variables));
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

describe('the loss is a log-softmax cross-entropy on the class scores', () => {
  /** -log softmax(z)[label] in float64: log-sum-exp shifted by the max, summed in JS doubles. */
  const reference = (z: readonly number[], label: number) => {
    const max = Math.max(...z);
    return max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)) - (z[label] as number);
  };

  it('matches a float64 reference on extreme logits', () => {
    const cases: [number[], number][] = [
      [[80, -80, 0], 1], [[1000, -1000, 3], 0], [[-60, 60, 0], 0], [[1e-3, 2e-3, -1e-3], 2], [[88, 87.5, -88], 1], [[0, 0, 0], 2],
    ];
    const got = tf.tidy(() => crossEntropyFromLogits(tf.tensor2d(cases.map((c) => c[0])),
      tf.oneHot(cases.map((c) => c[1]), 3).toFloat()).arraySync());
    cases.forEach(([z, label], i) => {
      const want = reference(z, label);
      expect(Math.abs((got[i] as number) - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, want));
    });
    // The clipped loss it replaces stopped at -ln(1e-7) = 16.1 here.
    expect(got[0]).toBeGreaterThan(150);
  });

  it('gives a confidently wrong example a gradient: one step moves the weights and lowers its loss', () => {
    const data = { inputShape: [1, 1, 2] as [number, number, number], numClasses: 2 };
    const network = buildModel(chain(input(), flatten(), { ...softmax(), id: 'out' }), data, 1);
    const kernel = network.blocks.get('out')!.kernel!;
    kernel.write(tf.tensor2d([[40, -40], [40, -40]])); // class 0 with probability 1 - e^-160 (1 in float32)
    const variables = trainableVariables(network.model);
    const ctx: TrainContext = {
      logits: network.logits, optimizer: tf.train.sgd(0.01), variables, weightDecay: 0, decayed: [],
      inputShape: data.inputShape, numClasses: 2,
    };
    const buffers = createBatchBuffers(1, 2, 2);
    buffers.x.set([1, 1]);
    buffers.y.set([0, 1]); // the label is class 1
    const before = Array.from(kernel.read().dataSync());
    const [loss1, acc1] = trainStep(ctx, buffers, 1);
    const [loss2, acc2] = trainStep(ctx, buffers, 1);
    expect(loss1.dataSync()[0]).toBeCloseTo(160, 3);
    expect(loss2.dataSync()[0]).toBeLessThan(loss1.dataSync()[0]! - 0.01);
    expect(Array.from(kernel.read().dataSync())).not.toEqual(before);
    tf.dispose([loss1, acc1, loss2, acc2]);
    ctx.optimizer.dispose();
    network.dispose();
  });
});
