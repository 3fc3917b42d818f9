// The training engine on the cpu backend in Node, driven through its message interface with the fixtures
// of engineHarness.ts (a synthetic quadrant dataset and a tiny conv net).
import * as tf from '@tensorflow/tfjs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../data/loader';
import type { LoadedDataset, Split } from '../data/types';
import type { ModelSpec } from '../model/spec';
import { dataset, errorOf, harness, isMetrics, isPhase, meta, sleep, spec, start, STEPS_PER_EPOCH } from './engineHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('training engine', () => {
  it('runs through the phases, posting every step and one result per epoch', async () => {
    const h = harness();
    h.engine.handle(start(1));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    expect(h.phases()).toEqual(['loading-data', 'preparing', 'training', 'evaluating', 'training', 'evaluating', 'training', 'evaluating', 'done']);
    const types = h.messages.map((m) => m.type);
    expect(types.indexOf('dataset')).toBeLessThan(types.indexOf('backend'));
    expect(h.messages.find((m) => m.type === 'dataset')).toMatchObject({ trainCount: 128, testCount: 64 });
    expect(h.messages.find((m) => m.type === 'backend')).toMatchObject({ backend: { name: 'cpu' } });

    expect(h.steps()).toEqual(Array.from({ length: 3 * STEPS_PER_EPOCH }, (_, i) => i + 1));
    const batches = h.messages.flatMap((m) => (m.type === 'metrics' ? [m.batch] : []));
    const epochOfStep = batches.flatMap((b) => [...b.epoch]);
    expect(epochOfStep).toEqual(Array.from({ length: 24 }, (_, i) => Math.floor(i / STEPS_PER_EPOCH) + 1));
    for (const b of batches) {
      expect(b.loss.length).toBe(b.step.length);
      expect([...b.accuracy].every((a) => a >= 0 && a <= 1)).toBe(true);
    }
    // The typed arrays' buffers go in the transfer list, not through a copy.
    const metricsIndex = h.messages.findIndex(isMetrics);
    expect(h.transfers[metricsIndex]).toHaveLength(4);

    const epochs = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result] : []));
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of epochs) {
      expect(Number.isFinite(e.testLoss)).toBe(true);
      expect(e.imagesPerSecond).toBeGreaterThan(0);
      expect(e.seconds).toBeGreaterThan(0);
    }
    // The quadrant task is easy: the net learns it.
    expect(epochs[2]!.testAccuracy).toBeGreaterThan(0.9);
  });

  it('posts metrics at most once per flush interval, plus the forced flushes', async () => {
    let clock = 0;
    const h = harness({ now: () => (clock += 10), flushIntervalMs: 1_000_000 });
    h.engine.handle(start(1, { epochs: 2 }));
    await h.engine.idle();
    // One after the warm-up step, then one at each epoch end.
    expect(h.messages.filter(isMetrics).map((m) => (m.type === 'metrics' ? m.batch.step.length : 0))).toEqual([1, 7, 8]);
  });

  it('keeps tensor memory flat across epochs and releases the run\'s tensors when it ends', async () => {
    const perEpoch: number[] = [];
    const h = harness({}, (msg) => {
      if (msg.type === 'epoch') perEpoch.push(tf.memory().numTensors);
    });
    // The engine keeps one weight copy for predictions between runs (predict.ts), replaced by the next
    // run's: so compare the ends of two runs rather than the count before the first.
    const after: { tensors: number; bytes: number }[] = [];
    for (const runId of [1, 2]) {
      h.engine.handle(start(runId));
      await h.engine.idle();
      expect(h.phases(runId).at(-1)).toBe('done');
      after.push({ tensors: tf.memory().numTensors, bytes: tf.memory().numBytes });
    }
    expect(perEpoch).toHaveLength(6);
    expect(perEpoch[2]).toBe(perEpoch[0]);
    expect(after[1]).toEqual(after[0]);
  });

  it('takes no step while paused and carries on after resume', async () => {
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.includes(3)) h.engine.handle({ type: 'pause', runId: 1 });
    });
    const startedAt = performance.now();
    h.engine.handle(start(1, { epochs: 1 }));
    await h.until(isPhase('paused'));
    const stepsAtPause = h.steps().length;
    expect(stepsAtPause).toBe(3);
    await sleep(150);
    expect(h.steps().length).toBe(stepsAtPause);
    h.engine.handle({ type: 'resume', runId: 1 });
    await h.engine.idle();
    expect(h.steps()).toEqual(Array.from({ length: STEPS_PER_EPOCH }, (_, i) => i + 1));
    expect(h.phases()).toEqual(['loading-data', 'preparing', 'training', 'paused', 'training', 'evaluating', 'done']);
    // Paused time does not count against throughput.
    const wallSeconds = (performance.now() - startedAt) / 1000;
    const result = h.messages.find((m) => m.type === 'epoch');
    expect(result?.type === 'epoch' && result.result.seconds).toBeLessThan(wallSeconds - 0.14);
  });

  it('stops on request, disposing the model and optimizer', async () => {
    const baseline = tf.memory().numTensors;
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.includes(2)) h.engine.handle({ type: 'stop', runId: 1 });
    });
    h.engine.handle(start(1));
    await h.engine.idle();
    expect(h.phases().at(-1)).toBe('stopped');
    expect(h.phases()).not.toContain('done');
    expect(h.messages.some((m) => m.type === 'epoch')).toBe(false);
    expect(h.steps()).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('stops while paused', async () => {
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics') h.engine.handle({ type: 'pause', runId: 1 });
    });
    h.engine.handle(start(1));
    await h.until(isPhase('paused'));
    h.engine.handle({ type: 'stop', runId: 1 });
    await h.engine.idle();
    expect(h.phases().slice(-2)).toEqual(['paused', 'stopped']);
  });

  it('stops during a slow download without waiting for it, and reuses that download next time', async () => {
    let calls = 0;
    let release: (data: LoadedDataset) => void = () => {};
    const slowLoad = () => {
      calls += 1;
      return new Promise<LoadedDataset>((resolve) => (release = resolve));
    };
    const h = harness({ loadDataset: slowLoad });
    h.engine.handle(start(1));
    await h.until(isPhase('loading-data'));
    h.engine.handle({ type: 'stop', runId: 1 });
    await h.engine.idle();
    expect(h.phases()).toEqual(['loading-data', 'stopped']);
    h.engine.handle(start(2, { epochs: 1 }));
    await h.until(isPhase('loading-data', 2));
    release(dataset);
    await h.engine.idle();
    expect(h.phases(2).at(-1)).toBe('done');
    expect(calls).toBe(1);
  });

  it('loads a dataset again after a failed load, but not after a good one', async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error('network down');
      return dataset;
    };
    const h = harness({ loadDataset: flaky });
    for (const runId of [1, 2, 3]) {
      h.engine.handle(start(runId, { epochs: 1 }));
      await h.engine.idle();
    }
    expect([h.phases(1).at(-1), h.phases(2).at(-1), h.phases(3).at(-1)]).toEqual(['error', 'done', 'done']);
    expect(calls).toBe(2);
  });

  it('ignores commands for another runId', async () => {
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.includes(1)) {
        h.engine.handle({ type: 'pause', runId: 2 });
        h.engine.handle({ type: 'stop', runId: 0 });
      }
    });
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    expect(h.phases()).not.toContain('paused');
    expect(h.phases().at(-1)).toBe('done');
  });

  it('stops the current run when a new one starts, then runs the new one', async () => {
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics' && msg.runId === 1 && msg.batch.step.includes(2)) h.engine.handle(start(2, { epochs: 1 }));
    });
    h.engine.handle(start(1));
    await h.engine.idle();
    expect(h.phases(1).at(-1)).toBe('stopped');
    expect(h.phases(2)).toEqual(['loading-data', 'preparing', 'training', 'evaluating', 'done']);
    // Nothing of run 1 after its 'stopped', and run 2 began only after it.
    const stoppedAt = h.messages.findIndex(isPhase('stopped', 1));
    expect(h.messages.slice(stoppedAt + 1).every((m) => m.runId === 2)).toBe(true);
    expect(h.messages.slice(0, stoppedAt).every((m) => m.runId === 1)).toBe(true);
    expect(h.steps(2)).toHaveLength(STEPS_PER_EPOCH);
  });

  it('ends in an error naming divergence when the loss becomes NaN', async () => {
    const baseline = tf.memory().numTensors;
    const h = harness();
    // The loss is clipped as in Keras, so a merely large rate saturates it (stuck near 12 here) rather
    // than making it NaN; 1e30 overflows the activations after the first update.
    h.engine.handle(start(1, { learningRate: 1e30 }));
    await h.engine.idle();
    expect(errorOf(h.messages)).toMatchObject({ type: 'error', runId: 1, message: expect.stringMatching(/diverged.*step 2/i) });
    expect(h.phases().at(-1)).toBe('error');
    // The finite step before the blow-up still reaches the chart; no NaN does.
    expect(h.steps()).toEqual([1]);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('reports a dataset that fails to load', async () => {
    const h = harness({ loadDataset: () => Promise.reject(new Error('HTTP 404 Not Found')) });
    h.engine.handle(start(1));
    await h.engine.idle();
    expect(errorOf(h.messages)).toMatchObject({ message: 'Could not load the dataset: HTTP 404 Not Found' });
    expect(h.phases()).toEqual(['loading-data', 'error']);
  });

  it('reports an invalid model spec', async () => {
    const h = harness();
    const noHead: ModelSpec = { blocks: spec.blocks.filter((b) => b.kind !== 'softmax') };
    h.engine.handle(start(1, {}, noHead));
    await h.engine.idle();
    expect(errorOf(h.messages)).toMatchObject({ message: expect.stringMatching(/^Cannot build the model, it has errors: /) });
    expect(h.phases().at(-1)).toBe('error');
  });

  it('reports invalid hyper-parameters before loading anything', async () => {
    const h = harness();
    h.engine.handle(start(1, { batchSize: 0, learningRate: -1 }));
    await h.engine.idle();
    expect(errorOf(h.messages)).toMatchObject({ message: expect.stringMatching(/batch size.*learning rate/) });
    expect(h.phases()).toEqual(['error']);
  });

  it('trains on a dataset served by the real loader through a fake fetch', async () => {
    const shard = (split: Split) => new Uint8Array(gzipSync(Buffer.concat([split.labels, split.images])));
    const files: Record<string, Uint8Array<ArrayBuffer>> = {
      '/data/quadrants/meta.json': new TextEncoder().encode(JSON.stringify(meta)),
      '/data/quadrants/train-0.bin.gz': shard(dataset.train),
      '/data/quadrants/test-0.bin.gz': shard(dataset.test),
    };
    const fakeFetch = (async (url: string) => {
      const body = files[url];
      return body ? new Response(body) : new Response('missing', { status: 404, statusText: 'Not Found' });
    }) as typeof fetch;
    const h = harness({ loadDataset: (ref, onProgress) => loadDataset(ref, (bytes) => onProgress(bytes), fakeFetch) });
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    expect(h.messages.find((m) => m.type === 'dataset')).toMatchObject({ trainCount: 128, testCount: 64 });
    expect(h.phases().at(-1)).toBe('done');
  });
});
