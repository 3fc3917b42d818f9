// The curves of the current run and of the runs before it, for the loss chart's overlay. The current
// run's points live in the metric series until the next run clears them; the copy is taken just before
// that clear (Series.onBeforeClear), whether or not the chart drew, so a run trained while the chart was
// off screen still joins the overlay with its whole curve.
import type { Series, SeriesPoint } from '../../metrics/series';

export interface EpochPoint {
  readonly x: number;
  /** The run's score on the test / validation split: accuracy, or a detector's mAP@0.5 (src/tasks/score.ts). */
  readonly test: number | undefined;
  readonly validation?: number | undefined;
  /** Segmentation runs: the test split's mean IoU, drawn on the accuracy axis (both run 0..1). */
  readonly testMeanIoU?: number;
}

export interface RunCurves {
  run: number;
  loss: SeriesPoint[];
  accuracy: SeriesPoint[];
  lr: SeriesPoint[];
  epochs: EpochPoint[];
}

export interface RunHistory {
  /** Earlier runs, oldest first, at most `keepRuns`: a reopened project's saved runs, then this session's. */
  readonly past: readonly RunCurves[];
  /** A reopened project's earlier runs (numbered -1, -2, ... from the newest back, so no live run shares a number). */
  setSaved(runs: readonly { readonly loss: readonly SeriesPoint[]; readonly accuracy: readonly SeriesPoint[] }[]): void;
  /** The current run: its curves are copied from the series when they are cleared (until then, read them there). */
  readonly current: RunCurves;
  /** A new run begins: the current one joins the past runs when it has a curve. */
  startRun(run: number): void;
  dispose(): void;
}

export function createRunHistory(loss: Series, accuracy: Series, keepRuns = 4): RunHistory {
  const past: RunCurves[] = [];
  let saved: RunCurves[] = [];
  let current: RunCurves = { run: 1, loss: [], accuracy: [], lr: [], epochs: [] };
  const sync = () => {
    if (loss.length === 0) return;
    current.loss = loss.points();
    current.accuracy = accuracy.points();
  };
  const offLoss = loss.onBeforeClear(sync);
  const offAccuracy = accuracy.onBeforeClear(() => {
    if (accuracy.length > 0) current.accuracy = accuracy.points();
  });
  return {
    get past() {
      return saved.length === 0 ? past : [...saved, ...past].slice(-keepRuns);
    },
    setSaved(runs) {
      saved = runs.filter((r) => r.loss.length > 0).map((r, i, all) => ({
        run: i - all.length, loss: [...r.loss], accuracy: [...r.accuracy], lr: [], epochs: [],
      }));
    },
    get current() {
      return current;
    },
    startRun(run) {
      if (run === current.run) return;
      if (current.loss.length > 0) past.push(current);
      while (past.length > keepRuns) past.shift();
      current = { run, loss: [], accuracy: [], lr: [], epochs: [] };
    },
    dispose() {
      offLoss();
      offAccuracy();
    },
  };
}
