// A detection run's probes after it has ended: choosing another test image must be answered for that image
// with the run's final weights. A detector's task has no class per image, so it had no weight copy, and the
// boxes view kept drawing the image probed last under the newly chosen number.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset, type GeneratedDatasetRef } from '../data/generated';
import { fixtureDigitLoader } from '../data/mnistFixture';
import type { LoadedDataset } from '../data/types';
import { chain, conv2d, gridDetect, input, maxPool2d } from '../model/dsl';
import type { FromWorker } from './api/protocol';
import { errorOf, harness, hyper, isPhase, sleep } from './engineHarness';

type Probes = Extract<FromWorker, { type: 'probes' }>;
const ref: GeneratedDatasetRef = { kind: 'generated', generator: 'mnistScenes', seed: 5, trainCount: 32, testCount: 8, digitsUrl: 'mnist/', task: 'detection' };
const detector = chain(input(), conv2d(4, 3, { padding: 'same', activation: 'relu' }), maxPool2d(8), gridDetect());
const config = (index: number) => ({ type: 'probe-config', runId: 1, config: {
  activations: true, filters: false, gradients: false, saliency: false, input: { kind: 'test', index }, maxPerSecond: 5, blocks: [] } }) as const;

describe('detection probes after the run has ended', () => {
  let data: LoadedDataset | null = null;
  const h = harness({ loadDataset: async () => (data ??= await generateDataset(ref, undefined, fixtureDigitLoader())) });
  afterAll(() => h.engine.idle());

  it('answer a newly chosen test image with that image and its grid, without leaking tensors', async () => {
    h.engine.handle({ type: 'start', runId: 1, spec: detector, backend: 'cpu', dataset: ref, hyper: { ...hyper, batchSize: 8, epochs: 1 } });
    await h.until(isPhase('done'));
    expect(errorOf(h.messages)).toBeUndefined();
    const before = tf.memory().numTensors;
    const from = h.messages.length;
    h.engine.handle(config(3));
    // The hub answers a new choice within ~300 ms when no step comes; give it ample time on a loaded machine.
    await Promise.race([h.until((m) => m.type === 'probes' && h.messages.indexOf(m) >= from), sleep(5000)]);
    const snap = h.messages.slice(from).filter((m): m is Probes => m.type === 'probes').at(-1)?.probes;
    expect(snap, 'no probe after choosing test image 3').toBeDefined();
    const size = 64 * 64;
    expect(snap!.input.index).toBe(3);
    expect(snap!.input.values).toEqual(Float32Array.from(data!.test.images.subarray(3 * size, 4 * size), (b) => b / 255));
    expect(snap!.probabilities).toHaveLength(8 * 8 * 15);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('gives no class answer for the grid: the draw pad is told there is no model, as before', () => {
    const at = h.messages.length;
    h.engine.handle({ type: 'predict', runId: 1, requestId: 1, input: new Float32Array(64 * 64) });
    expect(h.messages.slice(at).find((m) => m.type === 'prediction')).toMatchObject({ probabilities: null, reason: 'no-model' });
  });
});
