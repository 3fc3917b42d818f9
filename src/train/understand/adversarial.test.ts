// The attack direction with known answers on the quadrant net (cpu): it has the plain cross-entropy
// gradient's sign wherever that gradient is not zero, and it still points somewhere when a confident
// softmax has made the plain gradient exactly zero in float32 (FGSM would then not move a pixel).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtOf } from '../builtModel';
import { dataset } from '../engineHarness';
import { attackBounds, attackStep, fgsm, lossDirection } from './adversarial';
import { forward, logitsOf } from './forward';
import { QUADRANT_SHAPE, trainedQuadrantNet } from './testFixtures';

let model: tf.LayersModel;
const N = 16;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await trainedQuadrantNet();
}, 60_000);

afterAll(() => model.dispose());

const batch = () => tf.tidy(() => [
  tf.tensor4d(Float32Array.from(dataset.test.images.subarray(0, N * 64), (v) => v / 255), [N, ...QUADRANT_SHAPE]),
  tf.tensor1d(Int32Array.from(dataset.test.labels.subarray(0, N)), 'int32'),
] as const);

const plainGradient = (x: tf.Tensor, labels: tf.Tensor1D) => tf.grad((input: tf.Tensor) =>
  tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 4), logitsOf(model, forward(model, input))) as tf.Scalar)(x);

/** Multiplies the class scores by `factor` (the logits layer's kernel and bias): the same classifier, far more confident. */
function scaleLogits(factor: number): () => void {
  const layer = builtOf(model)!.logitsLayer;
  const saved = layer.getWeights().map((w) => w.clone());
  const scaled = saved.map((w) => tf.mul(w, factor));
  layer.setWeights(scaled);
  tf.dispose(scaled);
  return () => {
    layer.setWeights(saved);
    tf.dispose(saved);
  };
}

describe('attack direction', () => {
  it('has the sign of the plain gradient wherever that is clearly not zero', () => {
    const [x, labels] = batch();
    const before = tf.memory().numTensors;
    const [plain, direction] = tf.tidy(() => [plainGradient(x, labels).dataSync() as Float32Array, lossDirection(model, x, labels, 4).dataSync() as Float32Array]);
    expect(tf.memory().numTensors).toBe(before);
    const largest = plain.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const clear = [...plain.keys()].filter((i) => Math.abs(plain[i]!) > largest * 1e-4);
    expect(clear.length).toBeGreaterThan(plain.length / 4);
    for (const i of clear) expect(Math.sign(direction[i]!)).toBe(Math.sign(plain[i]!));
    tf.dispose([x, labels]);
  });

  it('still moves the pixels of examples whose plain gradient has vanished in float32', () => {
    const restore = scaleLogits(200);
    const [x, labels] = batch();
    try {
      const before = tf.memory().numTensors;
      const { plainZero, directionZero, moved } = tf.tidy(() => {
        const perExample = (g: tf.Tensor) => Array.from(tf.max(tf.abs(g.reshape([N, -1])), 1).dataSync());
        const adv = fgsm(model, x, labels, 4, 0.1);
        return {
          plainZero: perExample(plainGradient(x, labels)).filter((v) => v === 0).length,
          directionZero: perExample(lossDirection(model, x, labels, 4)).filter((v) => v === 0).length,
          moved: perExample(tf.sub(adv, x)).filter((v) => v > 0).length,
        };
      });
      expect(tf.memory().numTensors).toBe(before);
      // With scores 200 times larger, the softmax of every confident example is exactly one-hot.
      expect(plainZero).toBeGreaterThanOrEqual(N / 2);
      expect(directionZero).toBe(0);
      expect(moved).toBe(N);
    } finally {
      tf.dispose([x, labels]);
      restore();
    }
  });

  it('keeps an iterative step within epsilon of the original and inside [0, 1]', () => {
    const [x, labels] = batch();
    const before = tf.memory().numTensors;
    const [lo, hi, far] = tf.tidy(() => {
      const bounds = attackBounds(x, 0.05);
      let adv: tf.Tensor = x;
      for (let s = 0; s < 5; s++) adv = attackStep(model, adv, labels, 4, bounds, 0.04, false);
      return [tf.min(adv).dataSync()[0]!, tf.max(adv).dataSync()[0]!, tf.max(tf.abs(tf.sub(adv, x))).dataSync()[0]!];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(far).toBeLessThanOrEqual(0.05 + 1e-6);
    expect(far).toBeGreaterThan(0.04);
    tf.dispose([x, labels]);
  });
});
