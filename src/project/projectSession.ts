// The open project, kept in step with the app: every change of the experiment, and every epoch's trained
// weights (asked of the worker when an epoch ends), are saved automatically (debounced). At start-up the
// project open before the reload comes back: if the page's experiment is still that project's, its
// weights go back into the worker (predictions work at once, no retraining) and its loss curve into the
// chart. A save that fails is never dropped silently: the state carries the problem (a full quota names
// the largest other projects) until a later save succeeds. No React, no tfjs: views subscribe to it.
// Nothing is lost on leaving: the project is also saved on pagehide / visibilitychange, and what is not
// stored yet is kept synchronously (leaveBackup.ts). A bare address reopens the project last open; a link
// naming another experiment opens it unsaved (it becomes a project when changed). Tabs on one project stay
// in step (tabChannel.ts), and a save made from an older version is kept as a copy, never written over.
import type { WeightList } from '../codegen/weights';
import { selectLessonProgress } from '../store/lessonsSlice';
import { selectExperiment } from '../store/linkSlice';
import type { FromWorker } from '../train/api/protocol';
import { decodeProjectFile, encodeProjectFile } from './projectFile';
import { ProjectStoreError } from './projectStore';
import { experimentKey, sameNetwork, startProject } from './sessionStart';
import type { TabMessage } from './tabChannel';
import type { ProjectSession, ProjectSessionDeps, ProjectSessionState, SessionProblem } from './sessionTypes';
import { exportNetwork, type WeightsReply } from './sessionExport';
import { createRunHistory } from './sessionRuns';
import { ProjectFileError, type Project } from './types';

export type { ProjectSession, ProjectSessionDeps, ProjectSessionState, SessionProblem } from './sessionTypes';


export { experimentKey, sameNetwork };

const randomId = () => (globalThis.crypto?.randomUUID?.() ?? `p${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`);

export async function createProjectSession(deps: ProjectSessionDeps): Promise<ProjectSession> {
  const { store, run, series, projects, backup, tabs } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomId;
  let state: ProjectSessionState = { ready: false, current: null, unsaved: false, list: [], saving: false, problem: null };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ProjectSessionState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let weightsRequest = 0;
  let autosaveRequest = 0;
  const waiting = new Map<number, (msg: WeightsReply | null) => void>();
  let disposed = false;
  // While the session itself puts a project on screen, the store's changes are not edits to save.
  let quiet = false;
  // Saves run one after another: each is made from the version the one before stored.
  let queue: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>): Promise<void> => (queue = queue.then(job, job));

  const history = createRunHistory(store, series, run);

  const snapshot = (base: Project, weights: WeightList | null): Project => {
    const s = store.getState();
    const runs = history.curves();
    const last = runs.at(-1);
    const lastEpoch = last?.epochs[last.epochs.length - 1];
    // Strictly later than the version it was made from, so a save from that version is told apart.
    return {
      ...base, updatedAt: Math.max(now(), base.updatedAt + 1), experiment: selectExperiment(s), dataShape: s.dataShape, weights,
      runs, testAccuracy: lastEpoch?.testAccuracy ?? base.testAccuracy, lessonProgress: selectLessonProgress(s),
    };
  };

  const fail = (err: unknown) => {
    if (err instanceof ProjectStoreError) set({ problem: { code: err.code, values: err.values }, saving: false });
    else if (err instanceof ProjectFileError) set({ problem: { code: `file.${err.code}`, values: err.values }, saving: false });
    else set({ problem: { code: 'unavailable', values: { detail: String((err as Error)?.message ?? err).slice(0, 120) } }, saving: false });
  };

  // Counts the edits a save is to hold: a save built before the last edit lands without it.
  let edits = 0;
  // The project a save is writing now: it may land after the page is gone.
  let onItsWay: Project | null = null;

  /** `built`: the edit count when the stored project was made (an edit after it is not in it). */
  const stored = async (project: Project, problem: SessionProblem | null, built: number) => {
    // The tab is marked as soon as the project is stored: a reload from here on reopens it.
    deps.address?.mark(project.id);
    await projects.setCurrentId(project.id);
    // An edit kept on leaving that this save does not hold stays (its `alsoOn` is this version) until a save
    // that holds it lands: the page may end before that one.
    if (built === edits) backup?.clear(project.id);
    set({ current: project, unsaved: false, list: await projects.list(), saving: false, problem });
    tabs?.post({ type: 'saved', id: project.id, updatedAt: project.updatedAt });
  };

  /** Another tab saved this project since this tab's version: this tab's changes become a copy of their own. */
  const keepAsCopy = async (project: Project) => {
    const t = now();
    const copy = { ...project, id: newId(), name: deps.conflictName?.(project.name) ?? `${project.name} (2)`, createdAt: t, updatedAt: t };
    await projects.save(copy);
    await stored(copy, { code: 'conflict', values: { name: copy.name } }, edits);
  };

  /** Saves what `build` makes at its turn; a project already stored is saved only over the version it came from. */
  const persist = (build: () => Project | null) => serial(async () => {
    const built = edits;
    const project = build();
    if (project === null || disposed) return;
    onItsWay = project;
    const current = state.current;
    const basedOn = current !== null && !state.unsaved && current.id === project.id ? current.updatedAt : undefined;
    set({ saving: true });
    try {
      await projects.save(project, basedOn);
      await stored(project, state.problem?.code === 'quota' ? null : state.problem, built);
    } catch (err) {
      if (err instanceof ProjectStoreError && err.code === 'conflict') await keepAsCopy(project).catch(fail);
      else fail(err);
    } finally {
      onItsWay = null;
    }
  });

  const saveNow = async () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (state.current === null || disposed) return;
    await persist(() => {
      const current = state.current;
      // An edited network no longer fits the saved weights: they go (the worker's model is of the old one).
      return current && snapshot(current, sameNetwork(selectExperiment(store.getState()), current.experiment) ? current.weights : null);
    });
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
  const show = (project: Project, opts: { onScreen?: boolean; initial?: boolean } = {}): boolean => {
    quiet = true;
    try {
      return showProject(project, opts);
    } finally {
      quiet = false;
    }
  };
  const showProject = (project: Project, { onScreen = false, initial = false }: { onScreen?: boolean; initial?: boolean }): boolean => {
    // Train pressed before the project store opened (its menu loads after the first screen): that run is newer
    // than the project's stored one and stays; another experiment does not replace the network it trains.
    const ranFirst = initial && store.getState().runId !== null;
    if (ranFirst && !onScreen) return false;
    const opened = onScreen || store.getState().loadExperiment(project.experiment, { initial });
    if (!opened) {
      set({ problem: { code: 'busy', values: {} } });
      return false;
    }
    if (ranFirst) history.behindLive(project);
    else history.show(project);
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
      const weights = msg.weights;
      if (msg.requestId === autosaveRequest && weights !== null) void persist(() => state.current && snapshot(state.current, weights));
    } else if (msg.type === 'weights-loaded' && msg.problem !== null) {
      set({ problem: { code: 'file.weightsMismatch', values: { detail: msg.problem } } });
    }
  });
  const askWeights = () => new Promise<WeightsReply | null>((resolve) => {
    const id = ++weightsRequest;
    if (!run.weights.requestWeights(id)) return resolve(null);
    waiting.set(id, resolve);
    setTimeout(() => {
      waiting.delete(id);
      resolve(null);
    }, 15_000);
  });
  // Another link opened in this tab: the open project keeps its pending edit, and the link's experiment
  // becomes an unsaved project of its own, as at start-up.
  const onLinkOpened = () => {
    const current = state.current;
    if (timer !== null && current !== null && !state.unsaved) {
      const edited = snapshot(current, sameNetwork(selectExperiment(store.getState()), current.experiment) ? current.weights : null);
      clearTimeout(timer);
      timer = null;
      // Stored without making it the open project again (the link's is on screen now).
      void serial(async () => {
        await projects.save(edited, current.updatedAt).catch((err: unknown) => {
          if (!(err instanceof ProjectStoreError && err.code === 'conflict')) throw err;
          return projects.save({ ...edited, id: newId(), name: deps.conflictName?.(edited.name) ?? `${edited.name} (2)` });
        });
        backup?.clear(current.id);
        set({ list: await projects.list() });
      }).catch(fail);
    }
    quiet = true;
    queueMicrotask(() => {
      quiet = false;
      set({ current: blank(deps.defaultName), unsaved: true });
    });
  };
  const offStore = store.subscribe((s, prev) => {
    if (s.linkOpens !== prev.linkOpens) onLinkOpened();
    if (quiet) return;
    if (s.spec !== prev.spec || s.hyper !== prev.hyper || s.datasetId !== prev.datasetId || s.validationFraction !== prev.validationFraction ||
      s.lessonStep !== prev.lessonStep || s.lessonDone !== prev.lessonDone || s.lessonAnswers !== prev.lessonAnswers) {
      edits += 1;
      schedule();
    }
  });

  // Leaving (reload, closed tab, another app in front): what is not stored yet is kept at once, and saved.
  const offLeave = deps.onLeave?.(() => {
    const current = state.current;
    if (current === null || state.unsaved || (timer === null && !state.saving)) return;
    const s = store.getState();
    const alsoOn = onItsWay?.id === current.id ? onItsWay.updatedAt : null;
    backup?.write(current.id, { basedOn: current.updatedAt, alsoOn, experiment: selectExperiment(s), lessonProgress: selectLessonProgress(s) });
    void saveNow();
  });

  // Another tab saved: the list follows; the open project follows too unless this tab has changes of its own.
  const onTab = (msg: TabMessage) => {
    void projects.list().then((list) => set({ list }), () => undefined);
    const current = state.current;
    if (msg.type !== 'saved' || current === null || state.unsaved || msg.id !== current.id || msg.updatedAt <= current.updatedAt) return;
    if (timer !== null) return; // this tab's pending save will be kept as a copy (persist)
    void serial(async () => {
      const project = await projects.load(msg.id);
      const mine = state.current;
      if (project === null || mine?.id !== project.id || project.updatedAt <= mine.updatedAt) return;
      const same = experimentKey(project.experiment) === experimentKey(mine.experiment) && project.runs.length === mine.runs.length
        && project.testAccuracy === mine.testAccuracy;
      if (same || show(project)) set({ current: project, problem: null });
      else set({ problem: { code: 'otherTab', values: {} } });
    }).catch(fail);
  };
  const offTabs = tabs?.subscribe(onTab);

  const opened = await startProject({ store, projects, backup, marked: deps.address?.marked() ?? null, show: (p, onScreen) => show(p, { onScreen, initial: true }) }).catch((err: unknown) => {
    fail(err);
    return null;
  });
  // A run that ended before the store opened was never asked for its weights: saved with it now.
  if (opened?.kind === 'reopened' && store.getState().phase === 'done' && store.getState().runId !== null) {
    autosaveRequest = ++weightsRequest;
    run.weights.requestWeights(autosaveRequest);
  }
  if (opened === null) set({ ready: true });
  else if (opened.kind === 'reopened') {
    set({ ready: true, current: opened.project, list: opened.list });
    deps.address?.mark(opened.project.id);
    // An edit kept on leaving is on screen: it is saved over the stored version it was made from.
    if (opened.restoredEdit) schedule();
  } else {
    set({ ready: true, current: blank(deps.defaultName), unsaved: opened.kind === 'link', list: opened.list });
    if (opened.kind === 'fresh') await persist(() => state.current);
  }

  const withCurrent = async (project: Project | null) => {
    if (project === null) return;
    if (show(project)) {
      await projects.setCurrentId(project.id);
      deps.address?.mark(project.id);
      set({ current: project, unsaved: false, list: await projects.list() });
    }
  };
  const listChanged = async () => {
    set({ list: await projects.list() });
    tabs?.post({ type: 'listChanged' });
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
      await persist(() => blank(name));
    },
    async rename(id, name) {
      await saveNow();
      try {
        const t = Math.max(now(), (state.current?.updatedAt ?? 0) + 1);
        await projects.rename(id, name, t);
        const current = state.current?.id === id ? { ...state.current, name, updatedAt: t } : state.current;
        set({ current });
        await listChanged();
        if (current?.id === id) tabs?.post({ type: 'saved', id, updatedAt: t });
      } catch (err) {
        fail(err);
      }
    },
    async duplicate(id, name) {
      await saveNow();
      try {
        await projects.duplicate(id, newId(), name, now());
        await listChanged();
      } catch (err) {
        fail(err);
      }
    },
    async remove(id) {
      try {
        await projects.remove(id);
        await listChanged();
        if (state.current?.id === id) {
          set({ current: null });
          await persist(() => blank(deps.defaultName));
        }
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
      await persist(() => project);
      return true;
    },
    exportProject: () => (state.current === null ? null : encodeProjectFile(snapshot(state.current, state.current.weights))),
    async exportTo(target) {
      const current = state.current;
      try {
        const made = current === null ? { problem: 'invalidNetwork' } : await exportNetwork(target, current.name, store.getState(), askWeights, history.latest);
        if ('problem' in made) set({ problem: { code: made.problem, values: {} } });
        return 'problem' in made ? null : made;
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
      history.dispose();
      offLeave?.();
      offTabs?.();
    },
  };
}
