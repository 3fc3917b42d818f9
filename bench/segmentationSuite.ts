// unet: the small U-Net (src/model/segmentationNets.ts) on Shapes, time to a test mean IoU of 0.90 within
// 180 s of training (issue 26), through the app's worker engine. Shapes is drawn here from its registry
// seed (2,000 training and 200 test images) and handed to the engine whole, so every epoch is a full one.
import { generateDataset } from '../src/data/generated';
import { datasetEntry } from '../src/data/registry';
import { shapesUnet } from '../src/model/segmentationNets';
import { DEFAULT_HYPER_PARAMS } from '../src/train/api/hyper';
import type { BackendChoice, EpochResult, HyperParams } from '../src/train/api/protocol';
import { round, runEngine } from './engineRun';

export const UNET_TARGET = { meanIoU: 0.9, budgetSeconds: 180 };
/** Adam with a rate annealed to 0 over four epochs, at a batch small enough for many steps in the budget. */
export const UNET_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.005, batchSize: 16, epochs: 4, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 },
};

const reached = (e: EpochResult) => (e.testMeanIoU ?? 0) >= UNET_TARGET.meanIoU;

export async function unetToTarget(backend: BackendChoice) {
  const entry = datasetEntry('shapes');
  if (!entry.generated) throw new Error('Shapes is no longer generated: the suite needs its seed');
  const inline = await generateDataset({ kind: 'generated', generator: entry.generated.generator, seed: entry.generated.seed,
    trainCount: entry.trainCount, testCount: entry.testCount });
  const trained = (epochs: readonly EpochResult[]) => epochs.reduce((s, e) => s + e.seconds, 0);
  const hyper = UNET_RECIPE;
  const run = await runEngine({
    spec: shapesUnet(), url: '', inline, hyper, backend,
    stopAfter: (epochs) => reached(epochs.at(-1)!) || trained(epochs) >= UNET_TARGET.budgetSeconds,
  });
  let seconds = 0;
  let toTarget: number | null = null;
  for (const e of run.epochs) {
    seconds += e.seconds;
    if (toTarget === null && reached(e)) toTarget = seconds;
  }
  return {
    network: 'preset shapesUnet', backend: run.backend.name,
    recipe: { optimizer: hyper.optimizer, learningRate: hyper.learningRate, batchSize: hyper.batchSize, epochs: hyper.epochs, schedule: hyper.schedule },
    targetMeanIoU: UNET_TARGET.meanIoU, budgetSeconds: UNET_TARGET.budgetSeconds,
    trainingSecondsToTarget: toTarget === null ? null : round(toTarget, 1),
    reachedWithinBudget: toTarget !== null && toTarget <= UNET_TARGET.budgetSeconds,
    testMeanIoUByEpoch: run.epochs.map((e) => round(e.testMeanIoU ?? Number.NaN, 4)),
    testClassIoULastEpoch: (run.epochs.at(-1)?.testClassIoU ?? []).map((v) => round(v, 3)),
    pixelAccuracyByEpoch: run.epochs.map((e) => round(e.testAccuracy, 4)),
    trainingSecondsByEpoch: run.epochs.map((e) => round(e.seconds, 1)),
    imagesPerSecondByEpoch: run.epochs.map((e) => round(e.imagesPerSecond, 1)),
    wallSecondsWithEvaluation: round(run.wallSeconds, 1),
  };
}
