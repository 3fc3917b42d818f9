// A detection run trains with the loss weights its settings name (YOLO v1's lambda_coord and lambda_noobj),
// not the defaults: the session builds the task from them. One batch of 8 scenes per run, cpu backend.
import { describe, expect, it } from 'vitest';
import { generateDataset, type GeneratedDatasetRef } from '../data/generated';
import { fixtureDigitLoader } from '../data/mnistFixture';
import type { LoadedDataset } from '../data/types';
import { chain, conv2d, gridDetect, input, maxPool2d } from '../model/dsl';
import type { BoxLoss } from './api/protocol';
import { errorOf, harness, hyper } from './engineHarness';

const ref: GeneratedDatasetRef = { kind: 'generated', generator: 'mnistScenes', seed: 5, trainCount: 8, testCount: 8, digitsUrl: 'mnist/', task: 'detection' };
const detector = chain(input(), conv2d(4, 3, { padding: 'same', activation: 'relu' }), maxPool2d(8), gridDetect());

describe('training engine: detection loss weights', () => {
  let data: LoadedDataset | null = null;
  const firstLoss = async (boxLoss: BoxLoss) => {
    const h = harness({ loadDataset: async () => (data ??= await generateDataset(ref, undefined, fixtureDigitLoader())), flushIntervalMs: 0 });
    h.engine.handle({ type: 'start', runId: 1, spec: detector, backend: 'cpu', dataset: ref, hyper: { ...hyper, batchSize: 8, epochs: 1, boxLoss } });
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    return h.messages.flatMap((m) => (m.type === 'metrics' ? [...m.batch.loss] : []))[0]!;
  };

  it("takes the run's weights: the empty cells' weight from 0.5 to 10 raises the first loss by 9.5 times their cross-entropy", async () => {
    const base = await firstLoss({ coord: 5, noObject: 0.5 });
    const heavier = await firstLoss({ coord: 5, noObject: 10 });
    // Same seed, same first batch: at the start each of ~60 empty cells has objectness near 0.5 (cross-entropy
    // near log 2), so 9.5 more of that term adds a few hundred; the same weights give the same loss.
    expect(heavier - base).toBeGreaterThan(9.5 * 30 * Math.log(2));
    expect(await firstLoss({ coord: 5, noObject: 0.5 })).toBeCloseTo(base, 4);
  }, 120_000);
});
