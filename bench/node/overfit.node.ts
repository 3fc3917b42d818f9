// Lesson 5.2's per-epoch claim (not a test): the wide network of the step, as its set-up leaves it (no dropout)
// and with the dropout block the task adds (rate 0.5 before the output), trained with the step's own settings
// (its small MNIST subset, validation split, epochs, Adam and learning rate, all read from the step's set-up) on
// the app's engine (wasm, in-process), over the seeds in SEEDS. One JSON line per run: per epoch the mean
// training loss over that epoch's batches, the validation loss and accuracy, and the test accuracy (the whole
// 10,000-image test set). Run alone (a few minutes):
//   SEEDS=1,2,3 npx vitest run --config bench/node/vitest.config.ts bench/node/overfit.node.ts
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { loadDataset } from '../../src/data/loader';
import { datasetEntry } from '../../src/data/registry';
import { findStep, parseStepRef } from '../../src/lessons';
import { wideNet } from '../../src/lessons/lesson5';
import { createRig } from '../../src/lessons/testRig';
import { registerWasmGradientKernels } from '../../src/train/kernels';

const fileFetch = (async (url: string | URL) => new Response(await readFile(new URL(String(url), 'file:///')))) as typeof fetch;
const round = (x: number | undefined, d = 4) => (x === undefined ? null : Number(x.toFixed(d)));

/** The mean of the batch losses that fall in each epoch (steps are numbered from 1 across the run). */
function epochMeans(xs: ArrayLike<number>, ys: ArrayLike<number>, epochs: number): number[] {
  const steps = xs[xs.length - 1] ?? 0;
  const per = steps / epochs;
  const sums = new Array<number>(epochs).fill(0);
  const counts = new Array<number>(epochs).fill(0);
  for (let i = 0; i < xs.length; i++) {
    const e = Math.min(epochs - 1, Math.floor(((xs[i] ?? 0) - 1) / per));
    sums[e]! += ys[i] ?? 0;
    counts[e]! += 1;
  }
  return sums.map((s, e) => s / Math.max(1, counts[e]!));
}

it('measures lesson 5.2 per epoch, without and with dropout', async () => {
  registerWasmGradientKernels();
  await tf.setBackend('wasm');
  const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
  const ref = parseStepRef('5.2')!;
  const step = findStep(ref)!;
  const entry = datasetEntry(step.setup.dataset ?? 'mnist');
  const folder = new URL(`../../public/${entry.path}`, import.meta.url).pathname;
  const data = await loadDataset({ url: folder, ...(entry.trainLimit ? { trainLimit: entry.trainLimit } : {}) }, undefined, fileFetch);
  for (const seed of seeds) {
    for (const rate of [null, 0.5]) {
      const rig = createRig(data, 'wasm');
      try {
        rig.open(ref);
        rig.store.getState().setSpec(wideNet(rate));
        rig.store.getState().setHyper({ seed });
        const s = await rig.train();
        const { x, y } = rig.series.loss.columns();
        const train = epochMeans(x, y, s.epochs.length);
        console.log(JSON.stringify({ seed, dropout: rate, trainImages: data.train.count, validationFraction: s.validationFraction, check: step.check({ state: s, results: s.lessonResults }), hyper: s.hyper,
          epochs: s.epochs.map((e, i) => ({ epoch: i + 1, trainLoss: round(train[i]), validationLoss: round(e.validationLoss),
            validationAccuracy: round(e.validationAccuracy), testAccuracy: round(e.testAccuracy), seconds: round(e.seconds, 1) })) }));
      } finally {
        rig.dispose();
      }
    }
  }
});
