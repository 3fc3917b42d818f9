// Runs side by side: two or more configurations that differ in chosen settings, trained one after the other
// on the same seed through the app's own run controller (the same worker, backend and dataset as Train).
// Each finished run's final numbers, loss curve and gradient-flow reading are kept for the overlay chart,
// the table and the lessons' checks. Framework-free: the React panel only starts and cancels it.
import type { ComparedRun } from '../../lessons/types';
import type { SeriesPoint } from '../../metrics/series';
import type { ModelSpec } from '../../model/spec';
import type { AppState, AppStore } from '../../store/appStore';
import type { StartWeights } from '../../store/modelSlice';
import type { RunController, RunSeries } from '../../store/runController';
import type { HyperParams } from '../../train/api/protocol';
import { downsample } from '../charts/downsample';

export interface CompareConfig {
  readonly label: string;
  readonly spec: ModelSpec;
  readonly hyper: HyperParams;
  /** Names the run for a table that places it (the transfer matrix's 'probe@0.1'). */
  readonly key?: string;
  /**
   * Where the run's weights start (a backbone's); null: all fresh. Absent: the store's start weights as they
   * are. Set for any run of a comparison, the store's are put back once it ends.
   */
  readonly startWeights?: StartWeights | null;
}

/** A finished run with its loss curve (thinned for drawing). */
export interface CompareRunView extends ComparedRun {
  readonly curve: readonly SeriesPoint[];
  /** Training seconds over all epochs (evaluation excluded). */
  readonly seconds: number;
  readonly key?: string;
  /** Training images the run used (after a share of the labels and the validation split); null if not reported. */
  readonly trainImages: number | null;
}

export interface CompareRunner {
  /** Trains each configuration in order; resolves with the runs (those finished before a cancel). */
  run(configs: readonly CompareConfig[]): Promise<CompareRunView[]>;
  cancel(): void;
  readonly runs: readonly CompareRunView[];
  subscribe(listener: () => void): () => void;
}

const ENDED = new Set(['done', 'stopped', 'error']);
const CURVE_POINTS = 400;

/** Resolves once the run `runId` has ended (or another run replaced it). */
function ended(store: AppStore, runId: number): Promise<AppState> {
  return new Promise((resolve) => {
    const check = (s: AppState) => {
      if (s.runId !== runId || ENDED.has(s.phase)) {
        off();
        resolve(s);
        return true;
      }
      return false;
    };
    const off = store.subscribe((s) => void check(s));
    check(store.getState());
  });
}

export function createCompareRunner(store: AppStore, controller: RunController, series: RunSeries): CompareRunner {
  let runs: CompareRunView[] = [];
  let cancelled = false;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());

  const trainOne = async (config: CompareConfig): Promise<CompareRunView | null> => {
    const s = store.getState();
    s.setSpec(config.spec);
    s.setHyper(config.hyper);
    if (config.startWeights !== undefined) s.setStartWeights(config.startWeights);
    const before = store.getState().runId;
    controller.start();
    const runId = store.getState().runId;
    if (runId === null || runId === before) return null; // refused: the network is invalid
    const end = await ended(store, runId);
    const g = controller.probes.latest?.gradients ?? null;
    return {
      label: config.label,
      ...(config.key !== undefined ? { key: config.key } : {}),
      trainImages: end.examples?.train ?? null,
      spec: end.spec,
      hyper: end.hyper,
      epochs: end.epochs,
      phase: end.runId === runId ? end.phase : 'stopped',
      diverged: end.divergence !== null,
      params: end.analysis.totals.trainable + end.analysis.totals.nonTrainable,
      gradients: g ? { ids: [...g.ids], gradNorm: Array.from(g.gradNorm), step: controller.probes.latest?.step ?? 0 } : null,
      curve: downsample(series.loss.points(), CURVE_POINTS),
      seconds: end.epochs.reduce((t, e) => t + e.seconds, 0),
    };
  };

  return {
    get runs() { return runs; },
    async run(configs) {
      const s = store.getState();
      if (s.compareProgress !== null) return runs;
      cancelled = false;
      runs = [];
      s.setComparedRuns([]);
      changed();
      // Gradient flow is part of every comparison's table: ask the worker for it while the runs go.
      const release = controller.probes.want('gradients');
      const startWeights = s.startWeights;
      try {
        for (let i = 0; i < configs.length && !cancelled; i++) {
          store.getState().setCompareProgress({ index: i, total: configs.length });
          const result = await trainOne(configs[i] as CompareConfig);
          if (result === null || cancelled) break;
          runs = [...runs, result];
          store.getState().setComparedRuns(runs);
          changed();
        }
      } finally {
        release();
        if (configs.some((c) => c.startWeights !== undefined)) store.getState().setStartWeights(startWeights);
        store.getState().setCompareProgress(null);
        changed();
      }
      return runs;
    },
    cancel() {
      cancelled = true;
      controller.stop();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The settings in which the runs differ, as readable "name: value" columns. */
export function differingSettings(runs: readonly Pick<ComparedRun, 'hyper' | 'spec'>[]): string[] {
  const keys = ['optimizer', 'learningRate', 'momentum', 'batchSize', 'epochs', 'seed', 'weightDecay'] as const;
  const differs = (f: (r: Pick<ComparedRun, 'hyper' | 'spec'>) => string) => new Set(runs.map(f)).size > 1;
  const out: string[] = keys.filter((k) => differs((r) => String(r.hyper[k])));
  if (differs((r) => JSON.stringify(r.spec.blocks))) out.push('network');
  return out;
}

/**
 * A run's value of a setting the runs differ in, as the table shows it: the optimizer by its name in the UI
 * ('SGD + momentum', not the id 'momentum'), a number in the UI's locale, the network by the run's label.
 */
export function settingText(setting: string, run: Pick<ComparedRun, 'hyper' | 'label'>, optimizerName: (id: string) => string,
  lang: string): string {
  if (setting === 'network') return run.label;
  if (setting === 'optimizer') return optimizerName(run.hyper.optimizer);
  const value: unknown = run.hyper[setting as keyof ComparedRun['hyper']];
  return typeof value === 'number' ? value.toLocaleString(lang, { maximumSignificantDigits: 6 }) : String(value);
}
