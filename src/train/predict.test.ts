import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { dataset, harness, isPhase, start } from './engineHarness';
import type { FromWorker } from './api/protocol';

type Confusion = Extract<FromWorker, { type: 'confusion' }>;
type Prediction = Extract<FromWorker, { type: 'prediction' }>;

const testImage = (i: number) => Float32Array.from(dataset.test.images.subarray(i * 64, (i + 1) * 64), (b) => b / 255);

describe('predictions in the worker', () => {
  const h = harness();
  afterAll(() => h.engine.idle());

  it('posts a confusion matrix over the whole test split after every epoch', async () => {
    h.engine.handle(start(1, { epochs: 2 }));
    await h.until(isPhase('done'));
    const reports = h.messages.filter((m): m is Confusion => m.type === 'confusion');
    expect(reports.map((r) => r.report.epoch)).toEqual([1, 2]);
    const { matrix, numClasses, mistakes } = reports[1]!.report;
    expect(numClasses).toBe(4);
    expect(matrix.reduce((a, b) => a + b, 0)).toBe(dataset.test.count);
    for (let r = 0; r < 4; r += 1) {
      const row = matrix.subarray(r * 4, r * 4 + 4).reduce((a, b) => a + b, 0);
      expect(row).toBe(dataset.test.labels.filter((l) => l === r).length);
    }
    // Every kept mistake is wrong, most confident first, and carries its own test image.
    const count = mistakes.index.length;
    expect(mistakes.images.length).toBe(count * 64);
    for (let k = 0; k < count; k += 1) {
      expect(mistakes.label[k]).not.toBe(mistakes.predicted[k]);
      expect(mistakes.label[k]).toBe(dataset.test.labels[mistakes.index[k]!]);
      if (k > 0) expect(mistakes.confidence[k]!).toBeLessThanOrEqual(mistakes.confidence[k - 1]!);
    }
    const wrong = matrix.reduce((a, v, i) => a + (i % 5 === 0 ? 0 : v), 0);
    expect(count).toBe(Math.min(wrong, 16));
    // The matrix comes from the test evaluation's own forward pass: its diagonal is the reported accuracy.
    // (argMax picks the first of tied probabilities in both, so the two agree exactly.)
    const results = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result] : []));
    reports.forEach((r, e) => {
      const correct = [0, 1, 2, 3].reduce((a, c) => a + r.report.matrix[c * 5]!, 0);
      expect(correct / dataset.test.count).toBeCloseTo(results[e]!.testAccuracy, 6);
    });
    // The confusion report comes before the epoch's result, so both views update together.
    const order = h.messages.filter((m) => m.type === 'confusion' || m.type === 'epoch').map((m) => m.type);
    expect(order).toEqual(['confusion', 'epoch', 'confusion', 'epoch']);
  });

  it('predicts with the last epoch weights after the run has ended', async () => {
    const replies: Prediction[] = [];
    const post = (m: FromWorker) => {
      if (m.type === 'prediction') replies.push(m);
    };
    const { engine } = { engine: h.engine };
    const before = h.messages.length;
    engine.handle({ type: 'predict', runId: 1, requestId: 7, input: testImage(0) });
    engine.handle({ type: 'predict', runId: 1, requestId: 8, input: new Float32Array(3) });
    engine.handle({ type: 'predict', runId: 99, requestId: 9, input: testImage(0) });
    h.messages.slice(before).forEach(post);
    expect(replies.map((r) => r.requestId)).toEqual([7, 8, 9]);
    const [ok, bad, stale] = replies;
    expect(ok?.epoch).toBe(2);
    expect(ok?.probabilities).toHaveLength(4);
    expect(ok!.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    // The copy holds the epoch-end weights: its answers over the test split give the same confusion matrix.
    const last = h.messages.filter((m): m is Confusion => m.type === 'confusion').at(-1)!.report;
    const matrix = new Int32Array(16);
    const from = h.messages.length;
    for (let i = 0; i < dataset.test.count; i += 1) engine.handle({ type: 'predict', runId: 1, requestId: 100 + i, input: testImage(i) });
    h.messages.slice(from).forEach((m, i) => {
      const p = (m as Prediction).probabilities!;
      const cell = dataset.test.labels[i]! * 4 + p.indexOf(Math.max(...p));
      matrix[cell] = (matrix[cell] ?? 0) + 1;
    });
    expect([...matrix]).toEqual([...last.matrix]);
    expect(bad).toMatchObject({ probabilities: null, reason: 'bad-input' });
    expect(stale).toMatchObject({ probabilities: null, reason: 'no-model' });
  });

  it('keeps tensor memory flat across runs and predictions', async () => {
    const afterFirst = tf.memory().numTensors;
    h.engine.handle(start(2, { epochs: 2 }));
    await h.until(isPhase('done', 2));
    for (let i = 0; i < 5; i += 1) h.engine.handle({ type: 'predict', runId: 2, requestId: i, input: testImage(i) });
    expect(tf.memory().numTensors).toBe(afterFirst);
  });
});

describe('probes after the run has ended', () => {
  type Probes = Extract<FromWorker, { type: 'probes' }>;
  const h = harness();
  afterAll(() => h.engine.idle());
  const probesAfter = (from: number) => h.messages.slice(from).filter((m): m is Probes => m.type === 'probes');
  const config = (index: number) => ({ type: 'probe-config', runId: 1, config: {
    activations: true, filters: false, gradients: false, saliency: true, input: { kind: 'test', index }, maxPerSecond: 5 } }) as const;

  it('answer a new test image with the final weights, saliency for the class the input card shows', async () => {
    h.engine.handle(start(1, { epochs: 1 }));
    await h.until(isPhase('done'));
    // Chosen after the run (a mistake clicked, Next pressed): the views must still be answered.
    const from = h.messages.length;
    h.engine.handle(config(5));
    await h.until((m) => m.type === 'probes' && m.probes.input.label === dataset.test.labels[5]
      && h.messages.indexOf(m) >= from);
    const snap = probesAfter(from).at(-1)!.probes;
    expect(snap.input.values).toEqual(testImage(5));
    expect(snap.activations.length).toBeGreaterThan(0);
    // The same weights the draw pad's predictions use: the last epoch's.
    const at = h.messages.length;
    h.engine.handle({ type: 'predict', runId: 1, requestId: 1, input: testImage(5) });
    const reply = h.messages.slice(at).find((m): m is Prediction => m.type === 'prediction')!;
    [...snap.probabilities].forEach((p, i) => expect(p).toBeCloseTo(reply.probabilities![i]!, 5));
    const top = snap.probabilities.indexOf(Math.max(...snap.probabilities));
    expect(snap.saliency?.classIndex).toBe(top);
  });

  it('keeps tensor memory flat when probing after the run', async () => {
    const before = tf.memory().numTensors;
    const from = h.messages.length;
    h.engine.handle(config(9));
    await h.until((m) => m.type === 'probes' && h.messages.indexOf(m) >= from);
    expect(tf.memory().numTensors).toBe(before);
  });
});
