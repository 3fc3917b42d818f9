// The number a task is judged by after each epoch. For one class per image or per pixel that is the share
// of right answers (accuracy); a detector's answers are boxes, so it is mAP at IoU 0.5 (the share of cells
// right about holding an object, which its worker side also counts, is not a detector's accuracy and is
// never shown as one). Views ask here which number to show and under which name.
import { taskOf } from './registry';

/** 'accuracy': a share of right answers, also known per batch; 'meanAP': mAP@0.5, known only per epoch. */
export type ScoreKind = 'accuracy' | 'meanAP';

/** The fields of an epoch's result that hold its scores (structurally src/train/api's EpochResult). */
export interface EpochScores {
  readonly testAccuracy: number;
  readonly validationAccuracy?: number;
  readonly testMeanAP?: number;
  readonly validationMeanAP?: number;
}

/** The score of the task with this id (classification's accuracy when no task is named). */
export function scoreKindOf(taskId: string | undefined): ScoreKind {
  return taskOf(taskId).score;
}

/** An epoch's test and validation score of this kind (undefined: not measured, e.g. no validation split). */
export function epochScore(e: EpochScores, kind: ScoreKind): { readonly test: number | undefined; readonly validation: number | undefined } {
  return kind === 'meanAP'
    ? { test: e.testMeanAP, validation: e.validationMeanAP }
    : { test: e.testAccuracy, validation: e.validationAccuracy };
}

/** Whether training reports this score per batch (a curve), or only after each epoch (points). */
export function scoredPerBatch(kind: ScoreKind): boolean {
  return kind === 'accuracy';
}
