// What the benchmark trains: the networks and the training recipes behind the accuracy targets. The
// recipes were picked by measuring (bench/README notes in the report), not tuned to the test set's noise.
import { DEFAULT_HYPER_PARAMS } from '../src/train/api/hyper';
import type { HyperParams } from '../src/train/api/protocol';
import type { ModelSpec } from '../src/model/spec';
import { PRESETS, chain, input, conv2d, activation, maxPool2d, flatten, dense, softmax } from '../src/model/presets';

/** LeNet-5 to 98.5% test accuracy within 60 s of training: a higher Adam rate annealed to 0 over 2 epochs. */
export const LENET_TARGET = { accuracy: 0.985, budgetSeconds: 60 };
export const LENET_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.003, batchSize: 64, epochs: 1, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 },
};

/**
 * LeNet-5 to 99.0% within 60 s: three epochs at batch 128, Adam 0.004 annealed to 0. At batch 128 a step is
 * worth splitting, so the run trains on two workers on 2 cores (shards.ts: ~4,000 img/s against ~2,400 at
 * batch 64 on one). Measured 2026-11-29 (test accuracy after epochs 1-3, training seconds): seed 1 98.27 /
 * 98.82 / 99.11% in 44.3 s; seed 2 98.33 / 98.73 / 99.04% in 51.2 s; seed 3 98.60 / 99.01% in 40.8 s.
 * Earlier: batch 64 for two epochs at Adam 0.003 ended at 98.99% (49.2 s); batch 256 for four epochs at
 * Adam 0.006 reached 99.10% after three (43.2 s).
 */
export const LENET_990_TARGET = { accuracy: 0.99, budgetSeconds: 60 };
export const LENET_990_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.004, batchSize: 128, epochs: 3, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 },
};

/**
 * The conv-BN-ReLU CIFAR-10 preset (cifarBn) to 75% within 10 minutes of training. Batch norm allows a
 * high Adam rate; with flips for augmentation. It trains on two workers on 2 cores (~1.6x one worker,
 * measured: 419-440 img/s), so four epochs annealed to 0 fit the budget (75.47% after 462 s, 2026-11-29);
 * three epochs on one worker ended at ~66% after two (2026-11-28).
 */
export const CIFAR_BN_TARGET = { accuracy: 0.75, budgetSeconds: 600 };
export const CIFAR_BN_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.004, batchSize: 64, epochs: 4, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 }, augmentation: { flip: true, shift: 0 },
};

/** ViT-tiny (MNIST) to 97% within 300 s of training (issue 27's target): Adam 1e-3 annealed to 0 over 2 epochs. */
export const VIT_TARGET = { accuracy: 0.97, budgetSeconds: 300 };
export const VIT_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 2, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 },
};

/** The small CIFAR-10 net to 65% test accuracy within 10 minutes of training. */
export const CIFAR_TARGET = { accuracy: 0.65, budgetSeconds: 600 };
export const CIFAR_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.002, batchSize: 64, epochs: 4, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 }, augmentation: { flip: true, shift: 0 },
};

/**
 * The core's 'cifarSmall' preset when it exists; until then a stand-in of the same spirit: three 'same'
 * convolutions (16, 32, 64 filters) each followed by 2x2 max pooling, then dense 64 and the classifier.
 */
export function cifarSmall(): { spec: ModelSpec; source: string } {
  const preset = PRESETS.find((p) => p.id === 'cifarSmall');
  if (preset) return { spec: preset.build(), source: 'preset cifarSmall' };
  return {
    source: 'bench stand-in (no cifarSmall preset yet)',
    spec: chain(
      input(),
      conv2d(16, 5, { padding: 'same' }), activation('relu'), maxPool2d(2),
      conv2d(32, 5, { padding: 'same' }), activation('relu'), maxPool2d(2),
      conv2d(64, 3, { padding: 'same' }), activation('relu'), maxPool2d(2),
      flatten(), dense(64), activation('relu'), softmax(),
    ),
  };
}

/**
 * The grid detector on MNIST scenes to mAP@0.5 of 0.80 within 10 minutes of training (issue 26). Not yet
 * measured to the target: the recipe is a first guess from the unit test's small detector (mAP 0.04 to
 * 0.33 in 4 epochs of 600 scenes, Adam 0.003), with more scenes and epochs and Adam annealed to 0.
 */
export const DETECTOR_TARGET = { map: 0.8, budgetSeconds: 600 };
export const DETECTOR_SCENES = { trainCount: 6000, testCount: 200 } as const;
export const DETECTOR_RECIPE: HyperParams = {
  ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.003, batchSize: 32, epochs: 12, seed: 1,
  schedule: { kind: 'cosine', minFactor: 0 },
};
