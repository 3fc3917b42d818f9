// Before training: how much memory a run needs and how long an epoch takes, from the model core's
// analysis alone (no tfjs, so the UI can call it on every edit). A network that would not fit the backend
// is refused with the reason, instead of crashing the tab halfway through the first batch.
import type { RunFailure } from './failure';
import type { ModelAnalysis } from '../../model/analysis';
import { measureModel } from '../../model/cost';
import type { DataShape, ModelSpec } from '../../model/spec';
import { formatBytes } from '../../model/units';
import type { BackendChoice, BackendName, HyperParams, OptimizerName } from './protocol';

/** Extra float32 copies of every weight the optimizer keeps (its "slots"). */
export const OPTIMIZER_SLOTS: Readonly<Record<OptimizerName, number>> = {
  sgd: 0, momentum: 1, nesterov: 1, adam: 2, rmsprop: 1, adadelta: 2, adagrad: 1,
};

/**
 * Training multiply-adds per second, assumed until a run measures them. Calibrated on this project's
 * measurements (../shared/BROWSER.md, bench/): LeNet-5 at ~2,200 img/s on wasm is ~2.8e9; the small
 * CIFAR net at ~425 img/s ~5e9; webgl on a software renderer ~0.26e9; plain JS ~0.12e9. A real GPU is
 * assumed at a modest 2e10 (integrated laptop GPUs).
 */
export const ASSUMED_MACS_PER_SECOND: Readonly<Record<BackendName, number>> = {
  webgpu: 2e10, webgl: 2e10, wasm: 3e9, cpu: 1.2e8,
};

/**
 * The most a run may need per backend. wasm's heap is 32-bit (tfjs grows it to at most 4 GB, and large
 * single allocations fail well before); a browser tab's JS heap and an integrated GPU's share are both
 * commonly limited to 1-2 GB. Conservative on purpose: refusing costs a smaller batch, crashing costs the tab.
 */
export const MEMORY_LIMIT_BYTES: Readonly<Record<BackendName, number>> = {
  webgpu: 1024 ** 3, webgl: 1024 ** 3, wasm: 1.5 * 1024 ** 3, cpu: 1.5 * 1024 ** 3,
};

const FLOAT_BYTES = 4;

export interface RunEstimate {
  readonly params: number;
  /** Multiply-adds of one forward pass for one example. */
  readonly forwardMacs: number;
  /** Floats of every block's output for one example. */
  readonly activationFloats: number;
  readonly memoryBytes: number;
  readonly secondsPerEpoch: number;
  readonly backend: BackendChoice;
  /** The memory limit it was checked against (for 'auto', the smallest). */
  readonly limitBytes: number;
  /** Set when the run is refused: the memory needed exceeds the backend's limit. */
  readonly refused: boolean;
}

export interface EstimateInput {
  readonly spec: ModelSpec;
  /** The data shape the analysis was made for. */
  readonly data: DataShape;
  readonly analysis: ModelAnalysis;
  readonly hyper: Pick<HyperParams, 'batchSize' | 'optimizer'>;
  readonly trainCount: number;
  /** The backend chosen or in use; 'auto' is judged as the most constrained one. */
  readonly backend: BackendChoice;
  /**
   * Training multiply-adds per second measured by an earlier run on this backend, when known
   * (EpochResult.multiplyAddsPerSecond): a rate of work, so it carries over to an edited network.
   */
  readonly measuredMacsPerSecond?: number;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function estimateRun(input: EstimateInput): RunEstimate {
  const { analysis, hyper, trainCount } = input;
  const { backend } = input;
  const params = analysis.totals.trainable + analysis.totals.nonTrainable;
  // The core's one multiply-add counter (cost.ts): convolutions and dense layers, one per weight use.
  const forwardMacs = measureModel(input.spec, analysis, input.data).totals.macs;
  const activationFloats = analysis.blocks.reduce((sum, b) => sum + (b.outputShape ? product(b.outputShape) : 0), 0);
  // Weights, their gradients and the optimizer's slots; every activation kept for the backward pass plus
  // its gradient (x2), for the whole batch.
  const weightBytes = params * FLOAT_BYTES * (2 + OPTIMIZER_SLOTS[hyper.optimizer]);
  const activationBytes = activationFloats * FLOAT_BYTES * hyper.batchSize * 2;
  const memoryBytes = weightBytes + activationBytes;
  // Backward costs about twice the forward pass.
  const rate = input.measuredMacsPerSecond ?? ASSUMED_MACS_PER_SECOND[backend === 'auto' ? 'wasm' : backend];
  const secondsPerEpoch = (trainCount * 3 * forwardMacs) / rate;
  const limitBytes = backend === 'auto' ? Math.min(...Object.values(MEMORY_LIMIT_BYTES)) : MEMORY_LIMIT_BYTES[backend];
  return { params, forwardMacs, activationFloats, memoryBytes, secondsPerEpoch, backend, limitBytes, refused: memoryBytes > limitBytes };
}

/** The worker's own check before building the model, for runs started without the UI's (a link, a script). */
export function refusalReason(estimate: RunEstimate, batchSize: number): string | null {
  if (!estimate.refused) return null;
  return `This network needs about ${formatBytes(estimate.memoryBytes)} at batch size ${batchSize}, more than the ` +
    `${formatBytes(estimate.limitBytes)} that is safe on ${estimate.backend}. Use a smaller batch or a smaller network.`;
}

/** The same refusal as a code and values, for the UI to say in its language (failure.ts). */
export function refusalFailure(estimate: RunEstimate, batchSize: number): RunFailure | null {
  if (!estimate.refused) return null;
  return { code: 'tooLarge', values: { memory: formatBytes(estimate.memoryBytes), batch: batchSize, limit: formatBytes(estimate.limitBytes), backend: estimate.backend } };
}

/** Multiply-adds per second of training (forward and backward, about three forward passes) at a measured speed. */
export function trainingMacsPerSecond(imagesPerSecond: number, forwardMacs: number): number {
  return imagesPerSecond * 3 * forwardMacs;
}
