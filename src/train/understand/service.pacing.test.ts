// The service paces a job by the live run's state: while the run trains, the job works in slices (the first
// one a single image) and rests after each; while paused it takes whole batches and only yields. The clock
// is real for work and virtual for rests (a rest advances it without waiting).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../buildModel';
import { dataset, spec } from '../engineHarness';
import type { UnderstandFromWorker } from '../api/understandProtocol';
import { nextMacrotask } from '../runControl';
import { createUnderstanding, type UnderstandSource } from './service';
import { trainedQuadrantNet } from './testFixtures';

let model: tf.LayersModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await trainedQuadrantNet();
}, 60_000);

afterAll(() => model.dispose());

async function topJob(training: boolean) {
  let offset = 0;
  const rests: number[] = [];
  const understanding = createUnderstanding({
    now: () => performance.now() + offset,
    sleep: async (ms) => {
      rests.push(ms);
      offset += ms;
      await nextMacrotask();
    },
  });
  const source: UnderstandSource = { runId: 1, spec, seed: 7, model, data: dataset, step: 5, training,
    buildModel: (s, data, seed) => buildModel(s, data, seed).model };
  const answers: UnderstandFromWorker[] = [];
  understanding.handle({ type: 'understand', runId: 1, requestId: 1, request: { view: 'top', blockId: 'relu', channel: 0, k: 3, maxImages: 64 } },
    () => source, (msg) => answers.push(msg));
  await understanding.idle();
  understanding.dispose();
  return { answer: answers.at(-1), rests };
}

describe('understanding service pacing', () => {
  it('splits a job into slices with rests while the run trains, and not while it is paused', async () => {
    const paused = await topJob(false);
    expect(paused.answer?.result?.view).toBe('top');
    // 64 images in one batch, then a bare yield.
    expect(paused.rests).toEqual([0]);
    const training = await topJob(true);
    expect(training.answer?.result).toEqual(paused.answer?.result);
    // The first slice is one image; more slices follow, each followed by a rest owed to training.
    expect(training.rests.length).toBeGreaterThan(1);
    expect(training.rests[0]).toBeGreaterThan(0);
  });
});
