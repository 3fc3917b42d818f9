// The worker started before Train ('prepare'): the dataset and the backend load while the page waits, and
// the first run takes both over instead of starting again.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedDataset } from '../data/types';
import type { BackendChoice, BackendInfo } from './api/protocol';
import { dataset, harness, isPhase, start } from './engineHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const prepare = { type: 'prepare', dataset: { url: '/data/quadrants/' }, backend: 'cpu' } as const;

describe('prepare before the first run', () => {
  it('loads the dataset and selects the backend at once, and the run joins that load, reporting its progress', async () => {
    const loads: ((loaded: number, total?: number) => void)[] = [];
    let release: (data: LoadedDataset) => void = () => {};
    const selected: BackendChoice[] = [];
    const h = harness({
      loadDataset: (_ref, onProgress) => {
        loads.push(onProgress);
        return new Promise<LoadedDataset>((resolve) => (release = resolve));
      },
      selectBackend: async (choice): Promise<BackendInfo> => {
        selected.push(choice);
        return { name: 'cpu', reason: 'test' };
      },
    });
    h.engine.handle(prepare);
    expect(loads).toHaveLength(1);
    expect(selected).toEqual(['cpu']);
    expect(h.messages).toEqual([]); // it belongs to no run: nothing to report

    h.engine.handle(start(1, { epochs: 1 }));
    await h.until(isPhase('loading-data'));
    loads[0]?.(512, 1024);
    expect(h.messages.find((m) => m.type === 'phase' && m.detail !== undefined)).toMatchObject({ runId: 1, phase: 'loading-data' });
    release(dataset);
    await h.engine.idle();
    expect(h.phases().at(-1)).toBe('done');
    expect(loads).toHaveLength(1);
  });

  it('is ignored while a run goes on', async () => {
    let loads = 0;
    const h = harness({ loadDataset: async () => {
      loads += 1;
      return dataset;
    } });
    h.engine.handle(start(1, { epochs: 1 }));
    h.engine.handle({ ...prepare, dataset: { url: '/data/other/' } });
    await h.engine.idle();
    expect(loads).toBe(1);
  });
});
