import { describe, expect, it } from 'vitest';
import { DivergenceError, DivergenceGuard, divergenceText } from './divergence';

function feed(guard: DivergenceGuard, losses: readonly number[], rate = 0.5) {
  for (let i = 0; i < losses.length; i++) {
    const d = guard.observe(i + 1, 1, losses[i]!, rate);
    if (d) return d;
  }
  return null;
}

const repeat = (value: number, n: number) => Array.from({ length: n }, () => value);

describe('DivergenceGuard', () => {
  it('trips at once on NaN or infinity, naming the step and suggesting a tenth of the rate', () => {
    const d = feed(new DivergenceGuard({ numClasses: 10 }), [2.3, 2.2, Number.NaN]);
    expect(d).toMatchObject({ kind: 'nan', step: 3, loss: null, learningRate: 0.5, suggestedLearningRate: 0.05 });
    expect(feed(new DivergenceGuard({ numClasses: 10 }), [Infinity])).toMatchObject({ kind: 'nan', step: 1 });
  });

  it('lets a healthy, falling loss be', () => {
    const losses = Array.from({ length: 2000 }, (_, i) => 2.3 * Math.exp(-i / 300) + 0.05 * Math.sin(i));
    expect(feed(new DivergenceGuard({ numClasses: 10 }), losses)).toBeNull();
  });

  it('trips when the loss rises far above its start and stays there', () => {
    const losses = [...repeat(2.3, 20), ...repeat(12, 200)];
    const d = feed(new DivergenceGuard({ numClasses: 10, patience: 50 }), losses, 1);
    expect(d?.kind).toBe('exploding');
    expect(d?.startLoss).toBeCloseTo(2.3, 5);
    expect(d?.epoch).toBe(1);
    expect(d!.loss!).toBeGreaterThan(3 * Math.log(10));
    // Smoothing takes about 7 steps to cross 3 ln(10) = 6.9, then 50 more in a row.
    expect(d!.step).toBeGreaterThan(20 + 50);
    expect(d!.step).toBeLessThan(20 + 50 + 12);
    expect(divergenceText(d!)).toMatch(/rose to 12 at step \d+ \(epoch 1\), from 2\.3 .*lower learning rate, such as 0\.1/);
  });

  it('says the loss stayed high only when it did', () => {
    const d = feed(new DivergenceGuard({ numClasses: 10, patience: 50 }), [...repeat(2.3, 20), ...repeat(12, 200)], 1);
    expect(d?.fellBack).toBeUndefined();
    expect(divergenceText(d!)).toMatch(/and stayed there/);
  });

  it('tells a spike that fell back from a loss that stayed high', () => {
    // A few batches at 10,000 hold the running average above 3 ln(10) for more than 50 steps after the loss is back at 1.5.
    const losses = [...repeat(2.3, 20), ...repeat(1e4, 5), ...repeat(1.5, 200)];
    const d = feed(new DivergenceGuard({ numClasses: 10, patience: 50 }), losses, 1);
    expect(d?.kind).toBe('exploding');
    expect(d!.step).toBeGreaterThan(25 + 40); // well after the spike ended
    expect(d?.fellBack).toEqual({ peakLoss: 1e4, peakStep: 21, recentLoss: 1.5 });
    const text = divergenceText(d!);
    expect(text).not.toMatch(/stayed there/);
    expect(text).toMatch(/jumped to 10000 at step 21, from 2\.3 at the start; it came back down to 1\.5 at step \d+ \(epoch 1\)/);
  });

  it('forgives a short spike', () => {
    const losses = [...repeat(2.3, 20), ...repeat(14, 30), ...repeat(1.5, 200)];
    expect(feed(new DivergenceGuard({ numClasses: 10, patience: 50 }), losses)).toBeNull();
  });

  it('judges from the first step, so a run that blows up at once is caught too', () => {
    const d = feed(new DivergenceGuard({ numClasses: 4 }), [1.5, 3.5, ...repeat(12, 100)]);
    expect(d).toMatchObject({ kind: 'exploding', startLoss: 1.5 });
  });

  it('does not stop a run for starting high (a large-weight initialisation), only for getting worse', () => {
    expect(feed(new DivergenceGuard({ numClasses: 10 }), [...repeat(14, 20), ...repeat(13, 300)])).toBeNull();
    expect(feed(new DivergenceGuard({ numClasses: 10 }), [...repeat(3, 20), ...repeat(7.5, 300)])).toMatchObject({ kind: 'exploding' });
  });

  it('wraps a divergence in an error whose message names the cause', () => {
    const err = new DivergenceError({ kind: 'nan', step: 7, epoch: 2, loss: null, startLoss: null, learningRate: 0.3,
      suggestedLearningRate: 0.03 });
    expect(err.message).toBe('Training diverged: the loss became NaN or infinite at step 7 (epoch 2). ' +
      'Try a lower learning rate, such as 0.03.');
  });
});
