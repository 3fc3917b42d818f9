// Known answers for the activation statistics: on a 10-layer ReLU MLP at initialisation, small weights make
// the activations collapse to zero layer by layer while He initialisation keeps their spread (cs231n
// lecture 6), measured on real activations of real images.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain, dense as denseBlock, flatten, input, softmax } from '../../model/dsl';
import { buildModel } from '../buildModel';
import { activationStats } from './activationStats';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A 10-layer ReLU MLP as the app builds it; 'small' then overwrites every kernel with N(0, 0.01). */
function deepMlp(init: 'small' | 'he'): { model: tf.LayersModel; ids: string[]; kinds: string[] } {
  const spec = chain(input(), flatten(), ...Array.from({ length: 10 }, () => denseBlock(100, { activation: 'relu', init: 'heNormal' })), softmax());
  const { model } = buildModel(spec, { inputShape: [8, 8, 1], numClasses: 4 }, 1);
  if (init === 'small') {
    // A seed per layer: one shared seed would give every 100x100 layer the same matrix.
    const values = model.getWeights().map((w, i) => (w.rank === 2 ? tf.randomNormal(w.shape, 0, 0.01, 'float32', 100 + i) : w.clone()));
    model.setWeights(values);
    tf.dispose(values);
  }
  const shown = spec.blocks.filter((b) => b.kind !== 'input' && b.kind !== 'softmax');
  return { model, ids: shown.map((b) => b.id), kinds: shown.map((b) => b.kind) };
}

function batch(n: number): { x: tf.Tensor; labels: Int32Array } {
  // Images in [0, 1]: a seeded pattern, not constants, so every input unit varies.
  const data = Float32Array.from({ length: n * 64 }, (_, i) => ((i * 7919) % 101) / 100);
  return { x: tf.tensor4d(data, [n, 8, 8, 1]), labels: Int32Array.from({ length: n }, (_, i) => i % 4) };
}

describe('activation statistics at initialisation', () => {
  it('show the collapse for small weights and not for He on a 10-layer ReLU MLP', async () => {
    const { x, labels } = batch(64);
    const { model: small, ids, kinds } = deepMlp('small');
    const { model: he } = deepMlp('he');
    const dense = (i: number) => ids[i] as string;
    const before = tf.memory().numTensors;
    const smallStats = await activationStats(small, x, labels, 4);
    const heStats = await activationStats(he, x, labels, 4);
    expect(tf.memory().numTensors).toBe(before);
    const std = (stats: typeof smallStats, id: string) => stats.find((s) => s.blockId === id)?.std ?? NaN;
    expect(smallStats.map((s) => s.blockId)).toEqual(ids);
    // Each block's kind as the spec names it (shown translated), not the tfjs layer class ('Dense', 'Flatten').
    expect(smallStats.map((s) => s.kind)).toEqual(kinds);
    expect(kinds.slice(0, 2)).toEqual(['flatten', 'dense']);
    // Small weights: each layer's spread is a fraction of the one before, down to nothing at layer 10.
    for (let i = 2; i <= 10; i++) expect(std(smallStats, dense(i))).toBeLessThan(std(smallStats, dense(i - 1)) * 0.2);
    expect(std(smallStats, dense(10))).toBeLessThan(1e-10);
    // He: the spread at layer 10 stays within a factor of ten of layer 1's (a random walk, not a collapse).
    const ratio = std(heStats, dense(10)) / std(heStats, dense(1));
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(10);
    for (let i = 2; i <= 10; i++) expect(std(heStats, dense(i))).toBeGreaterThan(std(heStats, dense(i - 1)) * 0.5);
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
    const spec = chain(input(), denseBlock(2, { activation: 'relu', useBias: false, id: 'd' }), softmax());
    const { model } = buildModel(spec, { inputShape: [2], numClasses: 2 }, 1);
    const kernel = tf.tensor2d([[1, -1], [1, -1]]);
    model.getLayer('d').setWeights([kernel]);
    kernel.dispose();
    const x = tf.tensor2d([[1, 0], [0, 2], [1, 1]]);
    const stats = await activationStats(model, x, Int32Array.from([0, 1, 0]), 2);
    // Unit 0 sees 1, 2, 2 (alive); unit 1 sees -1, -2, -2 -> 0 (dead).
    expect(stats[0]!.deadFraction).toBe(0.5);
    expect(stats[0]!.zeroFraction).toBe(0.5);
    model.dispose();
    x.dispose();
  });
});
