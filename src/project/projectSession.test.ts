// The open project kept in step with the app: autosave of the experiment and of each epoch's weights, a
// reload that brings the weights back into the worker and the curve into the chart without training, a
// refused file that leaves the open project as it was, and round trip of the project file.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSeries } from '../metrics/series';
import { createAppStore } from '../store/appStore';
import type { FromWorker } from '../train/api/protocol';
import type { WeightList } from '../exporters/weights';
import type { DataShape, ModelSpec } from '../model/spec';
import { expectedWeights } from './expectedWeights';
import { openProjectStore } from './projectStore';
import { createProjectSession } from './projectSession';

let dbCount = 0;

function fakeWorker() {
  const listeners = new Set<(m: FromWorker) => void>();
  const loaded: { spec: ModelSpec; dataShape: DataShape; weights: WeightList; epoch: number }[] = [];
  let weights: WeightList | null = null;
  const emit = (m: FromWorker) => listeners.forEach((l) => l(m));
  return {
    loaded,
    setWeights: (w: WeightList) => { weights = w; },
    emit,
    weights: {
      requestWeights: (requestId: number) => {
        queueMicrotask(() => emit({ type: 'weights', runId: 1, requestId, epoch: 1, weights, topology: null }));
        return true;
      },
      loadWeights: (spec: ModelSpec, dataShape: DataShape, w: WeightList, epoch: number) => {
        loaded.push({ spec, dataShape, weights: w, epoch });
        return 7;
      },
      subscribe: (l: (m: FromWorker) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

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
    await settle();
    expect((await projects.load(session.getState().current!.id))?.experiment.hyper.learningRate).toBe(0.0042);

    // An epoch ends: the session asks for the weights and saves them with the curve.
    const s = store.getState();
    const weights = expectedWeights(s.spec, s.analysis, s.dataShape.numClasses).map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.25) }));
    worker.setWeights(weights);
    series.loss.append([1, 2], [2.3, 1.9]);
    series.accuracy.append([1, 2], [0.1, 0.3]);
    s.addEpoch({ epoch: 1, testLoss: 0.5, testAccuracy: 0.88, imagesPerSecond: 100, seconds: 1 });
    worker.emit({ type: 'epoch', runId: 1, result: { epoch: 1, testLoss: 0.5, testAccuracy: 0.88, imagesPerSecond: 100, seconds: 1 } });
    await settle();
    const saved = await projects.load(session.getState().current!.id);
    expect(saved?.weights?.length).toBe(weights.length);
    expect(saved?.testAccuracy).toBe(0.88);
    expect(session.getState().list[0]?.testAccuracy).toBe(0.88);
    session.dispose();
    projects.close();

    // Reload: a fresh store opened from the same link, a fresh worker and chart.
    const store2 = createAppStore({ language: 'en' });
    store2.getState().loadExperiment(saved!.experiment, { initial: true });
    const series2 = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
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
