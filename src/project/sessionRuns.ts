// The runs of the open project as the chart and the worker hold them: the runs before the latest one
// (oldest first), and the latest as the project brought it back. It stays the latest until a run starts
// (the store's runId moves on from the one it was shown at); a new run clears the chart, and the run that
// was on screen joins the past runs first.
import type { AppStore } from '../store/appStore';
import type { RunController, RunSeries } from '../store/runController';
import { boundRuns, downsampleCurve, toEpochResult, toRunEpoch } from './runCurves';
import type { Project, RunCurve } from './types';

export interface RunHistory {
  /** Every run to save with the project, the one on screen last. */
  curves(): readonly RunCurve[];
  /** The run on screen (null before any): the notebook export carries it. */
  latest(): RunCurve | null;
  /** The project's runs into the chart, its trained weights into the worker (as the current run, ended). */
  show(project: Project): void;
  /** The project's runs as past ones behind a run this page started before the project opened, left as it is. */
  behindLive(project: Project): void;
  dispose(): void;
}

export function createRunHistory(store: AppStore, series: RunSeries, run: Pick<RunController, 'restore'>): RunHistory {
  let past: RunCurve[] = [];
  let restoredLatest: RunCurve | null = null;
  let shown: { readonly runId: number | null } | null = null;
  let replacing = false;

  const latestCurve = (): RunCurve | null => {
    if (shown !== null && store.getState().runId === shown.runId) return restoredLatest;
    const loss = series.loss.points();
    const accuracy = series.accuracy.points();
    const epochs = store.getState().epochs.map(toRunEpoch);
    if (loss.length === 0 && epochs.length === 0) return null;
    return downsampleCurve({ label: 'latest', step: loss.map((p) => p.x), loss: loss.map((p) => p.y), accuracy: loss.map((_, i) => accuracy[i]?.y ?? Number.NaN), epochs });
  };
  const offClear = series.loss.onBeforeClear(() => {
    if (replacing) return;
    const latest = latestCurve();
    if (latest !== null) past = boundRuns([...past, latest]);
    restoredLatest = null;
    shown = null;
  });
  // The earlier runs go back into the chart's overlay of past runs.
  const setPast = (runs: readonly RunCurve[]) => {
    past = [...runs];
    series.saved?.set(past.map((r) => ({
      loss: r.step.map((x, i) => ({ x, y: r.loss[i] as number })),
      accuracy: r.step.map((x, i) => ({ x, y: r.accuracy[i] as number })).filter((p) => Number.isFinite(p.y)),
    })));
  };

  return {
    latest: latestCurve,
    curves() {
      const latest = latestCurve();
      return boundRuns(latest === null ? past : [...past, latest]);
    },
    show(project) {
      replacing = true;
      try {
        series.loss.clear();
        series.accuracy.clear();
      } finally {
        replacing = false;
      }
      const curve = project.runs.at(-1) ?? null;
      setPast(project.runs.slice(0, -1));
      if (curve) {
        series.loss.append(curve.step, curve.loss);
        // Only the steps with an accuracy: a detector's run records none (its curve saves NaN there).
        const measured = curve.step.flatMap((x, i) => (Number.isFinite(curve.accuracy[i]) ? [i] : []));
        series.accuracy.append(measured.map((i) => curve.step[i] as number), measured.map((i) => curve.accuracy[i] as number));
      }
      // The trained network comes back as the current run, ended: its epoch table, and in the worker its
      // confusion matrix, feature maps, filters, saliency and understanding views (runController.restore).
      if (project.weights !== null) {
        run.restore({ spec: project.experiment.spec, dataShape: project.dataShape, weights: project.weights,
          epochs: (curve?.epochs ?? []).map(toEpochResult), step: curve?.step.at(-1) ?? 0 });
      }
      restoredLatest = curve;
      shown = { runId: store.getState().runId };
    },
    behindLive(project) {
      setPast(boundRuns(project.runs));
      restoredLatest = null;
      shown = null;
    },
    dispose: () => offClear(),
  };
}
