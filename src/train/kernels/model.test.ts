// One training step of a small model with every layer kind, on wasm (with our kernels) and on cpu, from
// identical weights: the loss and every updated weight must agree.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradientKernels } from './index';
import { randomValues, relativeError, TOLERANCE } from './testUtils';

type Activation = 'relu' | 'sigmoid' | 'tanh';

function buildModel(act: Activation): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.zeroPadding2d({ inputShape: [14, 14, 1], padding: 1 }));
  m.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 1, padding: 'valid' }));
  m.add(tf.layers.activation({ activation: act }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  m.add(tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same' }));
  m.add(tf.layers.activation({ activation: act }));
  m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

interface StepResult {
  readonly loss: number;
  readonly weights: Float32Array[];
}

async function oneStep(backend: 'wasm' | 'cpu', act: Activation, optimizer: 'sgd' | 'adam'): Promise<StepResult> {
  await tf.setBackend(backend);
  const model = buildModel(act);
  // Identical starting weights on both backends, whatever the initialisers drew.
  tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => tf.tensor(randomValues(w.shape, 100 + i), w.shape))));
  const opt = optimizer === 'sgd' ? tf.train.sgd(0.1) : tf.train.adam(0.01);
  model.compile({ optimizer: opt, loss: 'categoricalCrossentropy' });
  const x = tf.tensor4d(randomValues([16, 14, 14, 1], 7), [16, 14, 14, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 10), 'int32'), 10));
  const history = await model.fit(x, y, { batchSize: 16, epochs: 1, shuffle: false, verbose: 0 });
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const loss = history.history.loss?.[0];
  tf.dispose([x, y]);
  model.dispose();
  opt.dispose(); // a model does not own an optimizer it was given (Adam's moments are tensors)
  return { loss: Number(loss), weights };
}

beforeAll(() => {
  registerWasmGradientKernels();
});

describe('a full training step on wasm agrees with cpu', () => {
  it.each([
    ['relu', 'sgd'], ['sigmoid', 'sgd'], ['tanh', 'adam'],
  ] as const)('%s with %s', async (act, optimizer) => {
    const cpu = await oneStep('cpu', act, optimizer);
    const wasm = await oneStep('wasm', act, optimizer);
    expect(Number.isFinite(cpu.loss)).toBe(true);
    expect(Math.abs(wasm.loss - cpu.loss) / Math.max(1, Math.abs(cpu.loss))).toBeLessThan(TOLERANCE);
    expect(wasm.weights).toHaveLength(cpu.weights.length);
    cpu.weights.forEach((w, i) => {
      expect(relativeError(wasm.weights[i] ?? new Float32Array(), w), `weight ${i}`).toBeLessThan(TOLERANCE);
    });
  });

  it('leaves no tensors behind', async () => {
    await oneStep('wasm', 'relu', 'adam');
    const before = tf.memory().numTensors;
    await oneStep('wasm', 'relu', 'adam');
    expect(tf.memory().numTensors).toBe(before);
  });
});
