// What a network's output means, on the pure side: the task. Classification (one class per image) and
// segmentation (one class per pixel) are tasks; boxes (detection) add another module here and its tfjs
// side in src/train/tasks/, rather than branches through the engine, the data pipeline and the exporters.
import type { DataShape, Shape } from '../model/spec';
import type { TargetBox } from './detectionGrid';

/** The targets of a split as the task reads them (structurally src/data's Split: tasks import no app code). */
export interface TargetSource {
  /** A class index per example. */
  readonly labels: Uint8Array;
  /** A class index per pixel, H*W bytes per example, row-major (segmentation datasets only). */
  readonly masks?: Uint8Array;
  /** The objects of each example (detection datasets only). */
  readonly boxes?: readonly (readonly TargetBox[])[];
}

export interface TaskModule {
  readonly id: string;
  /** What one example's target is: a class index per image, or per pixel (boxes later). */
  readonly target: 'classPerImage' | 'classPerPixel' | 'boxesPerCell';
  /** The metrics training reports, in the order the worker returns them (i18n: run.metric.<name>). */
  readonly metrics: readonly string[];
  /** The number the task is judged by after each epoch, shown where a score is shown (src/tasks/score.ts). */
  readonly score: 'accuracy' | 'meanAP';
  /** Numbers in one example's target as the batch buffers hold it (a one-hot row, or one per pixel). */
  targetSize(data: DataShape): number;
  /** Writes example `index`'s target (targetSize numbers) into `out` from `at`; throws on a bad class. */
  writeTarget(source: TargetSource, index: number, out: Float32Array, at: number, data: DataShape): void;
  /** The output shape a network needs for this task (its head's): [classes], or [H, W, classes]. */
  outputShape(data: DataShape): Shape;
  /**
   * Metrics beyond loss and accuracy, from the sums the worker side adds up over a whole split
   * (WorkerTask.extraSums); absent when the task has none. Classification has none; segmentation's IoU.
   */
  summarize?(extra: ArrayLike<number>, data: DataShape): TaskSummary;
  /**
   * Metrics that need every example's output, not sums (detection's mAP): from the split's raw outputs one
   * after another and its true boxes in the same order.
   */
  summarizeOutputs?(outputs: Float32Array, truths: readonly (readonly TargetBox[])[], data: DataShape): TaskSummary;
  /** The export head: how the exported code trains and predicts with this task's output. */
  readonly pytorch: {
    /** A loss module for train.py, taking the network's raw output and the targets. */
    readonly loss: string;
    /** The body of predict_proba(self, x): probabilities from the raw output. */
    readonly predict: string;
  };
  readonly keras: {
    /** model.compile's loss and metrics arguments. */
    readonly loss: string;
    readonly metrics: string;
  };
  /**
   * Why a target cannot export this task yet (its train script and notebook assume one class per image),
   * by target; absent where every target can.
   */
  readonly exportRefusal?: Readonly<Partial<Record<'pytorchTrain' | 'notebook' | 'keras', string>>>;
}

/** Per-split metrics a task adds: mean IoU over the classes present, and each class's IoU (NaN: absent); mAP@0.5. */
export interface TaskSummary {
  readonly meanIoU?: number;
  readonly classIoU?: readonly number[];
  readonly meanAP?: number;
}
