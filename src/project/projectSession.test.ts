// The open project kept in step with the app: autosave of the experiment and of each epoch's weights, a
// reload that brings the weights back into the worker and the curve into the chart without training, a
// refused file that leaves the open project as it was, and round trip of the project file.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createSeries } from '../metrics/series';
import { createSavedRuns } from '../metrics/savedRuns';
import { createAppStore } from '../store/appStore';
import type { FromWorker } from '../train/api/protocol';
import type { WeightList } from '../codegen/weights';
import type { RestoredRun } from '../store/runController';
import { expectedWeights } from './expectedWeights';
import { openProjectStore, type ProjectStore } from './projectStore';
import type { Project } from './types';
import { createProjectSession } from './projectSession';

let dbCount = 0;

function fakeWorker() {
  const listeners = new Set<(m: FromWorker) => void>();
  const loaded: RestoredRun[] = [];
  let weights: WeightList | null = null;
  const emit = (m: FromWorker) => listeners.forEach((l) => l(m));
  return {
    loaded,
    setWeights: (w: WeightList) => { weights = w; },
    emit,
    restore: (saved: RestoredRun) => {
      loaded.push(saved);
      return 7;
    },
    weights: {
      requestWeights: (requestId: number) => {
        queueMicrotask(() => emit({ type: 'weights', runId: 1, requestId, epoch: 1, weights, topology: null }));
        return true;
      },
      loadWeights: () => 7,
      subscribe: (l: (m: FromWorker) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
  };
}

/** Until the saved project satisfies `check` (saves are debounced and asynchronous; a busy machine is slow). */
const savedWhen = (projects: ProjectStore, id: () => string, check: (p: Project) => void) =>
  vi.waitFor(async () => check((await projects.load(id()))!), { timeout: 10_000, interval: 20 });

describe('project session', () => {
  it('autosaves edits and trained weights, and a reload brings them back without training', async () => {
    const name = `session-${++dbCount}`;
    const store = createAppStore({ language: 'en' });
    const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
    const worker = fakeWorker();
    const projects = await openProjectStore(name);
    const session = await createProjectSession({ store, run: worker, series, projects, saveDelayMs: 1, defaultName: 'Untitled' });
    expect(session.getState().current?.name).toBe('Untitled');
    store.getState().setHyper({ learningRate: 0.0042 });
    await savedWhen(projects, () => session.getState().current!.id, (p) => expect(p.experiment.hyper.learningRate).toBe(0.0042));

    // An epoch ends: the session asks for the weights and saves them with the curve.
    const s = store.getState();
    const weights = expectedWeights(s.spec, s.analysis, s.dataShape.numClasses).map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.25) }));
    worker.setWeights(weights);
    series.loss.append([1, 2], [2.3, 1.9]);
    series.accuracy.append([1, 2], [0.1, 0.3]);
    s.addEpoch({ epoch: 1, testLoss: 0.5, testAccuracy: 0.88, imagesPerSecond: 100, seconds: 1 });
    worker.emit({ type: 'epoch', runId: 1, result: { epoch: 1, testLoss: 0.5, testAccuracy: 0.88, imagesPerSecond: 100, seconds: 1 } });
    await savedWhen(projects, () => session.getState().current!.id, (p) => expect(p.testAccuracy).toBe(0.88));
    const saved = await projects.load(session.getState().current!.id);
    expect(saved?.weights?.length).toBe(weights.length);
    expect(saved?.testAccuracy).toBe(0.88);
    expect(session.getState().list[0]?.testAccuracy).toBe(0.88);
    session.dispose();
    projects.close();

    // Reload: a fresh store opened from the same link, a fresh worker and chart.
    const store2 = createAppStore({ language: 'en' });
    store2.getState().loadExperiment(saved!.experiment, { initial: true });
    const series2 = { loss: createSeries('loss'), accuracy: createSeries('accuracy'), saved: createSavedRuns() };
    const worker2 = fakeWorker();
    const projects2 = await openProjectStore(name);
    const session2 = await createProjectSession({ store: store2, run: worker2, series: series2, projects: projects2, saveDelayMs: 1, defaultName: 'Untitled' });
    expect(session2.getState().current?.id).toBe(saved?.id);
    expect(worker2.loaded).toHaveLength(1);
    expect(worker2.loaded[0]?.weights[0]?.values[0]).toBe(0.25);
    expect(series2.loss.points().map((p) => p.y)).toEqual([2.3, 1.9]);

    // A refused file: the problem is named and the open project stays.
    expect(await session2.importFile(new Uint8Array([1, 2, 3, 4, 5]))).toBe(false);
    expect(session2.getState().problem).toEqual({ code: 'file.notAZip', values: {} });
    expect(session2.getState().current?.id).toBe(saved?.id);

    // Its own file imports as a new project with the same weights.
    const file = session2.exportProject()!;
    expect(await session2.importFile(file)).toBe(true);
    expect(session2.getState().current?.id).not.toBe(saved?.id);
    expect(session2.getState().current?.weights?.[0]?.values[0]).toBe(0.25);
    expect(session2.getState().list).toHaveLength(2);
    session2.dispose();
    projects2.close();
  });
});

describe('the runs of a project', () => {
  const epoch = (n: number, acc: number) => ({ epoch: n, testLoss: 1 - acc, testAccuracy: acc, imagesPerSecond: 1000 + n, seconds: n / 2 });
  /** One training run as the run controller drives it: series cleared, run started, steps, epoch records. */
  function train(store: ReturnType<typeof createAppStore>, series: { loss: ReturnType<typeof createSeries>; accuracy: ReturnType<typeof createSeries> },
    worker: ReturnType<typeof fakeWorker>, runId: number, steps: number[], accs: number[]) {
    series.loss.clear();
    series.accuracy.clear();
    store.getState().runStarted(runId);
    series.loss.append(steps, steps.map((x) => 2 / x));
    series.accuracy.append(steps, steps.map((x) => 1 - 1 / (x + 1)));
    accs.forEach((a, i) => {
      store.getState().addEpoch(epoch(i + 1, a));
      worker.emit({ type: 'epoch', runId, result: epoch(i + 1, a) });
    });
  }

  /** A reload of the project's address: a fresh store opened from it, a fresh worker and chart. */
  function reloaded(saved: Project) {
    const store2 = createAppStore({ language: 'en' });
    store2.getState().loadExperiment(saved.experiment, { initial: true });
    const series2 = { loss: createSeries('loss'), accuracy: createSeries('accuracy'), saved: createSavedRuns() };
    return { store2, series2, worker2: fakeWorker() };
  }

  /** A first page: the app's store, chart series, a worker whose weights are all 0.5, and the session. */
  async function firstPage(name: string) {
    const store = createAppStore({ language: 'en' });
    const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
    const worker = fakeWorker();
    const s = store.getState();
    worker.setWeights(expectedWeights(s.spec, s.analysis, s.dataShape.numClasses).map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.5) })));
    const projects = await openProjectStore(name);
    const session = await createProjectSession({ store, run: worker, series, projects, saveDelayMs: 1, defaultName: 'Untitled' });
    return { store, series, worker, projects, session };
  }

  it('keeps every run, and a reload restores the epoch records, the latest curve and the past runs equal', async () => {
    const name = `runs-${++dbCount}`;
    const { store, series, worker, projects, session } = await firstPage(name);
    const id = () => session.getState().current!.id;
    train(store, series, worker, 1, [1, 2, 3], [0.5]);
    await savedWhen(projects, id, (p) => expect(p.testAccuracy).toBe(0.5));
    train(store, series, worker, 2, [1, 2, 3, 4, 5], [0.6, 0.8]);
    await savedWhen(projects, id, (p) => expect(p.testAccuracy).toBe(0.8));
    const saved = (await projects.load(session.getState().current!.id))!;
    expect(saved.runs).toHaveLength(2);
    expect(saved.runs[0]?.step).toEqual([1, 2, 3]);
    expect(saved.runs[0]?.epochs).toEqual([epoch(1, 0.5)]);
    expect(saved.runs[1]?.loss).toEqual([1, 2, 3, 4, 5].map((x) => 2 / x));
    expect(saved.runs[1]?.epochs).toEqual([epoch(1, 0.6), epoch(2, 0.8)]);
    expect(saved.testAccuracy).toBe(0.8);
    session.dispose();
    projects.close();

    // Reload: the latest run's weights, epoch records and step go to the run; its curve into the chart.
    const { store2, series2, worker2 } = reloaded(saved);
    const projects2 = await openProjectStore(name);
    const session2 = await createProjectSession({ store: store2, run: worker2, series: series2, projects: projects2, saveDelayMs: 1, defaultName: 'Untitled' });
    expect(worker2.loaded).toHaveLength(1);
    expect(worker2.loaded[0]?.epochs).toEqual([epoch(1, 0.6), epoch(2, 0.8)]);
    expect(worker2.loaded[0]?.step).toBe(5);
    expect(series2.loss.points().map((p) => p.x)).toEqual([1, 2, 3, 4, 5]);
    // The earlier run goes back into the chart's overlay of past runs.
    expect(series2.saved.get().map((r) => [r.loss.map((p) => [p.x, p.y]), r.accuracy.length]))
      .toEqual([[[1, 2, 3].map((x) => [x, saved.runs[0]!.loss[x - 1]]), 3]]);
    // Saved again untouched: the same runs.
    await session2.saveNow();
    expect((await projects2.load(saved.id))!.runs).toEqual(saved.runs);
    // A new run: the restored one joins the past runs as it was.
    worker2.setWeights(saved.weights!);
    train(store2, series2, worker2, 8, [1, 2], [0.9]);
    await savedWhen(projects2, () => saved.id, (p) => expect(p.testAccuracy).toBe(0.9));
    const again = (await projects2.load(saved.id))!;
    expect(again.runs).toHaveLength(3);
    expect(again.runs.slice(0, 2)).toEqual(saved.runs);
    expect(again.testAccuracy).toBe(0.9);
    session2.dispose();
    projects2.close();
  });

  /** A project saved with one trained run (test accuracy 0.5), and what a reload of its address opens. */
  async function savedRun(name: string) {
    const { store, series, worker, projects, session } = await firstPage(name);
    train(store, series, worker, 1, [1, 2, 3], [0.5]);
    await savedWhen(projects, () => session.getState().current!.id, (p) => expect(p.testAccuracy).toBe(0.5));
    const saved = (await projects.load(session.getState().current!.id))!;
    session.dispose();
    projects.close();
    const { store2, series2, worker2 } = reloaded(saved);
    worker2.setWeights(saved.weights!);
    return { saved, store2, series2, worker2 };
  }

  // The project menu opens the store after the first screen (lazily loaded): on a reload a student may press
  // Train first. The stored run must not then replace the one going on (the run's phase went back to idle
  // and its messages were dropped: offline.e2e's retrain never reached 'done').
  it('keeps a run started before the project store opened, and saves it after the stored run', async () => {
    const name = `early-${++dbCount}`;
    const { saved, store2, series2, worker2 } = await savedRun(name);
    store2.getState().runStarted(4);
    series2.loss.append([1], [2.2]);
    const projects2 = await openProjectStore(name);
    const session2 = await createProjectSession({ store: store2, run: worker2, series: series2, projects: projects2, saveDelayMs: 1, defaultName: 'Untitled' });
    expect(session2.getState().current?.id).toBe(saved.id);
    expect(worker2.loaded).toHaveLength(0);
    expect(store2.getState().runId).toBe(4);
    expect(store2.getState().phase).toBe('loading-data');
    expect(series2.loss.points().map((p) => p.y)).toEqual([2.2]);
    expect(series2.saved.get()).toHaveLength(1);
    // The run's epoch ends: saved as the latest run, after the stored one.
    store2.getState().addEpoch(epoch(1, 0.7));
    worker2.emit({ type: 'epoch', runId: 4, result: epoch(1, 0.7) });
    await savedWhen(projects2, () => saved.id, (p) => expect(p.testAccuracy).toBe(0.7));
    const again = (await projects2.load(saved.id))!;
    expect(again.runs).toHaveLength(2);
    expect(again.runs[0]).toEqual(saved.runs[0]);
    session2.dispose();
    projects2.close();
  });

  it('saves the weights of a run that ended before the project store opened', async () => {
    const name = `ended-${++dbCount}`;
    const { saved, store2, series2, worker2 } = await savedRun(name);
    store2.getState().runStarted(4);
    series2.loss.append([1, 2], [2.2, 1.1]);
    store2.getState().addEpoch(epoch(1, 0.75));
    store2.getState().setPhase('done');
    const projects2 = await openProjectStore(name);
    const session2 = await createProjectSession({ store: store2, run: worker2, series: series2, projects: projects2, saveDelayMs: 1, defaultName: 'Untitled' });
    expect(worker2.loaded).toHaveLength(0);
    await savedWhen(projects2, () => saved.id, (p) => expect(p.testAccuracy).toBe(0.75));
    expect((await projects2.load(saved.id))!.runs.map((r) => r.loss)).toEqual([saved.runs[0]!.loss, [2.2, 1.1]]);
    session2.dispose();
    projects2.close();
  });
});

describe('lesson progress', () => {
  it('is saved with the project and comes back with it, replacing the progress of the project open before', async () => {
    const name = `lessons-${++dbCount}`;
    const store = createAppStore({ language: 'en' });
    store.getState().resetLessonProgress();
    const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
    const projects = await openProjectStore(name);
    const session = await createProjectSession({ store, run: fakeWorker(), series, projects, saveDelayMs: 1, defaultName: 'A' });
    const first = session.getState().current!.id;
    store.getState().markStepDone('1:intro');
    store.getState().answerPrediction('2:padding', 2);
    await savedWhen(projects, () => first, (p) => expect(p.lessonProgress).toEqual({ done: { '1:intro': true }, answers: { '2:padding': 2 } }));

    // Another project with progress of its own, then back to the first.
    await session.newProject('B');
    store.getState().resetLessonProgress();
    store.getState().markStepDone('3:pooling');
    const second = session.getState().current!.id;
    await savedWhen(projects, () => second, (p) => expect(p.lessonProgress).toEqual({ done: { '3:pooling': true }, answers: {} }));
    await session.open(first);
    expect(store.getState().lessonDone).toEqual({ '1:intro': true });
    expect(store.getState().lessonAnswers).toEqual({ '2:padding': 2 });
    // What a file may hold is checked: only step keys and whole answers are taken.
    store.getState().setLessonProgress({ done: { '1:intro': true, __bad: true, '4:x': 'yes' }, answers: { '2:padding': 1.5 } });
    expect(store.getState().lessonDone).toEqual({ '1:intro': true });
    expect(store.getState().lessonAnswers).toEqual({});
    session.dispose();
    projects.close();
  });
});

describe('experimentKey', () => {
  it('is the same for a network and the same network read back from its link (key order differs)', async () => {
    const { experimentKey } = await import('./projectSession');
    const { decodeExperiment, encodeExperiment } = await import('../store/linkState');
    const store = createAppStore({ language: 'en' });
    const { selectExperiment } = await import('../store/linkSlice');
    const e = selectExperiment(store.getState());
    const back = decodeExperiment(encodeExperiment(e), e).experiment!;
    expect(experimentKey(back)).toBe(experimentKey(e));
    expect(experimentKey({ ...e, hyper: { ...e.hyper, learningRate: 0.5 } })).not.toBe(experimentKey(e));
  });
});
