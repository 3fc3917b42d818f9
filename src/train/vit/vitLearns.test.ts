// ViT-tiny (the preset: patch 4, width 64, 4 heads, 4 layers) trains in the app's engine: a short run on
// real MNIST digits (1,536 training images, 2 epochs of 48 steps of 32, Adam 1e-3) brings the loss well
// below chance (ln 10 = 2.30) and the test accuracy well above it. wasm, as most students train on; about
// 3 minutes on a loaded 2-core machine, the price of training a transformer at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedDataset, Split } from '../../data/types';
import { vitTiny } from '../../model/presetVit';
import { selectBackend } from '../backend';
import { errorOf, harness, meta, start } from '../engineHarness';
import { mnistDir } from '../exportChecks/exportFixtures';

const TRAIN = 1536;
const TEST = 256;

function split(from: number, count: number): Split {
  const images = readFileSync(join(mnistDir(), 't10k-images-idx3-ubyte')).subarray(16 + from * 784, 16 + (from + count) * 784);
  const labels = readFileSync(join(mnistDir(), 't10k-labels-idx1-ubyte')).subarray(8 + from, 8 + from + count);
  return { count, images: Uint8Array.from(images), labels: Uint8Array.from(labels) };
}

const mnist: LoadedDataset = {
  meta: {
    ...meta, id: 'mnist-slice', name: 'MNIST slice', inputShape: [28, 28, 1], classNames: Array.from({ length: 10 }, (_, i) => String(i)),
    train: { count: TRAIN, shards: [{ file: 'train-0.bin.gz', count: TRAIN }] }, test: { count: TEST, shards: [{ file: 'test-0.bin.gz', count: TEST }] },
  },
  train: split(0, TRAIN),
  test: split(TRAIN, TEST),
};

describe('ViT-tiny on MNIST', () => {
  it('learns in a short run: the loss falls well below chance', async () => {
    const h = harness({
      loadDataset: async () => mnist,
      selectBackend: async () => {
        await selectBackend('wasm', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
        return { name: 'wasm', reason: 'test' };
      },
    });
    const started = Date.now();
    h.engine.handle(start(1, { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 2, seed: 3 }, vitTiny()));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    const losses = h.messages.flatMap((m) => (m.type === 'metrics' ? [...m.batch.loss] : []));
    const epochs = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result] : []));
    const late = losses.slice(-8).reduce((a, b) => a + b, 0) / 8;
    console.log(`ViT-tiny: ${losses.length} steps in ${((Date.now() - started) / 1000).toFixed(1)} s, first loss ${losses[0]?.toFixed(3)}, last 8 steps ${late.toFixed(3)}, test loss ${epochs.map((e) => e.testLoss.toFixed(3)).join(' → ')}, test accuracy ${epochs.map((e) => e.testAccuracy.toFixed(3)).join(' → ')}`);
    expect(losses).toHaveLength(2 * TRAIN / 32);
    // Measured here: first loss 3.81, last 8 steps 1.20, test loss 1.94 -> 1.25, test accuracy 0.26 -> 0.57
    // (96 steps in 180 s on the shared 2-core machine). Chance is a loss of 2.30 and an accuracy of 0.1.
    expect(losses[0]).toBeGreaterThan(2);
    expect(late).toBeLessThan(1.6);
    expect(epochs[1]!.testLoss).toBeLessThan(1.6);
    expect(epochs[1]!.testLoss).toBeLessThan(epochs[0]!.testLoss);
    expect(epochs[1]!.testAccuracy).toBeGreaterThan(0.4);
  }, 600_000);
});
