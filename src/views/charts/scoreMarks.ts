// The chart's words for what its points and curves are, by the score the run's task is judged by
// (src/tasks/score.ts). A detector has no accuracy curve and its per-epoch points are its mAP@0.5, so none
// of its marks is called accuracy.
import { scoredPerBatch, type ScoreKind } from '../../tasks/score';
import type { LegendMarks } from './chartParts';

type Translate = (key: string) => string;

export interface ScoreMarks {
  /** Full names (tooltips, the hover read-out, the chart's accessible name). */
  readonly marks: LegendMarks;
  /** The legend row's short words. */
  readonly short: LegendMarks;
  /** Whether the run draws a score curve per batch (and the legend names it). */
  readonly perBatch: boolean;
}

/** `t`: the app namespace, `tp`: predict, `tc`: chartFrame. */
export function scoreMarks(kind: ScoreKind, t: Translate, tp: Translate, tc: Translate): ScoreMarks {
  const map = kind === 'meanAP';
  const marks: LegendMarks = {
    loss: t('chart.loss'),
    // The chart's name for its right axis: a detector's is the test mAP.
    accuracy: map ? tp('curves.testMeanAP') : t('chart.accuracy'),
    testAccuracy: map ? tp('curves.testMeanAP') : tp('curves.testAccuracy'),
    validation: map ? tp('curves.validationMeanAP') : tp('curves.validation'),
    meanIoU: tp('curves.meanIoU'),
  };
  const short: LegendMarks = {
    loss: tc('marks.loss'),
    accuracy: map ? tc('mapMarks.test') : tc('marks.accuracy'),
    testAccuracy: map ? tc('mapMarks.test') : tc('marks.test'),
    validation: map ? tc('mapMarks.validation') : tc('marks.validation'),
    meanIoU: tc('marks.iou'),
  };
  return { marks, short, perBatch: scoredPerBatch(kind) };
}
