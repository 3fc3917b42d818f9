// A reopened project in the worker (restore.ts), driven through the engine's messages on the cpu backend:
// after 'load-weights' with its views, the trained network is back without training: the confusion matrix
// of the loaded weights on the test set, feature maps and filters of the loaded model, and the understanding
// views answer on it. A start cancels a restore under way; nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { WeightList } from '../codegen/weights';
import { dataset, errorOf, harness, meta, spec, start } from './engineHarness';
import { PROBES_OFF } from './api/probeTypes';
import type { FromWorker, ToWorker } from './api/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const shape = { inputShape: meta.inputShape, numClasses: meta.classNames.length };

async function trainedWeights(): Promise<{ weights: WeightList; testAccuracy: number; matrix: Int32Array }> {
  const h = harness();
  h.engine.handle(start(1));
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
  const reply = h.messages.find((m) => m.type === 'weights');
  const epochs = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result] : []));
  const confusion = h.messages.flatMap((m) => (m.type === 'confusion' ? [m.report] : [])).at(-1);
  if (reply?.type !== 'weights' || reply.weights === null || !confusion) throw new Error('no trained weights');
  return { weights: reply.weights, testAccuracy: epochs.at(-1)!.testAccuracy, matrix: confusion.matrix };
}

const load = (runId: number, weights: WeightList, views = true): ToWorker => ({
  type: 'load-weights', runId, spec, dataShape: shape, weights, epoch: 3,
  ...(views ? { views: { dataset: { url: '/data/quadrants/' }, backend: 'cpu', step: 24 } } : {}),
});

/** The class probabilities of `image` under these weights, computed apart from the worker (a model of its own). */
async function expectedProbabilities(weights: WeightList, image: Float32Array): Promise<number[]> {
  const h = harness();
  h.engine.handle(load(77, weights, false));
  await h.engine.idle();
  h.engine.handle({ type: 'predict', runId: 77, requestId: 1, input: image });
  return [...(of(h.messages, 'prediction', 77)[0]?.probabilities ?? [])];
}

const of = <T extends FromWorker['type']>(messages: FromWorker[], type: T, runId: number) =>
  messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type && m.runId === runId);

describe('a reopened project in the worker', () => {
  it('brings back the confusion matrix, probes and understanding views of the loaded weights without training', async () => {
    const trained = await trainedWeights();
    // A fresh worker (a reload), with the views wanting feature maps and filters.
    const h = harness();
    h.engine.handle({ type: 'probe-config', runId: 0, config: { ...PROBES_OFF, activations: true, filters: true } });
    h.engine.handle(load(5, trained.weights));
    await h.engine.idle();
    await h.until((m) => m.type === 'probes' && m.runId === 5);
    expect(h.messages.some((m) => m.type === 'metrics' || m.type === 'epoch' || m.type === 'phase')).toBe(false);
    expect(of(h.messages, 'backend', 5)[0]?.backend.name).toBe('cpu');
    expect(of(h.messages, 'weights-loaded', 5)[0]?.problem).toBeNull();

    // The confusion matrix is recomputed on the test set: the run's own last matrix, to the count.
    const report = of(h.messages, 'confusion', 5)[0]?.report;
    expect(report?.epoch).toBe(3);
    expect(report?.matrix.reduce((a, b) => a + b, 0)).toBe(dataset.test.count);
    expect([...report!.matrix]).toEqual([...trained.matrix]);
    const correct = [0, 1, 2, 3].reduce((n, c) => n + report!.matrix[c * 4 + c]!, 0);
    expect(correct / dataset.test.count).toBeCloseTo(trained.testAccuracy, 6);

    // Feature maps and filters of the loaded model, for the step the weights were saved at.
    const probes = of(h.messages, 'probes', 5)[0]!.probes;
    expect(probes.step).toBe(24);
    expect(probes.activations.map((a) => a.id)).toContain('conv');
    const filters = probes.filters.find((f) => f.id === 'conv');
    const kernel = trained.weights.find((w) => w.name === 'conv/kernel')!;
    expect(filters?.values.length).toBeGreaterThan(0);
    expect(probes.activations.find((a) => a.id === 'conv')!.values.some((v) => v !== 0)).toBe(true);
    expect(kernel.values.some((v) => v !== 0)).toBe(true);

    // An understanding view answers on the loaded weights (no 'no-model').
    h.engine.handle({ type: 'understand', runId: 5, requestId: 1, request: { view: 'stats', batchSize: 16 } });
    await h.engine.idle();
    const answer = of(h.messages, 'understanding', 5)[0];
    expect(answer?.problem).toBeUndefined();
    expect(answer?.result?.view).toBe('stats');

    // Predictions use the loaded weights: the same probabilities as the trained network's own model, and
    // not those of other weights of the same network.
    const image = Float32Array.from(dataset.test.images.subarray(0, 64), (b) => b / 255);
    h.engine.handle({ type: 'predict', runId: 5, requestId: 2, input: image });
    const got = of(h.messages, 'prediction', 5)[0]?.probabilities;
    expect(got?.length).toBe(4);
    const want = await expectedProbabilities(trained.weights, image);
    [...got!].forEach((p, i) => expect(p).toBeCloseTo(want[i]!, 5));
    const other = await expectedProbabilities(trained.weights.map((w) => ({ ...w, values: w.values.map((v) => v * -0.5) })), image);
    expect(Math.max(...[...got!].map((p, i) => Math.abs(p - other[i]!)))).toBeGreaterThan(1e-3);
  });

  it('without views loads predictions only, and a start cancels a restore under way; no tensor leaks', async () => {
    const trained = await trainedWeights();
    const before = tf.memory().numTensors;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness({ loadDataset: async () => {
      await gate;
      return dataset;
    } });
    h.engine.handle(load(2, trained.weights, false));
    await h.engine.idle();
    expect(of(h.messages, 'weights-loaded', 2)[0]?.problem).toBeNull();
    expect(of(h.messages, 'confusion', 2)).toHaveLength(0);

    // The restore waits for its test set; the user starts training meanwhile.
    h.engine.handle(load(3, trained.weights));
    h.engine.handle(start(4, { epochs: 1 }));
    release();
    await h.engine.idle();
    expect(of(h.messages, 'confusion', 3)).toHaveLength(0);
    expect(of(h.messages, 'epoch', 4)).toHaveLength(1);
    // The weight copies left are the last run's prediction model only: as many as one load leaves.
    const h2 = harness();
    h2.engine.handle(load(9, trained.weights));
    await h2.engine.idle();
    const afterOne = tf.memory().numTensors;
    h2.engine.handle(load(10, trained.weights));
    await h2.engine.idle();
    expect(tf.memory().numTensors).toBe(afterOne);
    expect(afterOne).toBeGreaterThan(before);
  });

  it('probes the newly opened project, never the model a second project file replaced (no "already disposed")', async () => {
    const trained = await trainedWeights();
    const warn = vi.spyOn(console, 'warn');
    try {
      const h = harness();
      h.engine.handle({ type: 'probe-config', runId: 0, config: { ...PROBES_OFF, activations: true } });
      h.engine.handle(load(5, trained.weights));
      await h.engine.idle();
      await h.until((m) => m.type === 'probes' && m.runId === 5);
      // Another project is opened: its weights replace the first model; then the views ask for filters too.
      h.engine.handle(load(6, trained.weights, false));
      await h.engine.idle();
      h.engine.handle({ type: 'probe-config', runId: 0, config: { ...PROBES_OFF, activations: true, filters: true } });
      await new Promise((resolve) => setTimeout(resolve, 600)); // past the hub's idle refresh (300 ms)
      await h.engine.idle();
      const disabled = warn.mock.calls.filter((c) => String(c[0]).includes('Probes disabled'));
      expect(disabled.map((c) => String(c[1]))).toEqual([]);
      expect(of(h.messages, 'probes', 5).every((m) => m.probes.filters.length === 0)).toBe(true); // nothing from the replaced model
    } finally {
      warn.mockRestore();
    }
  });
});
