// The lessons' stated outcomes on the full data (not a test): each step named in STEPS is opened through the
// real store (its set-up applied as the lesson panel does), the run its task asks for is made with the step's
// own settings on the app's engine (wasm, in-process), over the seeds in SEEDS, and the numbers and the step's
// check are printed one JSON line per run. VARY=<json> patches the hyper-parameters after the set-up (what a
// hint tells the student to type). Run one at a time:
//   STEPS=5.1,6.2 SEEDS=1,2,3 npx vitest run --config bench/node/vitest.config.ts bench/node/lessons.node.ts
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { loadDataset } from '../../src/data/loader';
import { findStep, parseStepRef } from '../../src/lessons';
import { firstToLastGradient } from '../../src/lessons/checks';
import { createRig } from '../../src/lessons/testRig';
import type { EpochResult } from '../../src/train/api/protocol';
import { registerWasmGradientKernels } from '../../src/train/kernels';

const fileFetch = (async (url: string | URL) => new Response(await readFile(new URL(String(url), 'file:///')))) as typeof fetch;
const round = (x: number | undefined | null, d = 4) => (x === undefined || x === null ? null : Number(x.toFixed(d)));
const last = (epochs: readonly EpochResult[]) => {
  const e = epochs.at(-1);
  return e ? { testAccuracy: round(e.testAccuracy), testLoss: round(e.testLoss), validationAccuracy: round(e.validationAccuracy),
    epochs: epochs.length, seconds: round(epochs.reduce((t, x) => t + x.seconds, 0), 1) } : null;
};

/** The training loss around a few steps (the mean of the 20 batches up to each): the curve's shape (3.3's claim). */
function lossAt(points: readonly { x: number; y: number }[]): Record<number, number | null> {
  const at: Record<number, number | null> = {};
  for (const step of [20, 50, 100, 200, 400, 800]) {
    const window = points.filter((p) => p.x > step - 20 && p.x <= step).map((p) => p.y);
    at[step] = window.length === 0 ? null : round(window.reduce((a, b) => a + b, 0) / window.length);
  }
  return at;
}

it('measures the lessons\' stated outcomes on the full data', async () => {
  registerWasmGradientKernels();
  await tf.setBackend('wasm');
  const steps = (process.env.STEPS ?? '5.1').split(',');
  const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
  const vary = process.env.VARY ? JSON.parse(process.env.VARY) as Record<string, unknown> : {};
  const cache = new Map<string, Awaited<ReturnType<typeof loadDataset>>>();
  for (const text of steps) {
    const ref = parseStepRef(text);
    const step = ref ? findStep(ref) : undefined;
    if (!ref || !step) throw new Error(`no step ${text}`);
    const datasetId = step.setup.dataset ?? 'mnist';
    if (!cache.has(datasetId)) {
      const folder = new URL(`../../public/data/${datasetId}/`, import.meta.url).pathname;
      cache.set(datasetId, await loadDataset({ url: folder }, undefined, fileFetch));
    }
    for (const seed of seeds) {
      const rig = createRig(cache.get(datasetId)!, 'wasm');
      try {
        rig.open(ref);
        rig.store.getState().setHyper({ seed, ...vary });
        const s = await rig.runStep(step);
        const runs = s.lessonResults.compare.length > 0 && step.setup.compare
          ? s.lessonResults.compare.map((r) => ({ label: r.label, phase: r.phase, diverged: r.diverged, ...last(r.epochs),
            gradientRatio: round(firstToLastGradient(r.gradients), 6) }))
          : [{ phase: s.phase, divergence: s.divergence?.kind ?? null, trainCount: s.epochs.length, ...last(s.epochs),
            gradientRatio: round(firstToLastGradient(s.lessonResults.gradients), 6) }];
        console.log(JSON.stringify({ step: text, id: step.id, seed, vary, check: step.check({ state: s, results: s.lessonResults }), runs,
          lossAt: lossAt(rig.series.loss.points()) }));
      } finally {
        rig.dispose();
      }
    }
  }
});
