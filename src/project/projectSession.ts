// The open project, kept in step with the app: every change of the experiment, and every epoch's trained
// weights (asked of the worker when an epoch ends), are saved automatically (debounced). At start-up the
// project open before the reload comes back: if the page's experiment is still that project's, its
// weights go back into the worker (predictions work at once, no retraining) and its loss curve into the
// chart. A save that fails is never dropped silently: the state carries the problem (a full quota names
// the largest other projects) until a later save succeeds. No React, no tfjs: views subscribe to it.
import { NEEDS_WEIGHTS, type ExportFile, type ExportTarget } from '../exporters/bundle';
import { exportAnyFile } from '../exporters/exportAny';
import type { WeightList } from '../exporters/weights';
import type { AppStore } from '../store/appStore';
import { selectLessonProgress } from '../store/lessonsSlice';
import { selectExperiment } from '../store/linkSlice';
import { decodeExperiment, encodeExperiment, type Experiment } from '../store/linkState';
import type { RunController, RunSeries } from '../store/runController';
import type { FromWorker } from '../train/api/protocol';
import { expectedWeights, weightsMismatch } from './expectedWeights';
import { decodeProjectFile, encodeProjectFile } from './projectFile';
import { ProjectStoreError, type ProjectStore } from './projectStore';
import { boundRuns, downsampleCurve, toEpochResult, toRunEpoch } from './runCurves';
import { ProjectFileError, type Project, type ProjectSummary, type RunCurve } from './types';

export interface SessionProblem {
  /** 'quota' | 'unavailable' | 'notFound' from the store, 'file.<code>' for a refused file, 'busy', 'untrained'. */
  readonly code: string;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface ProjectSessionState {
  readonly ready: boolean;
  readonly current: Project | null;
  readonly list: readonly ProjectSummary[];
  readonly saving: boolean;
  readonly problem: SessionProblem | null;
}

export interface ProjectSession {
  getState(): ProjectSessionState;
  subscribe(listener: () => void): () => void;
  saveNow(): Promise<void>;
  open(id: string): Promise<void>;
  newProject(name: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Reads a project file into a new project and opens it; what was open stays when the file is refused. */
  importFile(bytes: Uint8Array): Promise<boolean>;
  exportProject(): Uint8Array | null;
  /** The file for an Export-menu target; trained weights come from the worker (they are what predictions use). */
  exportTo(target: ExportTarget): Promise<ExportFile | null>;
  dismissProblem(): void;
  dispose(): void;
}

export interface ProjectSessionDeps {
  readonly store: AppStore;
  readonly run: Pick<RunController, 'weights' | 'restore'>;
  readonly series: RunSeries;
  readonly projects: ProjectStore;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly saveDelayMs?: number;
  readonly defaultName: string;
}

/**
 * The same experiment gives the same key: once through the link codec, so that key order (a network read
 * from a link is rebuilt in the schema's order) does not make two equal networks differ.
 */
export function experimentKey(e: Experiment): string {
  const text = encodeExperiment(e);
  const back = decodeExperiment(text, e).experiment;
  return back === null ? text : encodeExperiment(back);
}

const randomId = () => (globalThis.crypto?.randomUUID?.() ?? `p${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`);

export async function createProjectSession(deps: ProjectSessionDeps): Promise<ProjectSession> {
  const { store, run, series, projects } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomId;
  let state: ProjectSessionState = { ready: false, current: null, list: [], saving: false, problem: null };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ProjectSessionState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let weightsRequest = 0;
  let autosaveRequest = 0;
  const waiting = new Map<number, (msg: Extract<FromWorker, { type: 'weights' }> | null) => void>();
  let disposed = false;

  // The project's runs before the latest one (oldest first), and the latest as the project brought it back:
  // it stays the latest until a run starts (the store's runId moves on from `shown.runId`).
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
  const curves = (): readonly RunCurve[] => {
    const latest = latestCurve();
    return boundRuns(latest === null ? past : [...past, latest]);
  };
  // A new run clears the chart's series: the run that was on screen joins the past runs first.
  const offClear = series.loss.onBeforeClear(() => {
    if (replacing) return;
    const latest = latestCurve();
    if (latest !== null) past = boundRuns([...past, latest]);
    restoredLatest = null;
    shown = null;
  });

  const snapshot = (base: Project, weights: WeightList | null): Project => {
    const s = store.getState();
    const runs = curves();
    const last = runs.at(-1);
    const lastEpoch = last?.epochs[last.epochs.length - 1];
    return {
      ...base, updatedAt: now(), experiment: selectExperiment(s), dataShape: s.dataShape, weights,
      runs, testAccuracy: lastEpoch?.testAccuracy ?? base.testAccuracy, lessonProgress: selectLessonProgress(s),
    };
  };

  const fail = (err: unknown) => {
    if (err instanceof ProjectStoreError) set({ problem: { code: err.code, values: err.values }, saving: false });
    else if (err instanceof ProjectFileError) set({ problem: { code: `file.${err.code}`, values: err.values }, saving: false });
    else set({ problem: { code: 'unavailable', values: { detail: String((err as Error)?.message ?? err).slice(0, 120) } }, saving: false });
  };

  const persist = async (project: Project) => {
    set({ saving: true });
    try {
      await projects.save(project);
      await projects.setCurrentId(project.id);
      set({ current: project, list: await projects.list(), saving: false, problem: state.problem?.code === 'quota' ? null : state.problem });
    } catch (err) {
      fail(err);
    }
  };

  const saveNow = async () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const current = state.current;
    if (current === null || disposed) return;
    // An edited network no longer fits the saved weights: they go (the worker's model is of the old one).
    const sameNetwork = experimentKey({ ...selectExperiment(store.getState()), hyper: current.experiment.hyper })
      === experimentKey(current.experiment);
    await persist(snapshot(current, sameNetwork ? current.weights : null));
  };
  const schedule = () => {
    if (timer === null && !disposed) timer = setTimeout(() => void saveNow(), deps.saveDelayMs ?? 800);
  };

  const blank = (name: string): Project => {
    const s = store.getState();
    const t = now();
    return { id: newId(), name, createdAt: t, updatedAt: t, experiment: selectExperiment(s), dataShape: s.dataShape, weights: null, runs: [], testAccuracy: null, lessonProgress: selectLessonProgress(s) };
  };

  /** Puts a project on screen: its experiment into the store, its weights into the worker, its curve into the chart. */
  const show = (project: Project, onScreen = false): boolean => {
    const opened = onScreen || store.getState().loadExperiment(project.experiment);
    if (!opened) {
      set({ problem: { code: 'busy', values: {} } });
      return false;
    }
    replacing = true;
    try {
      series.loss.clear();
      series.accuracy.clear();
    } finally {
      replacing = false;
    }
    const curve = project.runs.at(-1) ?? null;
    past = project.runs.slice(0, -1);
    // The earlier runs go back into the chart's overlay of past runs.
    series.saved?.set(past.map((r) => ({
      loss: r.step.map((x, i) => ({ x, y: r.loss[i] as number })),
      accuracy: r.step.map((x, i) => ({ x, y: r.accuracy[i] as number })).filter((p) => Number.isFinite(p.y)),
    })));
    if (curve) {
      series.loss.append(curve.step, curve.loss);
      series.accuracy.append(curve.step, curve.accuracy);
    }
    // The trained network comes back as the current run, ended: its epoch table, and in the worker its
    // confusion matrix, feature maps, filters, saliency and understanding views (runController.restore).
    if (project.weights !== null) {
      run.restore({ spec: project.experiment.spec, dataShape: project.dataShape, weights: project.weights,
        epochs: (curve?.epochs ?? []).map(toEpochResult), step: curve?.step.at(-1) ?? 0 });
    }
    restoredLatest = curve;
    shown = { runId: store.getState().runId };
    // Lesson progress is the project's (a project saved before it kept any leaves the current one).
    if (project.lessonProgress !== null && project.lessonProgress !== undefined) store.getState().setLessonProgress(project.lessonProgress);
    return true;
  };

  // Epoch ends: ask the worker for the weights predictions now use, and save them with the curves.
  const offWorker = run.weights.subscribe((msg: FromWorker) => {
    if (msg.type === 'epoch') {
      autosaveRequest = ++weightsRequest;
      run.weights.requestWeights(autosaveRequest);
    } else if (msg.type === 'weights') {
      waiting.get(msg.requestId)?.(msg);
      waiting.delete(msg.requestId);
      if (msg.requestId === autosaveRequest && msg.weights !== null && state.current !== null) void persist(snapshot(state.current, msg.weights));
    } else if (msg.type === 'weights-loaded' && msg.problem !== null) {
      set({ problem: { code: 'file.weightsMismatch', values: { detail: msg.problem } } });
    }
  });
  const offStore = store.subscribe((s, prev) => {
    if (s.spec !== prev.spec || s.hyper !== prev.hyper || s.datasetId !== prev.datasetId || s.validationFraction !== prev.validationFraction ||
      s.lessonDone !== prev.lessonDone || s.lessonAnswers !== prev.lessonAnswers) schedule();
  });

  // Start-up: reopen the project that was open, when the page still shows its experiment.
  try {
    const [list, currentId] = await Promise.all([projects.list(), projects.currentId()]);
    const saved = currentId === null ? null : await projects.load(currentId);
    if (saved !== null && experimentKey(saved.experiment) === experimentKey(selectExperiment(store.getState()))) {
      show(saved, true);
      set({ ready: true, current: saved, list });
    } else {
      // A shared link (or a first visit) opened something else: that becomes a new project; the old one stays.
      const fresh = blank(deps.defaultName);
      set({ ready: true, current: fresh, list });
      await persist(fresh);
    }
  } catch (err) {
    set({ ready: true });
    fail(err);
  }

  const withCurrent = async (project: Project | null) => {
    if (project === null) return;
    if (show(project)) {
      await projects.setCurrentId(project.id);
      set({ current: project, list: await projects.list() });
    }
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    saveNow,
    async open(id) {
      await saveNow();
      await withCurrent(await projects.load(id)).catch(fail);
    },
    async newProject(name) {
      await saveNow();
      await persist(blank(name));
    },
    async rename(id, name) {
      try {
        await projects.rename(id, name, now());
        const current = state.current?.id === id ? { ...state.current, name } : state.current;
        set({ current, list: await projects.list() });
      } catch (err) {
        fail(err);
      }
    },
    async duplicate(id, name) {
      await saveNow();
      try {
        await projects.duplicate(id, newId(), name, now());
        set({ list: await projects.list() });
      } catch (err) {
        fail(err);
      }
    },
    async remove(id) {
      try {
        await projects.remove(id);
        const list = await projects.list();
        set({ list, current: state.current?.id === id ? null : state.current });
        if (state.current === null) await persist(blank(deps.defaultName));
      } catch (err) {
        fail(err);
      }
    },
    async importFile(bytes) {
      let project: Project;
      try {
        project = decodeProjectFile(bytes, newId());
      } catch (err) {
        fail(err);
        return false;
      }
      await saveNow();
      if (!show(project)) return false;
      await persist(project);
      return true;
    },
    exportProject: () => (state.current === null ? null : encodeProjectFile(snapshot(state.current, state.current.weights))),
    async exportTo(target) {
      const current = state.current;
      const s = store.getState();
      if (current === null || !s.analysis.valid) {
        set({ problem: { code: 'invalidNetwork', values: {} } });
        return null;
      }
      let trained: { weights: WeightList; topology: unknown } | null = null;
      if (NEEDS_WEIGHTS.has(target)) {
        const id = ++weightsRequest;
        const reply = await new Promise<Extract<FromWorker, { type: 'weights' }> | null>((resolve) => {
          if (!run.weights.requestWeights(id)) return resolve(null);
          waiting.set(id, resolve);
          setTimeout(() => resolve(null), 15_000);
        });
        waiting.delete(id);
        // The worker's model must be of the network on screen (an edit since training makes it stale).
        const fits = reply?.weights != null && weightsMismatch(expectedWeights(s.spec, s.analysis, s.dataShape.numClasses), reply.weights) === null;
        if (!fits || reply === null || reply.weights === null) {
          set({ problem: { code: 'untrained', values: {} } });
          return null;
        }
        trained = { weights: reply.weights, topology: reply.topology };
      }
      try {
        return await exportAnyFile(target, {
          name: current.name, spec: s.spec, analysis: s.analysis, data: s.dataShape, datasetId: s.datasetId, hyper: s.hyper, trained,
          course: { run: latestCurve(), language: s.language, classNames: s.datasetId === 'custom' ? s.customDataset?.data.meta.classNames : undefined },
          validationFraction: s.validationFraction, ...(s.customDataset ? { classNames: s.customDataset.data.meta.classNames } : {}),
        });
      } catch (err) {
        fail(err);
        return null;
      }
    },
    dismissProblem: () => set({ problem: null }),
    dispose() {
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      offWorker();
      offStore();
      offClear();
    },
  };
}
