// Issue 4 needs every block kind to train on every backend. One gradient step of networks built by
// buildModel from specs that use every kind (dilated conv, batch norm, leaky ReLU, ELU, global pools,
// add, concat, dropout) runs on wasm, with our kernels registered, and on cpu: the loss and the gradient
// of every weight must agree. Whatever the stock wasm kernels lack would throw or disagree here.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activation, add, avgPool2d, batchNorm, chain, concat, conv2d, dense, dropout, flatten, globalAvgPool, globalMaxPool,
  input, maxPool2d, network, softmax,
} from '../../model/presets';
import type { DataShape, ModelSpec } from '../../model/spec';
import { buildModel } from '../buildModel';
import { registerWasmGradientKernels } from './index';
import { randomValues, relativeError, TOLERANCE } from './testUtils';

const DATA: DataShape = { inputShape: [12, 12, 3], numClasses: 4 };

const residualMix = network((n) => {
  const x = n.seq(null, input(), conv2d(6, 3, { padding: 'same', useBias: false }), batchNorm(), activation('leakyRelu', 0.1));
  const a = n.seq(x, conv2d(6, 3, { dilation: 2, padding: 'same', activation: 'elu' }));
  const b = n.seq(x, conv2d(6, 1), activation('elu', 0.5));
  const sum = n.node(add(), a, b);
  const wide = n.seq(sum, conv2d(4, 3, { dilation: [2, 1], padding: 'same' }), maxPool2d(2, { stride: 2, padding: 'same' }));
  const narrow = n.seq(sum, avgPool2d(3, { stride: 2, padding: 'same' }), conv2d(4, [3, 1], { padding: 'same', useBias: false }),
    batchNorm({ momentum: 0.9 }));
  n.seq(n.node(concat(), wide, narrow), globalAvgPool(), dense(8, { activation: 'leakyRelu' }), softmax());
});

const globalMax = chain(
  input(), conv2d(5, 3, { stride: 2, activation: 'relu' }), globalMaxPool(), dense(6, { useBias: false }),
  batchNorm(), activation('tanh'), softmax(),
);

// Dropout draws its mask from a seeded generator that runs in JavaScript, so both backends drop alike.
const withDropout = chain(input(), flatten(), dense(16, { activation: 'relu' }), dropout(0.4), softmax());

interface Step {
  readonly loss: number;
  readonly grads: Float32Array[];
}

/** Loss and gradients of one training-mode forward pass from identical weights and data. */
async function oneStep(backend: 'wasm' | 'cpu', spec: ModelSpec): Promise<Step> {
  await tf.setBackend(backend);
  const model = buildModel(spec, DATA, 5).model;
  tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => {
    const values = randomValues(w.shape, 200 + i);
    // Variances must stay positive: batch norm takes their square root.
    const variance = model.weights[i]?.name.includes('moving_variance') === true;
    return tf.tensor(variance ? values.map((v) => 1 + Math.abs(v)) : values, w.shape);
  })));
  const x = tf.tensor4d(randomValues([8, 12, 12, 3], 11), [8, 12, 12, 3]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const out = model.apply(x, { training: true }) as tf.Tensor;
    return tf.losses.softmaxCrossEntropy(y, tf.log(tf.add(out, 1e-7)));
  }, variables);
  const result = { loss: (await value.data())[0] as number, grads: variables.map((v) => grads[v.name]?.dataSync() as Float32Array) };
  tf.dispose([x, y, value, ...Object.values(grads)]);
  model.dispose();
  return result;
}

beforeAll(() => {
  registerWasmGradientKernels();
});

describe('every block kind trains on wasm as on cpu', () => {
  it.each([
    ['residual + concat mix (dilated conv, batch norm, leaky ReLU, ELU, pools)', residualMix],
    ['global max pool and batch norm on vectors', globalMax],
    ['dropout', withDropout],
  ] as const)('%s', async (_name, spec) => {
    const cpu = await oneStep('cpu', spec);
    const wasm = await oneStep('wasm', spec);
    expect(Number.isFinite(cpu.loss)).toBe(true);
    expect(Math.abs(wasm.loss - cpu.loss) / Math.max(1, Math.abs(cpu.loss))).toBeLessThan(TOLERANCE);
    expect(wasm.grads).toHaveLength(cpu.grads.length);
    cpu.grads.forEach((g, i) => {
      expect(g, `gradient ${i} on cpu`).toBeDefined();
      expect(relativeError(wasm.grads[i] ?? new Float32Array(), g), `gradient ${i}`).toBeLessThan(TOLERANCE);
    });
  });

  it('leaves no tensors behind', async () => {
    await oneStep('wasm', residualMix);
    const before = tf.memory().numTensors;
    await oneStep('wasm', residualMix);
    expect(tf.memory().numTensors).toBe(before);
  });
});
