// Benchmark page. Suites (?suite=, comma-separated; default all):
//  baseline: LeNet-5 on all of MNIST (batch 64) through the app's worker engine, then a bare tfjs loop on the
//            same backend: epoch 1 gives the test accuracy after one epoch, epoch 2 the steady throughput.
//  lenet:    time to 98.5% test accuracy within 60 s of training (LENET_RECIPE).
//  lenet990: time to 99.0% test accuracy within 60 s (LENET_990_RECIPE): lenet5To990.
//  cifar:    the small CIFAR-10 net, time to 65% within 10 minutes of training (CIFAR_RECIPE).
//  cifarBn:  the conv-BN-ReLU preset, time to 75% within 10 minutes of training (CIFAR_BN_RECIPE): cifarBnTo75.
//  backends: images per second on webgpu (where the browser has it), wasm, webgl and cpu for both networks.
//  bn:       ms for one batch-norm layer (64x32x32x16) forward plus backward on wasm, stock tfjs and ours
//            (bnSuite.ts): bn.stockForwardBackwardMs, bn.forwardBackwardMs.
//  parallel: data-parallel img/s of the app engine with 1 and K workers, LeNet-5 and cifarBn (parallelSuite.ts; run.mjs
//            adds the app page with its views, parallelViewsRun.mjs): parallel.viewsClosed.lenet5.speedup.
//  detector: the grid detector on MNIST scenes to mAP@0.5 0.80 within 600 s (detectorSuite.ts): detectorToMap80; not in the default set (up to 3 x 600 s).
//  understand: LeNet-5 img/s with the understanding service present but idle against none (understandSuite.ts): understand.closedRatio.
//  vit:      ViT-tiny against the ResNet-style net of its size, img/s on MNIST and CIFAR-10 (vitSuite.ts); not in the default set.
//  vit97:    ViT-tiny to 97% on MNIST within 300 s (VIT_RECIPE); not in the default set.
//  transfer: animals-pretrained backbone, linear probe vs fine-tune vs scratch on 10% of the vehicle labels (transferSuite.ts); not in the default set.
//  gradcheck: gradients of a conv-BN-ReLU net on ?backend= against cpu (gradCheckWorker.ts); not in the default set.
//  unet:     the small U-Net on Shapes, time to test mean IoU 0.90 within 180 s of training (segmentationSuite.ts): unetTo90.
//  bare:     only the bare tfjs loop (?steps=, default 470 batches of 64), on ?backend= (wasm when auto): the
//            views suite (viewsRun.mjs) runs it between the app's epochs, so both are measured side by side.
import { loadDataset } from '../src/data/loader';
import { lenet5Mnist } from '../src/model/presets';
import type { ModelSpec } from '../src/model/spec';
import { DEFAULT_HYPER_PARAMS } from '../src/train/api/hyper';
import type { BackendChoice, BackendName, EpochResult, HyperParams } from '../src/train/api/protocol';
import { runParallelSuite } from './parallelSuite';
import { runUnderstandSuite } from './understandSuite';
import { unetToTarget } from './segmentationSuite';
import { runVitSuite } from './vitSuite';
import { runTransferSuite } from './transferSuite';
import { vitTiny } from '../src/model/presetVit';
import { runDetectorSuite } from './detectorSuite';
import { round, runEngine, secondsToAccuracy, type EngineRunResult } from './engineRun';
import { cifarBn } from '../src/model/presetNets';
import {
  CIFAR_BN_RECIPE, CIFAR_BN_TARGET, CIFAR_RECIPE, CIFAR_TARGET, cifarSmall, LENET_990_RECIPE, LENET_990_TARGET, LENET_RECIPE,
  LENET_TARGET, VIT_RECIPE, VIT_TARGET,
} from './recipes';

const params = new URLSearchParams(location.search);
const backendChoice = (params.get('backend') ?? 'auto') as BackendChoice;
const suites = new Set((params.get('suite') ?? 'baseline,lenet,lenet990,cifar,cifarBn,backends,bn,parallel,understand,unet').split(','));
const dataUrl = (name: string) => new URL(`../data/${name}/`, location.href).pathname;
const MNIST = dataUrl('mnist');
const CIFAR = dataUrl('cifar10');
const BATCH = 64;

const peakOf = (epochs: readonly EpochResult[]) => Math.max(0, ...epochs.map((e) => e.peakTensorBytes ?? 0));
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

function runBare(backend: BackendName, steps: number): Promise<{ imagesPerSecond: number }> {
  const worker = new Worker(new URL('./bareWorker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: boolean; imagesPerSecond: number; error?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve({ imagesPerSecond: e.data.imagesPerSecond });
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ url: MNIST, backend, batchSize: BATCH, steps, warmupSteps: 20 });
  });
}

/** Posts one request to a suite's worker and resolves with its one answer. */
function answerOf<T>(worker: Worker, request: unknown = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: boolean; result: T; error?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(request);
  });
}

async function baseline() {
  const hyper: HyperParams = { ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.001, batchSize: BATCH, epochs: 2, seed: 1 };
  // The whole training split from the start, so epoch 1 is a full epoch (see toTarget).
  const inline = await loadDataset({ url: MNIST });
  const engine = await runEngine({ spec: lenet5Mnist(), url: MNIST, hyper, backend: backendChoice, inline });
  const [first, second] = engine.epochs;
  if (!first || !second) throw new Error('the engine did not finish two epochs');
  const bare = await runBare(engine.backend.name, Math.floor(60_000 / BATCH));
  return {
    model: 'LeNet-5 (MNIST, batch 64, Adam 1e-3)',
    backend: engine.backend.name,
    backendReason: engine.backend.reason,
    renderer: engine.backend.renderer ?? null,
    engineImagesPerSecond: Math.round(second.imagesPerSecond),
    engineEpoch1ImagesPerSecond: Math.round(first.imagesPerSecond),
    bareLoopImagesPerSecond: Math.round(bare.imagesPerSecond),
    engineToBareRatio: round(second.imagesPerSecond / bare.imagesPerSecond, 3),
    testAccuracyAfterEpoch1: round(first.testAccuracy, 4),
    epoch1Seconds: round(first.seconds, 1),
    mainThreadLongTasksOver50ms: engine.longTasksOver50ms,
    peakTensorMB: mb(peakOf(engine.epochs)),
  };
}

/**
 * Trains the recipe until the target accuracy (or 3 x the budget, so a loaded machine still shows the
 * accuracy curve), and reports the way there: the images needed do not depend on the machine's speed,
 * the seconds do.
 */
async function toTarget(spec: ModelSpec, url: string, hyper: HyperParams, target: { accuracy: number; budgetSeconds: number }) {
  const trainedSeconds = (epochs: readonly EpochResult[]) => epochs.reduce((s, e) => s + e.seconds, 0);
  // The whole training split from the start: the engine's early start on the first shards would make the
  // first epochs smaller (and their accuracy lower) depending on how fast the shards arrive.
  const inline = await loadDataset({ url });
  const run: EngineRunResult = await runEngine({
    spec, url, hyper, backend: backendChoice, inline,
    stopAfter: (epochs) => epochs.at(-1)!.testAccuracy >= target.accuracy || trainedSeconds(epochs) >= 3 * target.budgetSeconds,
  });
  const seconds = secondsToAccuracy(run.epochs, target.accuracy);
  const reachedAt = run.epochs.findIndex((e) => e.testAccuracy >= target.accuracy);
  const imagesPerEpoch = run.epochs[0] ? run.epochs[0].imagesPerSecond * run.epochs[0].seconds : 0;
  return {
    backend: run.backend.name,
    recipe: { optimizer: hyper.optimizer, learningRate: hyper.learningRate, batchSize: hyper.batchSize, epochs: hyper.epochs,
      schedule: hyper.schedule, augmentation: hyper.augmentation },
    targetAccuracy: target.accuracy,
    budgetSeconds: target.budgetSeconds,
    trainingSecondsToTarget: seconds === null ? null : round(seconds, 1),
    reachedWithinBudget: seconds !== null && seconds <= target.budgetSeconds,
    trainingImagesToTarget: reachedAt < 0 ? null : Math.round(imagesPerEpoch * (reachedAt + 1)),
    testAccuracyByEpoch: run.epochs.map((e) => round(e.testAccuracy, 4)),
    trainingSecondsByEpoch: run.epochs.map((e) => round(e.seconds, 1)),
    imagesPerSecondByEpoch: run.epochs.map((e) => Math.round(e.imagesPerSecond)),
    wallSecondsWithEvaluation: round(run.wallSeconds, 1),
    peakTensorMB: mb(peakOf(run.epochs)),
  };
}

/** Steady images per second on one backend: epoch 2 of a two-epoch run on a slice (epoch 1 warms up). */
async function speedOn(backend: BackendName, spec: ModelSpec, url: string, trainLimit: number) {
  const hyper: HyperParams = { ...DEFAULT_HYPER_PARAMS, batchSize: BATCH, epochs: 2 };
  try {
    const run = await runEngine({ spec, url, hyper, backend, trainLimit, testLimit: 64 });
    // An explicit choice that fails falls back: report what actually ran.
    return { ran: run.backend.name, imagesPerSecond: Math.round(run.epochs[1]?.imagesPerSecond ?? 0),
      peakTensorMB: mb(peakOf(run.epochs)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

async function backends() {
  const cifar = cifarSmall().spec;
  // Slices sized so the slow backends finish in about a minute each here (software WebGL, plain JS).
  const slices: Record<BackendName, [number, number]> = { webgpu: [6400, 1920], wasm: [6400, 1920], webgl: [2560, 640], cpu: [1280, 320] };
  const out: Record<string, unknown> = {};
  // webgpu only where the browser offers the API at all (headless Chromium here does not, without flags).
  const names: BackendName[] = 'gpu' in navigator ? ['webgpu', 'wasm', 'webgl', 'cpu'] : ['wasm', 'webgl', 'cpu'];
  for (const backend of names) {
    const [lenetImages, cifarImages] = slices[backend];
    out[backend] = { lenet5Mnist: await speedOn(backend, lenet5Mnist(), MNIST, lenetImages),
      cifarSmall: await speedOn(backend, cifar, CIFAR, cifarImages) };
  }
  return out;
}

async function main() {
  const result: Record<string, unknown> = {};
  if (suites.has('baseline')) Object.assign(result, await baseline());
  if (suites.has('lenet')) result.lenet5To985 = await toTarget(lenet5Mnist(), MNIST, LENET_RECIPE, LENET_TARGET);
  if (suites.has('lenet990')) result.lenet5To990 = await toTarget(lenet5Mnist(), MNIST, LENET_990_RECIPE, LENET_990_TARGET);
  if (suites.has('cifarBn')) result.cifarBnTo75 = { network: 'preset cifarBn', ...(await toTarget(cifarBn(), CIFAR, CIFAR_BN_RECIPE, CIFAR_BN_TARGET)) };
  if (suites.has('cifar')) {
    const { spec, source } = cifarSmall();
    result.cifarSmallTo65 = { network: source, ...(await toTarget(spec, CIFAR, CIFAR_RECIPE, CIFAR_TARGET)) };
  }
  if (suites.has('unet')) result.unetTo90 = await unetToTarget(backendChoice);
  if (suites.has('backends')) result.imagesPerSecondByBackend = await backends();
  if (suites.has('bn')) {
    // Vite bundles a worker only when `new Worker(new URL(...))` is written out in place.
    result.bn = await answerOf(new Worker(new URL('./bnWorker.ts', import.meta.url), { type: 'module' }));
  }
  if (suites.has('parallel')) result.parallel = await runParallelSuite({ mnist: MNIST, cifar: CIFAR });
  if (suites.has('understand')) result.understand = await runUnderstandSuite(MNIST, backendChoice);
  if (suites.has('vit')) result.vit = await runVitSuite({ mnist: MNIST, cifar: CIFAR }, backendChoice);
  if (suites.has('vit97')) result.vitTinyTo97 = await toTarget(vitTiny(), MNIST, VIT_RECIPE, VIT_TARGET);
  if (suites.has('transfer')) result.transfer = await runTransferSuite(CIFAR, backendChoice);
  if (suites.has('detector')) result.detectorToMap80 = await runDetectorSuite(MNIST, backendChoice);
  if (suites.has('gradcheck')) {
    result.gradCheck = await answerOf(new Worker(new URL('./gradCheckWorker.ts', import.meta.url), { type: 'module' }),
      { backend: backendChoice });
  }
  if (suites.has('bare')) {
    const steps = Number(params.get('steps') ?? 470);
    const bare = await runBare(backendChoice === 'auto' ? 'wasm' : backendChoice, Number.isInteger(steps) && steps > 0 ? steps : 470);
    result.bareLoopImagesPerSecond = Math.round(bare.imagesPerSecond);
  }
  return result;
}

const out = document.getElementById('out');
main().then(
  (result) => {
    (window as unknown as { benchResult: unknown }).benchResult = result;
    if (out) out.textContent = JSON.stringify(result, null, 2);
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    (window as unknown as { benchResult: unknown }).benchResult = { error: message };
    if (out) out.textContent = `benchmark failed: ${message}`;
  },
);
