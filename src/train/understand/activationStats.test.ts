// Known answers for the activation statistics: on a 10-layer ReLU MLP at initialisation, small weights make
// the activations collapse to zero layer by layer while He initialisation keeps their spread (cs231n
// lecture 6), measured on real activations of real images.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationStats } from './activationStats';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function deepMlp(init: 'small' | 'he'): tf.LayersModel {
  const model = tf.sequential();
  // A seed per layer: one shared seed would give every 100x100 layer the same matrix.
  const kernelInitializer = (seed: number) => (init === 'he' ? tf.initializers.heNormal({ seed })
    : tf.initializers.randomNormal({ mean: 0, stddev: 0.01, seed }));
  model.add(tf.layers.flatten({ inputShape: [8, 8, 1], name: 'flat' }));
  for (let i = 1; i <= 10; i++) {
    model.add(tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: kernelInitializer(i), name: `dense${i}` }));
  }
  model.add(tf.layers.dense({ units: 4, activation: 'softmax', name: 'out', kernelInitializer: kernelInitializer(11) }));
  return model;
}

function batch(n: number): { x: tf.Tensor; labels: Int32Array } {
  // Images in [0, 1]: a seeded pattern, not constants, so every input unit varies.
  const data = Float32Array.from({ length: n * 64 }, (_, i) => ((i * 7919) % 101) / 100);
  return { x: tf.tensor4d(data, [n, 8, 8, 1]), labels: Int32Array.from({ length: n }, (_, i) => i % 4) };
}

describe('activation statistics at initialisation', () => {
  it('show the collapse for small weights and not for He on a 10-layer ReLU MLP', async () => {
    const { x, labels } = batch(64);
    const small = deepMlp('small');
    const he = deepMlp('he');
    const before = tf.memory().numTensors;
    const smallStats = await activationStats(small, x, labels, 4);
    const heStats = await activationStats(he, x, labels, 4);
    expect(tf.memory().numTensors).toBe(before);
    const std = (stats: typeof smallStats, id: string) => stats.find((s) => s.blockId === id)?.std ?? NaN;
    expect(smallStats.map((s) => s.blockId)).toEqual(['flat', ...Array.from({ length: 10 }, (_, i) => `dense${i + 1}`)]);
    // Small weights: each layer's spread is a fraction of the one before, down to nothing at layer 10.
    for (let i = 2; i <= 10; i++) expect(std(smallStats, `dense${i}`)).toBeLessThan(std(smallStats, `dense${i - 1}`) * 0.2);
    expect(std(smallStats, 'dense10')).toBeLessThan(1e-10);
    // He: the spread at layer 10 stays within a factor of ten of layer 1's (a random walk, not a collapse).
    const ratio = std(heStats, 'dense10') / std(heStats, 'dense1');
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(10);
    for (let i = 2; i <= 10; i++) expect(std(heStats, `dense${i}`)).toBeGreaterThan(std(heStats, `dense${i - 1}`) * 0.5);
    // The histograms say the same: small weights put (nearly) all of layer 10 in one bin at zero.
    const last = smallStats.at(-1)!;
    expect(last.histogram.max).toBeLessThan(1e-10);
    const heLast = heStats.at(-1)!;
    expect(Math.max(...heLast.histogram.counts) / (64 * 100)).toBeLessThan(0.7);
    // Dead ReLU shares are reported for ReLU layers only, and gradients are there for every block.
    expect(last.deadFraction).not.toBeNull();
    expect(smallStats[0]!.deadFraction).toBeNull();
    expect(heStats.every((s) => s.gradHistogram.counts.length === 40)).toBe(true);
    expect(heStats.every((s) => s.gradStd > 0)).toBe(true);
    small.dispose();
    he.dispose();
    x.dispose();
  });

  it('counts a unit as dead only when it is zero for every example', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [2], units: 2, activation: 'relu', name: 'd', useBias: false,
      weights: [tf.tensor2d([[1, -1], [1, -1]])] }));
    model.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'out' }));
    const x = tf.tensor2d([[1, 0], [0, 2], [1, 1]]);
    const stats = await activationStats(model, x, Int32Array.from([0, 1, 0]), 2);
    // Unit 0 sees 1, 2, 2 (alive); unit 1 sees -1, -2, -2 -> 0 (dead).
    expect(stats[0]!.deadFraction).toBe(0.5);
    expect(stats[0]!.zeroFraction).toBe(0.5);
    model.dispose();
    x.dispose();
  });
});
