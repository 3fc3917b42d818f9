// Data-parallel training through the engine's message interface, with helpers run in-process (the same
// helper code the helper Worker runs, messages structured-cloned as postMessage would): K workers follow
// the weights one worker follows, pause / step / stop and the divergence guard work as with one, dropout
// stays reproducible for a given K, a failing helper leaves the run on one worker, nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../model/spec';
import { buildModel } from '../buildModel';
import { errorOf, harness, isMetrics, isPhase, spec, start } from '../engineHarness';
import type { FromWorker, HyperParams, ToWorker, WorkersInfo } from '../api/protocol';
import type { WeightList } from '../../codegen/weights';
import { createBatchBuffers, fillBatch, shuffledIndices } from '../../data/batches';
import { dataset } from '../engineHarness';
import { inProcessHelpers } from './inProcess';
import type { Helper } from './helper';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const helperDeps = { selectBackend: async () => { await tf.setBackend('cpu'); }, buildModel };

/** An engine on `cores` cores with in-process helpers; `wrap` may make a helper misbehave. */
function parallelHarness(cores: number, onPost?: (msg: FromWorker, h: ReturnType<typeof harness>) => void,
  wrap?: (helper: Helper) => Helper) {
  const helpers = inProcessHelpers(helperDeps, wrap);
  const h: ReturnType<typeof harness> = harness({ spawnHelper: helpers.spawn, cores: () => cores, minMacsPerStep: 0, flushIntervalMs: 0 },
    (msg) => onPost?.(msg, h));
  return { ...h, helpers };
}

const withDropout: ModelSpec = {
  blocks: spec.blocks.map((b) => (b.kind === 'softmax' ? { ...b, inputs: ['drop'] } : b)).concat([
    { id: 'drop', kind: 'dropout', inputs: ['flat'], rate: 0.5 },
  ]),
};

const workersOf = (messages: FromWorker[]): WorkersInfo | undefined =>
  messages.flatMap((m) => (m.type === 'backend' && m.backend.workers ? [m.backend.workers] : [])).at(-1);
const losses = (messages: FromWorker[]) => messages.flatMap((m) => (m.type === 'metrics' ? [...m.batch.loss] : []));

/** Trains one run to its end on `cores` cores and returns its final weights (the predictor's epoch-end copy). */
async function trainedWeights(cores: number, hyper: Partial<HyperParams>, s: ModelSpec = spec,
  wrap?: (helper: Helper) => Helper) {
  const h = parallelHarness(cores, undefined, wrap);
  h.engine.handle(start(1, hyper, s));
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
  const answer = h.messages.find((m) => m.type === 'weights');
  if (answer?.type !== 'weights' || answer.weights === null) throw new Error('no weights after the run');
  return { weights: answer.weights, workers: workersOf(h.messages), losses: losses(h.messages), h };
}

function maxAbsDiff(a: WeightList, b: WeightList): number {
  let worst = 0;
  a.forEach((t, i) => t.values.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - (b[i]?.values[j] ?? Number.NaN))); }));
  return Number.isNaN(worst) ? Infinity : worst;
}

describe('K workers through the engine equal one worker', () => {
  // 128 examples in batches of 24: five full batches and one of 8, so shards are uneven with 3 workers.
  const hyper: Partial<HyperParams> = { epochs: 2, batchSize: 24, weightDecay: 1e-3, augmentation: { flip: true, shift: 1 } };

  it.each([2, 3])('%i workers follow one worker\'s weights over two epochs (no batch norm, no dropout), to 1e-5', async (k) => {
    const one = await trainedWeights(1, hyper);
    expect(one.workers).toMatchObject({ count: 1, reason: 'one-core' });
    // K from the core count: every core on 2, one left for the page from 3 on.
    const cores = k === 2 ? 2 : k + 1;
    const many = await trainedWeights(cores, hyper);
    expect(many.workers).toMatchObject({ count: k, reason: 'cores', cores });
    expect(many.h.helpers.spawned()).toBe(k - 1);
    expect(many.h.helpers.live()).toBe(0); // every helper ended with the run
    // The weights moved, so the comparison means something ...
    const fresh = buildModel(spec, { inputShape: [8, 8, 1], numClasses: 4 }, hyper.seed ?? 7);
    const initial = fresh.model.weights.map((w) => ({ name: w.name, shape: [], values: w.read().dataSync() as Float32Array }));
    expect(maxAbsDiff(one.weights, initial)).toBeGreaterThan(1e-2);
    fresh.dispose();
    // ... and K workers moved them the same way.
    expect(maxAbsDiff(many.weights, one.weights)).toBeLessThan(1e-5);
    many.losses.forEach((l, i) => expect(l).toBeCloseTo(one.losses[i] as number, 5));
  });

  it("keeps one worker when asked to, or on a GPU backend, and says why", async () => {
    const chosen = parallelHarness(4);
    chosen.engine.handle({ ...start(1, { epochs: 1 }), workers: 'one' } as ToWorker);
    await chosen.engine.idle();
    expect(workersOf(chosen.messages)).toMatchObject({ count: 1, reason: 'chosen' });
    expect(chosen.helpers.spawned()).toBe(0);

    const gpu = harness({ spawnHelper: inProcessHelpers(helperDeps).spawn, cores: () => 4,
      selectBackend: async () => { await tf.setBackend('cpu'); return { name: 'webgl', reason: 'test' }; } });
    gpu.engine.handle(start(1, { epochs: 1 }));
    await gpu.engine.idle();
    expect(workersOf(gpu.messages)).toMatchObject({ count: 1, reason: 'gpu' });
  });

  it('goes on on one worker when a helper fails mid-run, with the same weights and the reason posted', async () => {
    let steps = 0;
    const failing = (helper: Helper): Helper => ({
      handle: (msg) => (msg.type === 'step' && ++steps === 3
        ? Promise.resolve({ answer: { type: 'failed', message: 'out of memory (test)' } }) : helper.handle(msg)),
      dispose: () => helper.dispose(),
    });
    const one = await trainedWeights(1, hyper);
    const broken = await trainedWeights(2, hyper, spec, failing);
    expect(broken.workers).toMatchObject({ count: 1, reason: 'failed', detail: 'out of memory (test)' });
    expect(broken.h.phases().at(-1)).toBe('done');
    expect(maxAbsDiff(broken.weights, one.weights)).toBeLessThan(1e-5);
  });

  it('a step taken again after a helper fails moves batch norm\'s moving statistics once, as one worker does', async () => {
    let steps = 0;
    const failing = (helper: Helper): Helper => ({
      handle: (msg) => (msg.type === 'step' && ++steps === 2
        ? Promise.resolve({ answer: { type: 'failed', message: 'lost (test)' } }) : helper.handle(msg)),
      dispose: () => helper.dispose(),
    });
    const bnHyper: Partial<HyperParams> = { epochs: 1, batchSize: 64, seed: 4 };
    const one = await trainedWeights(1, bnHyper, withBnAndDropout);
    const broken = await trainedWeights(2, bnHyper, withBnAndDropout, failing);
    expect(broken.workers).toMatchObject({ count: 1, reason: 'failed' });
    expect(maxAbsDiff(broken.weights, one.weights)).toBeLessThan(1e-5);
  });

  it('trains on one worker, saying why, when the helpers cannot start', async () => {
    const h = harness({ spawnHelper: () => { throw new Error('workers are not allowed here'); }, cores: () => 2, minMacsPerStep: 0 });
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    expect(h.phases().at(-1)).toBe('done');
    expect(workersOf(h.messages)).toMatchObject({ count: 1, reason: 'failed', detail: 'workers are not allowed here' });
  });
});

describe('run controls with 2 workers', () => {
  it('steps one batch at a time while paused, resumes, and stops, ending its helpers and leaving no tensors', async () => {
    const baseline = tf.memory().numTensors;
    const h = parallelHarness(2);
    h.engine.handle({ ...start(1, { epochs: 3 }), startPaused: true } as ToWorker);
    await h.until(isPhase('paused'));
    h.engine.handle({ type: 'step', runId: 1 });
    await h.until((m) => isMetrics(m) && m.batch.step.includes(1));
    h.engine.handle({ type: 'step', runId: 1 });
    await h.until((m) => isMetrics(m) && m.batch.step.includes(2));
    expect(h.steps()).toEqual([1, 2]);
    h.engine.handle({ type: 'resume', runId: 1 });
    await h.until((m) => isMetrics(m) && m.batch.step.includes(5));
    h.engine.handle({ type: 'stop', runId: 1 });
    await h.engine.idle();
    expect(h.phases().at(-1)).toBe('stopped');
    expect(h.steps().slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(workersOf(h.messages)).toMatchObject({ count: 2 });
    expect(h.helpers.live()).toBe(0);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('stops itself when the loss blows up (the divergence guard sees the averaged loss)', async () => {
    const h = parallelHarness(2);
    h.engine.handle(start(1, { optimizer: 'sgd', learningRate: 50, epochs: 30 }));
    await h.engine.idle();
    expect(h.messages.some((m) => m.type === 'diverged')).toBe(true);
    expect(h.phases().at(-1)).toBe('error');
    expect(h.helpers.live()).toBe(0);
  });
});

const withBn: ModelSpec = {
  blocks: spec.blocks.map((b) => (b.id === 'relu' ? { ...b, inputs: ['bn'] } : b)).concat([
    { id: 'bn', kind: 'batchnorm', inputs: ['conv'], momentum: 0.5 },
  ]),
};
// The convolution before batch norm has no bias, as usual: batch norm cancels a bias, whose gradient is then
// rounding noise that Adam scales up to full-size steps (1e-2 apart between worker counts, measured).
const withBnAndDropout: ModelSpec = {
  blocks: withBn.blocks.map((b) => (b.kind === 'softmax' ? { ...b, inputs: ['drop'] } : b.id === 'conv' ? { ...b, useBias: false } : b)).concat([
    { id: 'drop', kind: 'dropout', inputs: ['flat'], rate: 0.5 },
  ]),
};

describe('the same seeded run on any number of workers', () => {
  // Batches of 96 make 3 virtual shards of 32 (shards.ts); 128 examples: a batch of 96 and one of 32 per epoch.
  const hyper: Partial<HyperParams> = { epochs: 2, batchSize: 96, seed: 9, optimizer: 'adam', learningRate: 0.01 };

  it('gives the same weights and losses with 1, 2 and 3 workers, for a network with batch norm and dropout', async () => {
    const runs = [];
    for (const cores of [1, 2, 4]) runs.push(await trainedWeights(cores, hyper, withBnAndDropout));
    expect(runs.map((r) => r.workers?.count)).toEqual([1, 2, 3]);
    const [one, ...many] = runs as [typeof runs[0], ...typeof runs];
    const fresh = buildModel(withBnAndDropout, { inputShape: [8, 8, 1], numClasses: 4 }, 9);
    const initial = fresh.model.weights.map((w) => ({ name: w.name, shape: [], values: w.read().dataSync() as Float32Array }));
    fresh.dispose();
    expect(maxAbsDiff(one.weights, initial)).toBeGreaterThan(1e-2);
    for (const run of many) {
      console.log(`${run.workers?.count} workers vs 1: max |weight difference| ${maxAbsDiff(run.weights, one.weights).toExponential(2)}`);
      expect(maxAbsDiff(run.weights, one.weights)).toBeLessThan(1e-5);
      run.losses.forEach((l, i) => expect(l).toBeCloseTo(one.losses[i] as number, 5));
    }
  });
});

describe('dropout with 2 workers', () => {
  const hyper: Partial<HyperParams> = { epochs: 1, seed: 11 };

  it('shards draw masks of their own: each its rows of the whole batch\'s mask, so 2 workers train as 1 does', async () => {
    const one = await trainedWeights(1, hyper, withDropout);
    const two = await trainedWeights(2, hyper, withDropout);
    expect(two.workers).toMatchObject({ count: 2 });
    // Were shard 1's masks shard 0's (or any but its own rows), the two runs would part at the first step.
    expect(maxAbsDiff(two.weights, one.weights)).toBeLessThan(1e-5);
    const again = await trainedWeights(2, hyper, withDropout);
    expect(again.losses).toEqual(two.losses);
    const other = await trainedWeights(2, { ...hyper, seed: 12 }, withDropout);
    expect(other.losses).not.toEqual(two.losses);
  });
});

describe('batch norm with 2 workers (statistics per virtual shard)', () => {
  // One batch of all 128 examples: the epoch-end weights are those after exactly one step; 4 virtual shards of 32.
  const hyper: Partial<HyperParams> = { epochs: 1, batchSize: 128, seed: 3 };
  const movingMean = (w: WeightList) => w.find((t) => t.name.includes('moving_mean'))?.values ?? new Float32Array(0);

  it('moving statistics follow the first virtual shard, on one worker or two', async () => {
    const two = await trainedWeights(2, hyper, withBn);
    const one = await trainedWeights(1, hyper, withBn);
    // What a fresh network's training-mode pass over virtual shard 0 (the first 32 of the shuffled batch) gives.
    const fresh = buildModel(withBn, { inputShape: [8, 8, 1], numClasses: 4 }, 3);
    const buffers = createBatchBuffers(32, 64, 4);
    fillBatch(dataset.train, shuffledIndices(128, 3, 1), 0, 32, buffers);
    tf.tidy(() => { fresh.model.apply(tf.tensor4d(buffers.x, [32, 8, 8, 1]), { training: true }); });
    const expected = movingMean(fresh.model.weights.map((w) => ({ name: w.name, shape: [], values: w.read().dataSync() as Float32Array })));
    fresh.dispose();
    expect(expected.length).toBe(4);
    const diff = (a: Float32Array, b: Float32Array) => Math.max(...Array.from(a, (v, i) => Math.abs(v - (b[i] as number))));
    expect(diff(movingMean(two.weights), expected)).toBeLessThan(1e-6);
    expect(diff(movingMean(one.weights), expected)).toBeLessThan(1e-6);
    expect(maxAbsDiff(two.weights, one.weights)).toBeLessThan(1e-5);
  });
});
