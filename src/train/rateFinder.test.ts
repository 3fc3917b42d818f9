import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { errorOf, harness, start } from './engineHarness';
import type { Divergence } from './api/protocol';
import { candidateRates, lossesTrain } from './rateFinder';

const divergenceOf = (messages: ReturnType<typeof harness>['messages']): Divergence | undefined =>
  messages.flatMap((m) => (m.type === 'diverged' ? [m.divergence] : []))[0];

describe('the rate suggested after a divergence', () => {
  it('comes from lower rates, largest first, and needs a clearly falling, finite loss', () => {
    expect(candidateRates(10)).toEqual([1, 0.1, 0.01, 0.001, 0.0001]);
    expect(candidateRates(1e-5)).toEqual([1e-6]);
    expect(lossesTrain([2.3, 2.0, 1.6, 1.2, 1.0, 0.9])).toBe(true);
    expect(lossesTrain([2.3, 2.3, 2.31, 2.29, 2.3])).toBe(false); // stuck at chance
    expect(lossesTrain([2.3, 1.0, 0.8, Number.NaN])).toBe(false);
    expect(lossesTrain([2.3, 14, 16, 16, 16])).toBe(false); // saturated
  });

  it('trains: a run at the suggested rate finishes instead of diverging again', async () => {
    const h = harness({ flushIntervalMs: 0 });
    h.engine.handle(start(1, { optimizer: 'sgd', learningRate: 50, epochs: 30 }));
    await h.engine.idle();
    const d = divergenceOf(h.messages);
    expect(d?.suggestionTested).toBe(true);
    expect(d!.suggestedLearningRate).toBeLessThan(50);
    // The test builds and frees its own networks: a second such run leaves tensor memory where it was
    // (the predictor's weight copy of the last run stays, replaced, not added to).
    const afterFirst = tf.memory().numTensors;
    h.engine.handle(start(2, { optimizer: 'sgd', learningRate: 50, epochs: 30 }));
    await h.engine.idle();
    expect(tf.memory().numTensors).toBe(afterFirst);
    const again = harness({ flushIntervalMs: 0 });
    again.engine.handle(start(1, { optimizer: 'sgd', learningRate: d!.suggestedLearningRate, epochs: 5 }));
    await again.engine.idle();
    expect(errorOf(again.messages)).toBeUndefined();
    expect(again.phases().at(-1)).toBe('done');
  });
});
