// The convolution on the image computes unfused (inputConv.ts): the same outputs and weight gradients as the
// fused Conv2D, and a training step never computes the image's gradient. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activation, chain, conv2d, flatten, input, softmax } from '../model/presets';
import type { DataShape } from '../model/spec';
import { buildModel } from './buildModel';
import { crossEntropyFromLogits } from './steps';

const RGB: DataShape = { inputShape: [9, 9, 3], numClasses: 4 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The kernels a training step's gradient runs for the built network, and its weight gradients. */
async function step(spec: Parameters<typeof buildModel>[0]) {
  const built = buildModel(spec, RGB, 3);
  const x = tf.randomUniform([4, 9, 9, 3], 0, 1, 'float32', 7);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4));
  const vars = built.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = () => tf.mean(crossEntropyFromLogits(built.logits.predict(x) as tf.Tensor, y)) as tf.Scalar;
  let grads: Record<string, number[]> = {};
  const profile = await tf.profile(() => {
    const { value, grads: g } = tf.variableGrads(loss, vars);
    grads = Object.fromEntries(Object.entries(g).map(([name, t]) => [name, Array.from(t.dataSync())]));
    tf.dispose([value, ...Object.values(g)]);
  });
  const out = tf.tidy(() => Array.from((built.model.predict(x) as tf.Tensor).dataSync()));
  tf.dispose([x, y]);
  built.dispose();
  return { kernels: profile.kernelNames, grads, out };
}

describe('the convolution on the image', () => {
  it('never computes the image gradient; a later convolution still gets its input gradient', async () => {
    // No fused activation: tfjs then runs its fused conv2d with its eager gradient (a fused ReLU falls back
    // to unfused ops while taking gradients, so it would not show the difference).
    const one = await step(chain(input(), conv2d(4, 3, { padding: 'same', stride: 2 }), activation('relu'), flatten(), softmax()));
    expect(one.kernels).toContain('Conv2DBackpropFilter');
    expect(one.kernels).not.toContain('Conv2DBackpropInput');
    const two = await step(chain(input(), conv2d(4, 3), activation('relu'), conv2d(2, 3), activation('relu'), flatten(), softmax()));
    expect(two.kernels.filter((k) => k === 'Conv2DBackpropInput')).toHaveLength(1);
  });

  it('gives the fused layer outputs and weight gradients', async () => {
    const spec = chain(input(), conv2d(4, 3, { padding: 'same', stride: 2 }), flatten(), softmax());
    const ours = await step(spec);
    // The same network again (same seed, same weights): its conv1 layer against tfjs's fused conv2d.
    const withFirst = buildModel(spec, RGB, 3);
    const conv1 = withFirst.blocks.get('conv1');
    expect(conv1?.kernel).not.toBeNull();
    const x = tf.randomUniform([4, 9, 9, 3], 0, 1, 'float32', 7);
    const kernel = conv1!.kernel!.read() as tf.Tensor4D;
    const bias = conv1!.weights[1]!.read() as tf.Tensor1D;
    const fused = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: kernel, strides: 2, pad: 'same', bias });
    const viaLayer = withFirst.blocks.get('conv1')!.output.apply(x) as tf.Tensor;
    const diff = tf.max(tf.abs(tf.sub(viaLayer, fused))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-6);
    // Weight gradients: the fused op's kernel and bias gradients for the same loss.
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4));
    const dense = withFirst.blocks.get('output')!;
    const [dk, db] = tf.grads((k: tf.Tensor, b: tf.Tensor) => {
      const h = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: k as tf.Tensor4D, strides: 2, pad: 'same', bias: b });
      const logits = tf.add(tf.matMul(tf.reshape(h, [4, -1]), dense.kernel!.read() as tf.Tensor2D), dense.weights[1]!.read());
      return tf.mean(crossEntropyFromLogits(logits, y));
    })([kernel, bias]);
    const close = (a: number[], b: Float32Array | Int32Array | Uint8Array) => a.every((v, i) => Math.abs(v - (b[i] as number)) < 1e-6);
    const names = Object.keys(ours.grads);
    expect(close(ours.grads[names.find((n) => n.includes('conv1') && n.includes('kernel'))!]!, dk!.dataSync())).toBe(true);
    expect(close(ours.grads[names.find((n) => n.includes('conv1') && n.includes('bias'))!]!, db!.dataSync())).toBe(true);
    tf.dispose([x, y, fused, viaLayer, dk!, db!]);
    withFirst.dispose();
  });

  it('leaks no tensor', async () => {
    const spec = chain(input(), conv2d(2, 3, { activation: 'relu' }), flatten(), softmax());
    await step(spec);
    const before = tf.memory().numTensors;
    await step(spec);
    expect(tf.memory().numTensors).toBe(before);
  });
});
