// A lost WebGL context mid-run, injected through the engine's watchContext dependency (Node has no WebGL):
// the run moves to the fallback backend, restores the last weight copy, says why, and finishes.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContextWatch } from './contextLoss';
import { errorOf, harness, start, STEPS_PER_EPOCH } from './engineHarness';
import type { BackendChoice } from './protocol';

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
    const backends = h.messages.flatMap((m) => (m.type === 'backend' ? [m.backend] : []));
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

  it('does nothing while the context is fine', async () => {
    const gpu = fakeGpu();
    const h = harness(gpu.deps);
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    expect(gpu.state.selected).toEqual(['cpu']);
    expect(h.messages.filter((m) => m.type === 'backend')).toHaveLength(1);
    expect(h.phases().at(-1)).toBe('done');
  });
});
