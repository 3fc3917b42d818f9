// A lost WebGL context mid-run, injected through the engine's watchContext dependency (Node has no WebGL):
// the run moves to the fallback backend, restores the last weight copy, says why, and finishes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './buildModel';
import { createContextLossGuard, type ContextWatch } from './contextLoss';
import { dataset, errorOf, harness, hyper, spec, start, STEPS_PER_EPOCH } from './engineHarness';
import type { BackendChoice } from './api/protocol';
import type { RunContext, Session } from './session';
import { crossEntropyFromLogits, trainableVariables } from './steps';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function fakeGpu() {
  const state = { lost: false, watches: 0, selected: [] as BackendChoice[] };
  const watchContext = (): ContextWatch => {
    state.watches += 1;
    const first = state.watches === 1; // only the first backend is the "GPU"
    return { get lost() { return first && state.lost; }, active: first, dispose: () => {} };
  };
  const selectBackend = async (choice: BackendChoice) => {
    state.selected.push(choice);
    await tf.setBackend('cpu');
    return { name: choice === 'wasm' ? 'wasm' as const : 'webgl' as const, reason: `test ${choice}` };
  };
  return { state, deps: { watchContext, selectBackend } };
}

describe('WebGL context loss', () => {
  it('falls back to wasm mid-run from the last weight copy, says why, and finishes the run', async () => {
    const gpu = fakeGpu();
    let clock = 0;
    const h = harness({ ...gpu.deps, flushIntervalMs: 0, now: () => (clock += 1000) }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.includes(10)) gpu.state.lost = true;
    });
    h.engine.handle(start(1));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    expect(h.phases().at(-1)).toBe('done');
    expect(gpu.state.selected).toEqual(['cpu', 'wasm']);
    // The backend as chosen, then as switched; the repeat that adds the run's worker count is left out.
    const backends = h.messages.flatMap((m) => (m.type === 'backend' && !m.backend.workers ? [m.backend] : []));
    expect(backends.map((b) => b.name)).toEqual(['webgl', 'wasm']);
    const match = /WebGL context was lost at step 10; continued on wasm from the weights saved at step (\d+); test wasm/
      .exec(backends[1]!.reason);
    expect(match).not.toBeNull();
    // Copies are taken every 5 s of (fake) time while on the GPU: the last one is a few steps back.
    expect(Number(match![1])).toBeGreaterThan(0);
    expect(Number(match![1])).toBeLessThanOrEqual(10);
    // Not a step lost or repeated, and the net still learns the task.
    expect(h.steps()).toEqual(Array.from({ length: 3 * STEPS_PER_EPOCH }, (_, i) => i + 1));
    const last = h.messages.filter((m) => m.type === 'epoch').at(-1);
    expect(last?.type === 'epoch' && last.result.testAccuracy).toBeGreaterThan(0.9);
  });

  it('leaves no gap in the steps when losses were still waiting on the lost GPU', async () => {
    const gpu = fakeGpu();
    let clock = 0;
    let loseAt = Infinity;
    const now = () => {
      clock += 1000;
      if (clock >= loseAt) gpu.state.lost = true;
      return clock;
    };
    // Read-backs every few steps of fake time; the context goes between two of them, with losses unread.
    const h = harness({ ...gpu.deps, flushIntervalMs: 6000, maxPendingSteps: 64, now }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.some((s) => s >= 10) && loseAt === Infinity) loseAt = clock + 3000;
    });
    h.engine.handle(start(1));
    await h.engine.idle();
    expect(h.phases().at(-1)).toBe('done');
    expect(gpu.state.selected).toEqual(['cpu', 'wasm']);
    const steps = h.steps();
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    expect(steps.length).toBeGreaterThan(2 * STEPS_PER_EPOCH);
  });

  it('does nothing while the context is fine', async () => {
    const gpu = fakeGpu();
    const h = harness(gpu.deps);
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    expect(gpu.state.selected).toEqual(['cpu']);
    expect(h.messages.filter((m) => m.type === 'backend' && !m.backend.workers)).toHaveLength(1);
    expect(h.phases().at(-1)).toBe('done');
  });

  it('keeps the optimizer moments with the weights, and steps back over the losses the lost GPU still held', async () => {
    const network = buildModel(spec, { inputShape: dataset.meta.inputShape, numClasses: 4 }, 2);
    const variables = trainableVariables(network.model);
    const metrics = { pending: 0, dispose: () => {} };
    const session = { model: network.model, optimizer: tf.train.adam(0.05), step: 0, learningRate: 0.05, metrics } as unknown as Session;
    const xs = tf.tensor4d(Float32Array.from(dataset.train.images.subarray(0, 16 * 64), (b) => b / 255), [16, 8, 8, 1]);
    const ys = tf.oneHot(Array.from(dataset.train.labels.subarray(0, 16)), 4).toFloat();
    const train = (steps: number) => {
      for (let i = 0; i < steps; i++) {
        tf.tidy(() => {
          session.optimizer.minimize(() => tf.mean(crossEntropyFromLogits(network.logits.apply(xs) as tf.Tensor, ys)) as tf.Scalar, false, variables);
        });
        (session as { step: number }).step += 1;
      }
    };
    const state = { lost: false };
    const guard = createContextLossGuard({
      watch: () => ({ get lost() { return state.lost; }, active: true, dispose: () => {} }),
      fallback: async () => ({ name: 'wasm', reason: 'test' }), now: () => 0, intervalMs: 0,
    });
    const readMoments = async () => {
      const named = await session.optimizer.getWeights();
      const out = await Promise.all(named.map(async (n) => Array.from(await n.tensor.data())));
      named[0]!.tensor.dispose(); // the iteration count is a fresh scalar
      return out;
    };
    train(3);
    await guard.capture(session, true);
    const saved = await readMoments();
    const savedWeights = variables.map((v) => Array.from(v.dataSync()));
    train(4); // steps 4-7: 4 and 5 shown on the chart, 6 and 7 still waiting to be read back
    metrics.pending = 2;
    state.lost = true;
    const ctx = { msg: { runId: 1, hyper: { ...hyper, optimizer: 'adam', learningRate: 0.05 } }, post: () => {} } as unknown as RunContext;
    expect(await guard.recoverIfLost(ctx, session)).toBe(true);
    expect(saved[0]).toEqual([3]); // Adam's iteration count
    expect(saved.length).toBe(1 + 2 * variables.length);
    expect(await readMoments()).toEqual(saved);
    expect(variables.map((v) => Array.from(v.dataSync()))).toEqual(savedWeights);
    expect(session.step).toBe(5); // the next step is numbered 6: no gap after the last loss shown
    guard.dispose();
    tf.dispose([xs, ys]);
    session.optimizer.dispose();
    network.dispose();
  });
});
