// The typed message protocol between the UI and the training worker. Every run-scoped message carries
// the runId; the client drops messages of a stale run. Metrics arrive in batches of typed arrays.
import type { RunFailure } from './failure';
import type { WeightList } from '../../codegen/weights';
import type { DataShape, ModelSpec } from '../../model/spec';
import type { ProbeConfig, ProbeSnapshot } from './probeTypes';
import type { UnderstandFromWorker, UnderstandToWorker } from './understandProtocol';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adam', 'rmsprop', 'adadelta', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * How the learning rate changes over a run, as a factor on the base rate: 'step' multiplies it by
 * `factor` every `everyEpochs` epochs; 'cosine' glides from 1 down to `minFactor` over the whole run.
 */
export type LrSchedule =
  | { readonly kind: 'constant' }
  | { readonly kind: 'step'; readonly everyEpochs: number; readonly factor: number }
  | { readonly kind: 'cosine'; readonly minFactor: number };

/** Seeded data augmentation of training batches (never of the test set). */
export interface Augmentation {
  /** Mirror each image left-right with probability 1/2. */
  readonly flip: boolean;
  /** Shift each image by up to this many pixels in each direction (zero fill); 0 = off. */
  readonly shift: number;
}

/** Plain JSON: every field goes into the page link. */
export interface HyperParams {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** Momentum for 'momentum' and 'nesterov' (and RMSProp's momentum term); ignored by the others. */
  readonly momentum: number;
  readonly schedule: LrSchedule;
  /** L2 penalty on the weights (not biases): adds weightDecay/2 * sum(w^2) to the loss. 0 = off. */
  readonly weightDecay: number;
  readonly augmentation: Augmentation;
  readonly batchSize: number;
  readonly epochs: number;
  /** Fixes the weight initialisation, data order, augmentation and dropout masks. */
  readonly seed: number;
  /** Segmentation's loss (src/train/tasks/segmentation.ts); a class-per-image run ignores it. None: cross-entropy alone. */
  readonly pixelLoss?: PixelLoss;
  /** The grid detector's loss weights (src/train/tasks/detection.ts); other tasks ignore them. None: YOLO v1's. */
  readonly boxLoss?: BoxLoss;
  /** Train on this share of the training labels, the same share of every class (src/data/labelShare.ts); all when absent. */
  readonly labelShare?: LabelShare;
}

/** YOLO v1's two loss weights a student may change (the objectness and class terms keep weight 1). */
export interface BoxLoss {
  /** lambda_coord: the box's squared error (x, y, sqrt w, sqrt h) in the cells that hold an object. */
  readonly coord: number;
  /** lambda_noobj: the objectness cross-entropy of the cells that hold none. */
  readonly noObject: number;
}

export interface PixelLoss {
  /** How much of the Dice loss to add to the per-pixel cross-entropy; 0: cross-entropy alone. */
  readonly dice: number;
  /** Weigh each class's pixels by how rare the class is in the training masks (median frequency / frequency). */
  readonly balance: boolean;
}

// Which dataset a run uses: a web-ready folder by URL, or one made in the page (see src/data/types.ts).
import type { DatasetRef } from '../../data/types';
import type { LabelShare } from '../../data/labelShare';
export type { DatasetRef, InlineDatasetRef, UrlDatasetRef } from '../../data/types';

export type ToWorker =
  | { readonly type: 'start'; readonly runId: number; readonly spec: ModelSpec; readonly dataset: DatasetRef;
      readonly hyper: HyperParams; readonly backend: BackendChoice;
      /** Start paused (before the first batch), for stepping through a run one batch at a time. */
      readonly startPaused?: boolean;
      /** 'one' keeps training in a single worker; absent or 'auto': data-parallel where it helps (parallel/plan.ts). */
      readonly workers?: WorkersChoice;
      /** The backend 'auto' measured fastest on an earlier visit of this browser (api/backendMemory.ts). */
      readonly remembered?: RememberedBackend;
      /** Transfer learning: weights (by TensorFlow.js name) the run starts from instead of fresh ones (startWeights.ts). */
      readonly initialWeights?: WeightList }
  /**
   * Before any run (the page has just opened): load tfjs's backend and the dataset the page shows now, so the
   * first Train starts at once. No runId: it belongs to no run, and is dropped while one goes on.
   */
  | { readonly type: 'prepare'; readonly dataset: DatasetRef; readonly backend: BackendChoice; readonly remembered?: RememberedBackend }
  | { readonly type: 'pause'; readonly runId: number }
  /** Changes the base learning rate; it takes effect at the next batch (the schedule still applies). */
  | { readonly type: 'set-lr'; readonly runId: number; readonly learningRate: number }
  /** While paused: train exactly one batch, post its metrics, and stay paused. */
  | { readonly type: 'step'; readonly runId: number }
  | { readonly type: 'resume'; readonly runId: number }
  | { readonly type: 'stop'; readonly runId: number }
  /** What the views want probed; a standing wish that applies to this run and the runs after it. */
  | { readonly type: 'probe-config'; readonly runId: number; readonly config: ProbeConfig }
  /** Class probabilities of one image (H*W*C floats in [0, 1]) from the run's latest epoch-end weights. */
  | { readonly type: 'predict'; readonly runId: number; readonly requestId: number; readonly input: Float32Array }
  /** Saved projects and exports: the weights predictions use (the latest epoch's), answered with 'weights'. */
  | { readonly type: 'get-weights'; readonly runId: number; readonly requestId: number }
  /** A reopened project: its saved weights become this runId's model, so predictions work without training. */
  | { readonly type: 'load-weights'; readonly runId: number; readonly spec: ModelSpec; readonly dataShape: DataShape;
      readonly weights: WeightList; readonly epoch: number;
      /** A reopened project's views: the worker selects the backend, loads the test set, posts the confusion matrix
       * of the loaded weights, and the probes and understanding views work on them as after a run (restore.ts). */
      readonly views?: { readonly dataset: DatasetRef; readonly backend: BackendChoice; readonly step: number } }
  /** One of the understanding views' computations on the run's current weights (understand/protocol.ts). */
  | UnderstandToWorker;

export type RunPhase =
  | 'loading-data' // fetching / decoding the dataset
  | 'preparing' // backend set-up, first compile / shader warm-up
  | 'training'
  | 'paused'
  | 'evaluating'
  | 'stopped'
  | 'done'
  | 'error';

/** 'many': K workers even for a small network (the bench, and a learner who wants to compare). */
export type WorkersChoice = 'auto' | 'one' | 'many';

/**
 * How many workers train the run data-parallel, and why that many: 'cores' (K from the core count), or why
 * one: 'chosen' (the user asked for one), 'one-core', 'gpu' (a GPU backend: one worker drives the GPU),
 * 'small-batch', 'no-workers' (no nested workers here), 'failed' (helpers did not start; `detail` says why).
 */
export const WORKERS_REASONS = ['cores', 'chosen', 'one-core', 'gpu', 'small-batch', 'small-network', 'no-workers', 'failed'] as const;

export interface WorkersInfo {
  readonly count: number;
  readonly reason: (typeof WORKERS_REASONS)[number];
  /** navigator.hardwareConcurrency in the worker, when known. */
  readonly cores?: number;
  readonly detail?: string;
}

export interface BackendInfo {
  readonly name: BackendName;
  /** Why this backend: 'chosen by user', 'fastest in probe', 'fallback after webgl failed', ... */
  readonly reason: string;
  /** GPU renderer string when webgl was probed, e.g. a SwiftShader renderer. */
  readonly renderer?: string;
  /** Milliseconds per step of the short training probe, per backend, when 'auto' timed several (backendMeasure.ts). */
  readonly measuredMs?: Partial<Record<BackendName, number>>;
  /** The WebGPU adapter, when navigator.gpu gave one. */
  readonly adapter?: string;
  /** The timings are an earlier visit's, remembered by this browser: no probe ran this time. */
  readonly remembered?: boolean;
  /** Data-parallel training workers, once the run has decided (posted again with this set). */
  readonly workers?: WorkersInfo;
}

/**
 * What 'auto' measured in this browser: the fastest backend, its timings, and the GPU they were taken on. A
 * later visit on the same GPU starts that backend at once instead of timing the candidates again.
 */
export interface RememberedBackend {
  readonly name: BackendName;
  readonly measuredMs: Partial<Record<BackendName, number>>;
  readonly renderer?: string;
  readonly adapter?: string;
}

/** A batch of per-step metrics; arrays are equally long and transferred, not copied. */
export interface MetricsBatch {
  readonly step: Float64Array; // global batch index, from 1
  readonly epoch: Float64Array; // epoch index, from 1
  readonly loss: Float32Array;
  readonly accuracy: Float32Array;
  /** The learning rate in effect at the last step of this batch (base rate times the schedule). */
  readonly learningRate?: number;
}

/** Why a run stopped itself: the UI explains it and suggests what to try. */
export interface Divergence {
  /** 'nan': the loss became NaN or infinite; 'exploding': its running average stayed far above where it started. */
  readonly kind: 'nan' | 'exploding';
  readonly step: number;
  readonly epoch: number;
  /** The (smoothed) loss that tripped the guard; null when it was NaN or infinite. */
  readonly loss: number | null;
  /** The loss of the run's first step (before any update), for comparison. */
  readonly startLoss: number | null;
  readonly learningRate: number;
  /** What to try next: a rate that trained in a short test on a few batches, else a tenth of the rate in effect. */
  readonly suggestedLearningRate: number;
  /** True when the suggestion trained in that short test (rateFinder.ts). */
  readonly suggestionTested?: boolean;
  /**
   * 'exploding' only, when the loss did not stay high: it spiked (peakLoss, one batch's loss, at peakStep) and came
   * back down (recentLoss, the mean of the last few batches), while its running average stayed above the limit.
   */
  readonly fellBack?: { readonly peakLoss: number; readonly peakStep: number; readonly recentLoss: number };
}

export interface EpochResult {
  readonly epoch: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** On the held-out validation split, when the run has one (DatasetRef.validationFraction > 0). */
  readonly validationLoss?: number;
  readonly validationAccuracy?: number;
  /** Segmentation (src/tasks/segmentation.ts): mean IoU over the classes on the test / validation split. */
  readonly testMeanIoU?: number;
  readonly validationMeanIoU?: number;
  /** Each class's IoU on the test split (NaN for a class neither present nor predicted). */
  readonly testClassIoU?: readonly number[];
  /** Detection (src/tasks/detection.ts): mAP at IoU 0.5 on the test / validation split. */
  readonly testMeanAP?: number;
  readonly validationMeanAP?: number;
  /** Training throughput over this epoch, images per second (excluding evaluation). */
  readonly imagesPerSecond: number;
  /** Training multiply-adds per second (estimate.ts): the speed an estimate for an edited network uses. */
  readonly multiplyAddsPerSecond?: number;
  readonly seconds: number;
  /** The most tensor memory seen so far in the run (tf.memory().numBytes, sampled during each step's forward pass). */
  readonly peakTensorBytes?: number;
}

export type FromWorker =
  | { readonly type: 'phase'; readonly runId: number; readonly phase: RunPhase; readonly detail?: string }
  | { readonly type: 'backend'; readonly runId: number; readonly backend: BackendInfo }
  | { readonly type: 'dataset'; readonly runId: number; readonly trainCount: number; readonly testCount: number;
      /** With a share of the labels: the training examples it was taken from (before any validation split). */
      readonly labelledOf?: number }
  | { readonly type: 'metrics'; readonly runId: number; readonly batch: MetricsBatch }
  | { readonly type: 'epoch'; readonly runId: number; readonly result: EpochResult }
  /** `failure`: the code the UI translates (failure.ts); `message` is the English text for the console. */
  | { readonly type: 'error'; readonly runId: number; readonly message: string; readonly failure?: RunFailure }
  /** Posted just before the 'error' of a run that stopped itself because the loss blew up. */
  | { readonly type: 'diverged'; readonly runId: number; readonly divergence: Divergence }
  /** Activations, filters, gradients and saliency for the chosen input; typed arrays transferred. */
  | { readonly type: 'probes'; readonly runId: number; readonly probes: ProbeSnapshot }
  /** The answer to a 'predict'; `probabilities` is null (with a reason) when there is no trained model yet. */
  | { readonly type: 'prediction'; readonly runId: number; readonly requestId: number; readonly epoch: number;
      readonly probabilities: Float32Array | null; readonly reason?: 'no-model' | 'bad-input' }
  /** After each epoch's test evaluation: the confusion matrix and the most confident mistakes; arrays transferred. */
  | { readonly type: 'confusion'; readonly runId: number; readonly report: ConfusionReport }
  /** The answer to 'get-weights': null (with epoch 0) when this run has no trained model yet. */
  | { readonly type: 'weights'; readonly runId: number; readonly requestId: number; readonly epoch: number;
      readonly weights: WeightList | null; readonly topology: unknown }
  /** The answer to 'load-weights'; `problem` says why the weights could not be loaded. */
  | { readonly type: 'weights-loaded'; readonly runId: number; readonly problem: string | null }
  | UnderstandFromWorker
  /** Several of the above posted together in one step (outbox.ts), in the order they were posted. */
  | { readonly type: 'batch'; readonly runId: number; readonly messages: readonly FromWorker[] };

/** The test set's confusion matrix after one epoch (rows: true class, columns: predicted class). */
export interface ConfusionReport {
  readonly epoch: number;
  readonly numClasses: number;
  /** numClasses * numClasses counts, row-major. */
  readonly matrix: Int32Array;
  readonly mistakes: MistakeBatch;
  /**
   * Segmentation: the matrix counts pixels, `mistakes` is empty, and these are the chosen test images' masks
   * (the mask view) and the images of lowest IoU, lowest first.
   */
  readonly masks?: { readonly chosen: MaskBatch; readonly worst: MaskBatch };
}

/** Test images with their true and predicted masks; `images` count * H*W*C bytes, the masks count * H*W classes. */
export interface MaskBatch {
  readonly imageShape: readonly [number, number, number];
  readonly images: Uint8Array;
  readonly index: Int32Array;
  readonly truth: Uint8Array;
  readonly predicted: Uint8Array;
  /** Each image's mean IoU over the classes in its truth or prediction. */
  readonly iou: Float32Array;
}

/** The most confident wrong answers, most confident first; `images` holds count * H*W*C bytes. */
export interface MistakeBatch {
  readonly imageShape: readonly [number, number, number];
  readonly images: Uint8Array;
  /** Index of each example in the test split. */
  readonly index: Int32Array;
  readonly label: Int32Array;
  readonly predicted: Int32Array;
  /** The probability the model gave its (wrong) answer. */
  readonly confidence: Float32Array;
}
