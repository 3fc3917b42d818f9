// The 'gradcheck' suite: one training-mode forward and backward pass of a conv-BN-ReLU network built by
// buildModel, on the chosen backend and on cpu from identical weights and data, in this worker. Reports
// the loss on both and the worst relative gradient error over all weights. The browser test runs it on
// WebGPU (Chromium's software adapter here); on a real GPU the bench runs it the same way.
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/train/backend';
import { loadWebGpuBackend } from '../src/train/backendMeasure';
import { wasmPaths } from '../src/train/wasmUrls';
import { buildModel } from '../src/train/buildModel';
import { activation, batchNorm, chain, conv2d, flatten, input, maxPool2d, softmax } from '../src/model/presets';
import type { BackendChoice } from '../src/train/api/protocol';
import { randomValues, relativeError } from '../src/train/kernels/testUtils';

const DATA = { inputShape: [16, 16, 3], numClasses: 4 };
const spec = chain(input(), conv2d(6, 3, { padding: 'same', useBias: false }), batchNorm(), activation('relu'), maxPool2d(2),
  conv2d(8, 3, { stride: 2, padding: 'same' }), activation('relu'), flatten(), softmax());

async function lossAndGrads(): Promise<{ loss: number; grads: Float32Array[] }> {
  const model = buildModel(spec, DATA, 3).model;
  tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => {
    const values = randomValues(w.shape, 300 + i);
    const variance = model.weights[i]?.name.includes('moving_variance') === true;
    return tf.tensor(variance ? values.map((v) => 1 + Math.abs(v)) : values, w.shape);
  })));
  const x = tf.tensor4d(randomValues([8, 16, 16, 3], 31), [8, 16, 16, 3]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4));
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y,
    tf.log(tf.add(model.apply(x, { training: true }) as tf.Tensor, 1e-7))), vars);
  const out = { loss: (await value.data())[0] as number,
    grads: await Promise.all(vars.map(async (v) => (await grads[v.name]!.data()) as Float32Array)) };
  tf.dispose([x, y, value, ...Object.values(grads)]);
  model.dispose();
  return out;
}

self.onmessage = async (e: MessageEvent<{ backend: BackendChoice }>) => {
  try {
    // It checks webgpu's gradients, so it loads the webgpu backend as the training worker does.
    const info = await selectBackend(e.data.backend, { wasmPaths: wasmPaths(), loadWebGpu: loadWebGpuBackend });
    const actual = await lossAndGrads();
    await tf.setBackend('cpu');
    const expected = await lossAndGrads();
    const maxRelativeGradError = Math.max(...expected.grads.map((g, i) => relativeError(actual.grads[i] ?? new Float32Array(), g)));
    self.postMessage({ ok: true, result: { backend: info.name, reason: info.reason, loss: actual.loss, cpuLoss: expected.loss,
      maxRelativeGradError } });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
