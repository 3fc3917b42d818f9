// The training knobs and controls through the engine's message interface on the cpu backend in Node:
// seeded reproducibility (with augmentation, dropout and weight decay on), stepping one batch at a time,
// a learning rate changed mid-run, every optimizer and schedule, and the divergence guard.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/spec';
import { errorOf, harness, isMetrics, isPhase, spec, start, STEPS_PER_EPOCH } from './engineHarness';
import { buildModel } from './buildModel';
import { OPTIMIZER_NAMES, type FromWorker, type HyperParams, type ToWorker } from './api/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The quadrant net with a dropout block before the head, so dropout masks matter. */
const withDropout: ModelSpec = {
  blocks: spec.blocks.map((b) => (b.kind === 'softmax' ? { ...b, inputs: ['drop'] } : b)).concat([
    { id: 'drop', kind: 'dropout', inputs: ['flat'], rate: 0.5 },
  ]),
};

const knobs: Partial<HyperParams> = {
  epochs: 2, augmentation: { flip: true, shift: 1 }, weightDecay: 1e-3, schedule: { kind: 'cosine', minFactor: 0.1 },
};

const losses = (messages: FromWorker[]) => messages.flatMap((m) => (m.type === 'metrics' ? [...m.batch.loss] : []));

async function lossCurve(overrides: Partial<HyperParams>, s: ModelSpec = withDropout): Promise<number[]> {
  const h = harness();
  h.engine.handle(start(1, { ...knobs, ...overrides }, s));
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  return losses(h.messages);
}

describe('seeded reproducibility', () => {
  it('gives the identical loss curve for the same seed, with augmentation, dropout and weight decay on', async () => {
    const a = await lossCurve({ seed: 11 });
    const b = await lossCurve({ seed: 11 });
    expect(a).toHaveLength(2 * STEPS_PER_EPOCH);
    expect(b).toEqual(a);
    expect(await lossCurve({ seed: 12 })).not.toEqual(a);
  });

  it('is not changed by watching it: every probe on, taken at every step, gives the same loss curve', async () => {
    // Batch norm as well as dropout: a probe that ran the net in training mode would move its statistics.
    const watched: ModelSpec = {
      blocks: withDropout.blocks.map((b) => (b.id === 'relu' ? { ...b, inputs: ['bn'] } : b)).concat([
        { id: 'bn', kind: 'batchnorm', inputs: ['conv'] },
      ]),
    };
    const curve = async (probes: boolean) => {
      // A clock that moves a second per reading, and budgets of all the time, make every probe due at every step.
      let clock = 0;
      const h = harness({ now: () => (clock += 1000), probeOptions: { fastBudget: 1, slowBudget: 1 } });
      if (probes) {
        h.engine.handle({ type: 'probe-config', runId: 0, config: {
          activations: true, filters: true, gradients: true, saliency: true, input: { kind: 'test', index: 2 }, maxPerSecond: 30,
        } });
      }
      h.engine.handle(start(1, { ...knobs, seed: 5 }, watched));
      await h.engine.idle();
      expect(errorOf(h.messages)).toBeUndefined();
      const tests = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result.testLoss] : []));
      return { losses: [...losses(h.messages), ...tests], gradientProbes: h.messages.filter((m) => m.type === 'probes' && m.probes.gradients).length };
    };
    const plain = await curve(false);
    const watchedRun = await curve(true);
    // Every step's training loss, then each epoch's test loss (which reads batch norm's moving statistics).
    expect(plain.losses).toHaveLength(2 * STEPS_PER_EPOCH + 2);
    expect(watchedRun.gradientProbes).toBeGreaterThanOrEqual(STEPS_PER_EPOCH / 2);
    expect(watchedRun.losses).toEqual(plain.losses);
  });

  it('draws a new dropout mask every step (a fixed layer seed would repeat one mask)', async () => {
    // With a learning rate of 0 nothing learns, so the losses differ only through dropout's masks.
    const curve = await lossCurve({ learningRate: 1e-30, augmentation: { flip: false, shift: 0 }, weightDecay: 0, epochs: 1 });
    expect(new Set(curve.map((l) => l.toFixed(6))).size).toBeGreaterThan(STEPS_PER_EPOCH / 2);
  });
});

describe('stepping', () => {
  it('starts paused, trains exactly one batch per step, posts it, and stays paused', async () => {
    const h = harness({ flushIntervalMs: 1_000_000 });
    h.engine.handle({ ...start(1, { epochs: 1 }), startPaused: true } as never);
    await h.until(isPhase('paused'));
    expect(h.steps()).toEqual([]);
    for (const n of [1, 2, 3]) {
      const posted = h.messages.filter(isMetrics).length;
      h.engine.handle({ type: 'step', runId: 1 });
      await h.until((m) => h.messages.filter(isMetrics).length > posted && m.type === 'metrics');
      expect(h.steps()).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.steps()).toHaveLength(3); // nothing more without a command
    h.engine.handle({ type: 'resume', runId: 1 });
    await h.engine.idle();
    expect(h.steps()).toEqual(Array.from({ length: STEPS_PER_EPOCH }, (_, i) => i + 1));
    expect(h.phases().at(-1)).toBe('done');
  });

  it('ignores a step while running', async () => {
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.includes(1)) h.engine.handle({ type: 'step', runId: 1 });
    });
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    expect(h.phases()).not.toContain('paused');
    expect(h.steps()).toHaveLength(STEPS_PER_EPOCH);
  });
});

describe('learning rate', () => {
  it('takes a rate changed mid-run from the next batch on, and reports the rate in effect', async () => {
    const h = harness({ flushIntervalMs: 0 }, (msg) => {
      if (msg.type === 'metrics' && msg.batch.step.includes(3)) h.engine.handle({ type: 'set-lr', runId: 1, learningRate: 0.5 });
    });
    h.engine.handle(start(1, { epochs: 1, learningRate: 0.01 }));
    await h.engine.idle();
    const rates = h.messages.flatMap((m) => (m.type === 'metrics' ? [[m.batch.step.at(-1), m.batch.learningRate]] : []));
    expect(rates.slice(0, 3)).toEqual([[1, 0.01], [2, 0.01], [3, 0.01]]);
    expect(rates.slice(4)).toEqual(rates.slice(4).map(([step]) => [step, 0.5]));
  });

  it('follows the step schedule', async () => {
    const h = harness({ flushIntervalMs: 0 });
    h.engine.handle(start(1, { epochs: 3, learningRate: 0.04, schedule: { kind: 'step', everyEpochs: 1, factor: 0.5 } }));
    await h.engine.idle();
    const rateAtEpochEnd = h.messages.flatMap((m) => (m.type === 'metrics' && m.batch.step.at(-1)! % STEPS_PER_EPOCH === 0
      ? [m.batch.learningRate] : []));
    expect(rateAtEpochEnd).toEqual([0.04, 0.02, 0.01]);
  });

  it.each(OPTIMIZER_NAMES)('trains with %s', async (optimizer) => {
    const rate = optimizer === 'adadelta' ? 1 : optimizer === 'sgd' || optimizer === 'adagrad' ? 0.1 : 0.01;
    const h = harness();
    h.engine.handle(start(1, { optimizer, learningRate: rate, epochs: 2, momentum: 0.9 }));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    const curve = losses(h.messages);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(curve.slice(-4))).toBeLessThan(mean(curve.slice(0, 4)));
  });

  it('keeps tensor memory flat from run to run with every knob on', async () => {
    // The engine keeps one weight copy for predictions between runs (predict.ts), so the comparison is
    // between the ends of consecutive runs of one engine, not with the count before the first.
    const h = harness();
    const after: number[] = [];
    for (const [runId, optimizer] of [[1, 'nesterov'], [2, 'adadelta'], [3, 'nesterov']] as const) {
      h.engine.handle(start(runId, { ...knobs, optimizer, learningRate: 0.01 }, withDropout));
      await h.engine.idle();
      expect(h.phases(runId).at(-1)).toBe('done');
      after.push(tf.memory().numTensors);
    }
    expect(after[2]).toBe(after[0]);
    expect(after[1]).toBe(after[0]);
  });
});

describe('divergence guard', () => {
  it('stops a run whose loss explodes without NaN, and says why and what to try', async () => {
    const h = harness({ flushIntervalMs: 0 });
    // SGD at rate 50 throws the softmax into saturation: the loss climbs far above its start, never NaN.
    h.engine.handle(start(1, { optimizer: 'sgd', learningRate: 50, epochs: 30 }));
    await h.engine.idle();
    const diverged = h.messages.find((m) => m.type === 'diverged');
    // The suggestion is the largest lower rate that trained in a short test (rateFinder.ts): 5 does not.
    expect(diverged).toMatchObject({ divergence: { kind: 'exploding', learningRate: 50, suggestedLearningRate: 0.5, suggestionTested: true } });
    expect(errorOf(h.messages)).toMatchObject({ message: expect.stringMatching(/diverged: the loss rose to .*trained at 0\.5: try that/) });
    expect(h.phases().at(-1)).toBe('error');
    expect(losses(h.messages).every(Number.isFinite)).toBe(true);
  });

  it('posts a NaN divergence before the error', async () => {
    const h = harness();
    h.engine.handle(start(1, { learningRate: 1e30 }));
    await h.engine.idle();
    const types = h.messages.map((m) => m.type);
    expect(types.indexOf('diverged')).toBeGreaterThan(-1);
    expect(types.indexOf('diverged')).toBeLessThan(types.indexOf('error'));
    expect(h.messages.find((m) => m.type === 'diverged')).toMatchObject({ divergence: { kind: 'nan', step: 2 } });
  });
  it('a NaN found on the validation split reports the step and learning rate the run had reached', async () => {
    // The model turns NaN only in inference mode, so training goes on and the first evaluation trips.
    const h = harness({ buildModel: (s, data, seed) => {
      const built = buildModel(s, data, seed);
      const logits = { apply: (x: tf.Tensor, kw: { training?: boolean }) => (kw.training
        ? built.logits.apply(x, kw) : tf.mul(built.logits.apply(x, kw) as tf.Tensor, Number.NaN)) };
      return { ...built, logits: logits as unknown as tf.LayersModel };
    } });
    const msg = start(1, { epochs: 2, schedule: { kind: 'cosine', minFactor: 0.1 }, batchSize: 8 });
    h.engine.handle({ ...msg, dataset: { url: '/data/quadrants/', validationFraction: 0.25 } } as ToWorker);
    await h.engine.idle();
    const diverged = h.messages.find((m) => m.type === 'diverged');
    const steps = h.steps();
    const rates = h.messages.flatMap((m) => (m.type === 'metrics' && m.batch.learningRate !== undefined ? [m.batch.learningRate] : []));
    expect(steps.at(-1)).toBe(12); // 96 training examples in batches of 8
    expect(rates.at(-1)).toBeLessThan(0.02);
    expect(diverged).toMatchObject({ divergence: { kind: 'nan', step: 12, epoch: 1, learningRate: rates.at(-1) } });
  });
});

describe('memory check', () => {
  it('refuses a network too large for the backend before building it, saying why', async () => {
    const huge: ModelSpec = {
      blocks: [
        { id: 'in', kind: 'input', inputs: [] },
        { id: 'c1', kind: 'conv2d', inputs: ['in'], filters: 4096, kernel: 3, stride: 1, padding: 'same' },
        { id: 'c2', kind: 'conv2d', inputs: ['c1'], filters: 4096, kernel: 3, stride: 1, padding: 'same' },
        { id: 'flat', kind: 'flatten', inputs: ['c2'] },
        { id: 'out', kind: 'softmax', inputs: ['flat'] },
      ],
    };
    let built = 0;
    const h = harness({ buildModel: () => {
      built += 1;
      throw new Error('should not be built');
    } });
    h.engine.handle(start(1, { epochs: 1 }, huge));
    await h.engine.idle();
    expect(errorOf(h.messages)).toMatchObject({
      message: expect.stringMatching(/^This network needs about [\d.,]+ GiB at batch size 16, more than the 1.5 GiB that is safe on cpu/),
    });
    expect(built).toBe(0);
  });

  it('reports the peak tensor memory with each epoch', async () => {
    const h = harness();
    h.engine.handle(start(1, { epochs: 1 }));
    await h.engine.idle();
    const result = h.messages.find((m) => m.type === 'epoch');
    expect(result?.type === 'epoch' && result.result.peakTensorBytes).toBeGreaterThan(0);
  });
});
