// The understanding views through the engine's message interface (cpu backend, the quadrant task): every
// view answers on the live run while paused and on the kept copy after the run ends, says how long it
// took, frees every tensor it makes, refuses bad requests with a reason, and a newer request cancels an
// older one of the same view.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker } from '../api/protocol';
import { harness, isPhase, start } from '../engineHarness';
import type { UnderstandFromWorker, UnderstandRequest } from '../api/understandProtocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const REQUESTS: UnderstandRequest[] = [
  { view: 'stats', batchSize: 32 },
  { view: 'top', blockId: 'relu', channel: 1, k: 4, maxImages: 64 },
  { view: 'occlusion', index: 3, patch: 4, stride: 2 },
  { view: 'classviz', target: { kind: 'class', cls: 2 }, steps: 6, rate: 0.05, l2: 0.1, blurEvery: 3, jitter: 1, frameEvery: 2 },
  { view: 'attack', index: 5, mode: 'fgsm', epsilon: 0.1, target: 0, steps: 1 },
  { view: 'attack', index: 5, mode: 'targeted', epsilon: 0.3, target: 0, steps: 5 },
  { view: 'features', count: 40 },
];

const answers = (messages: FromWorker[]) => messages.filter((m): m is UnderstandFromWorker => m.type === 'understanding');

let nextId = 1;
async function ask(h: ReturnType<typeof harness>, runId: number, request: UnderstandRequest): Promise<UnderstandFromWorker[]> {
  const requestId = nextId++;
  h.engine.handle({ type: 'understand', runId, requestId, request });
  // The final answer: not a class visualisation frame on the way.
  await h.until((m) => m.type === 'understanding' && m.requestId === requestId && !(m.result?.view === 'classviz' && !m.result.done));
  return answers(h.messages).filter((m) => m.requestId === requestId);
}

describe('understanding service', () => {
  it('answers every view after the run has ended, without leaking tensors', async () => {
    const h = harness();
    h.engine.handle(start(1));
    await h.engine.idle();
    for (const request of REQUESTS) {
      const got = await ask(h, 1, request);
      const last = got.at(-1)!;
      expect({ view: request.view, problem: last.problem, detail: last.detail }).toEqual({ view: request.view, problem: undefined, detail: undefined });
      expect(last.result?.view).toBe(request.view);
      expect(last.ms).toBeGreaterThanOrEqual(0);
      expect(last.step).toBe(24); // the run's final weights: 3 epochs of 8 steps
    }
    // Class visualisation posts frames on the way: steps 2 and 4, then the final one.
    const viz = answers(h.messages).filter((m) => m.result?.view === 'classviz').map((m) => m.result);
    expect(viz.map((r) => r?.view === 'classviz' && [r.step, r.done, r.scores.length])).toEqual([[2, false, 2], [4, false, 4], [6, true, 6]]);
    const before = tf.memory().numTensors;
    for (const request of REQUESTS) await ask(h, 1, request);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('works on the live weights while paused, and refuses what it cannot do with a reason', async () => {
    const h = harness();
    h.engine.handle({ ...start(1), startPaused: true } as ReturnType<typeof start>);
    await h.until(isPhase('paused'));
    h.engine.handle({ type: 'step', runId: 1 });
    await h.until((m) => m.type === 'metrics');
    const stats = await ask(h, 1, { view: 'stats', batchSize: 16 });
    expect(stats[0]?.step).toBe(1);
    expect(stats[0]?.result?.view === 'stats' && stats[0].result.layers.map((l) => l.blockId)).toEqual(['conv', 'relu', 'pool', 'flat']);
    expect((await ask(h, 1, { view: 'top', blockId: 'relu', channel: 9, k: 4, maxImages: 10 }))[0]).toMatchObject({ problem: 'bad-request', result: null });
    expect((await ask(h, 1, { view: 'top', blockId: 'nope', channel: 0, k: 4, maxImages: 10 }))[0]).toMatchObject({ problem: 'bad-request' });
    expect((await ask(h, 1, { view: 'occlusion', index: 64, patch: 4, stride: 2 }))[0]).toMatchObject({ problem: 'bad-request' });
    expect((await ask(h, 1, { view: 'attack', index: 0, mode: 'fgsm', epsilon: Number.NaN, target: 0, steps: 1 }))[0]).toMatchObject({ problem: 'bad-request' });
    // A run that never existed has no model.
    expect((await ask(h, 7, { view: 'stats', batchSize: 16 }))[0]).toMatchObject({ problem: 'no-model', result: null });
    h.engine.handle({ type: 'stop', runId: 1 });
    await h.engine.idle();
  }, 60_000);

  it('cancels an older request of the same view when a newer one comes', async () => {
    const h = harness();
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    const slow: UnderstandRequest = { view: 'classviz', target: { kind: 'class', cls: 0 }, steps: 50, rate: 0.05, l2: 0, blurEvery: 0, jitter: 0, frameEvery: 100 };
    h.engine.handle({ type: 'understand', runId: 1, requestId: 1001, request: slow });
    h.engine.handle({ type: 'understand', runId: 1, requestId: 1002, request: { ...slow, steps: 3 } });
    await h.engine.idle();
    const got = answers(h.messages);
    expect(got.map((m) => m.requestId)).toEqual([1002]);
  }, 60_000);
});
