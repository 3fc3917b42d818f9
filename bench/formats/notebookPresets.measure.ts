// For every trainable preset, the custom-layer network and the every-kind network: the exported notebook,
// executed by jupyter-nbconvert, predicts the first 100 test images as the app does (largest difference
// printed, asserted below 1e-4), and its test loss after one epoch is printed beside the loss before.
// MNIST networks read an MNIST slice; the others PNG images in an image folder (torchvision's ImageFolder).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { mulberry32 } from '../../src/data/batches';
import { analyzeModel } from '../../src/model/analyze';
import { notebookJson } from '../../src/codegen/notebook';
import { pytorchWeightsFile } from '../../src/codegen/pytorchWeights';
import { selectBackend } from '../../src/train/backend';
import { buildModel } from '../../src/train/buildModel';
import { exportCases, mnistTestImages, randomizeWeights } from '../../src/train/exportChecks/exportFixtures';
import { EVERY_KIND_DATA, everyKindNetwork } from '../../src/train/exportChecks/everyKind';
import { runNotebook, writeImageFolder, writeMnistSlice } from '../../src/train/exportChecks/notebookHarness';
import { tempDir } from '../../src/train/exportChecks/pythonHarness';
import { readWeights } from '../../src/train/weights/readWeights';
import type { HyperParams } from '../../src/train/api/protocol';

const IMAGES = 100;
const hyper: HyperParams = { optimizer: 'momentum', learningRate: 0.01, momentum: 0.9, schedule: { kind: 'step', everyEpochs: 1, factor: 0.5 },
  weightDecay: 1e-4, augmentation: { flip: true, shift: 2 }, batchSize: 16, epochs: 1, seed: 2 };

beforeAll(async () => {
  await selectBackend('wasm', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
});

const randomBytes = (count: number, seed: number) => {
  const random = mulberry32(seed);
  return Uint8Array.from({ length: count }, () => Math.floor(random() * 256));
};

it('every preset: the notebook predicts as the app', () => {
  const rows: string[] = [];
  for (const { id, spec, data } of [...exportCases(), { id: 'everyKind', spec: everyKindNetwork(), data: EVERY_KIND_DATA }]) {
    const dir = tempDir(`cnnp-nb-${id}-`);
    const mnist = data.inputShape[0] === 28 && data.inputShape[2] === 1;
    let images: Float32Array;
    if (mnist) {
      writeMnistSlice(dir, 64, IMAGES);
      images = mnistTestImages(IMAGES);
    } else {
      const size = data.inputShape.reduce((a, b) => a * b, 1);
      writeImageFolder(dir, 'train', randomBytes(40 * size, 3), data.inputShape, data.numClasses);
      const test = randomBytes(IMAGES * size, 5);
      const order = writeImageFolder(dir, 'test', test, data.inputShape, data.numClasses);
      images = new Float32Array(IMAGES * size);
      order.forEach((from, to) => { for (let k = 0; k < size; k++) images[to * size + k] = (test[from * size + k] as number) / 255; });
    }
    const app = buildModel(spec, data, 5).model;
    randomizeWeights(app, 13);
    const probs = tf.tidy(() => (app.predict(tf.tensor(images, [IMAGES, ...data.inputShape])) as tf.Tensor).dataSync() as Float32Array);
    writeFileSync(join(dir, 'weights.safetensors'), pytorchWeightsFile(spec, readWeights(app)));
    app.dispose();
    const classNames = Array.from({ length: data.numClasses }, (_, i) => `c${String(i).padStart(2, '0')}`);
    writeFileSync(join(dir, 'notebook.ipynb'), notebookJson({ title: id, spec, analysis: analyzeModel(spec, data), data, dataset: mnist ? 'mnist' : 'folder',
      hyper, classNames, run: null, language: 'en' }));
    const run = runNotebook(dir, 1_200_000);
    const got = run.first_predictions.flat();
    const diff = probs.reduce((m, p, i) => Math.max(m, Math.abs(p - (got[i] ?? Number.NaN))), 0);
    rows.push(`${id}: max |difference| ${diff.toExponential(2)}; test loss ${run.before.testLoss.toFixed(4)} -> ${run.history.epochs[0]?.testLoss.toFixed(4)}`);
    expect([id, diff]).toSatisfy(([, d]: [string, number]) => d < 1e-4);
  }
  console.log(rows.join('\n'));
});
