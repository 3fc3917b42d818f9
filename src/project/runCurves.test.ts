// The bounds on a project's kept runs: long curves averaged down to MAX_POINTS, at most MAX_RUNS runs (the
// newest), and epoch records carried to and from the epoch table's records unchanged.
import { describe, expect, it } from 'vitest';
import { boundRuns, downsampleCurve, MAX_POINTS, MAX_RUNS, toEpochResult, toRunEpoch } from './runCurves';
import type { RunCurve } from './types';

const curve = (n: number, label = 'r'): RunCurve => ({
  label, step: Array.from({ length: n }, (_, i) => i + 1), loss: Array.from({ length: n }, (_, i) => 1 / (i + 1)),
  accuracy: Array.from({ length: n }, (_, i) => i / n), epochs: [{ epoch: 1, testLoss: 0.3, testAccuracy: 0.9 }],
});

describe('run curves kept in a project', () => {
  it('averages a long curve into at most MAX_POINTS points spanning the same steps, and leaves a short one as it is', () => {
    const long = curve(10 * MAX_POINTS + 7);
    const small = downsampleCurve(long);
    expect(small.step.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(small.step.length).toBeGreaterThan(MAX_POINTS - 2);
    expect(small.loss).toHaveLength(small.step.length);
    expect(small.accuracy).toHaveLength(small.step.length);
    expect(small.step[0]).toBeCloseTo(5.5, 0);
    expect(small.step.at(-1)!).toBeGreaterThan(long.step.at(-1)! - 20);
    // Every bucket is a mean: the mean of the accuracies is kept (equal buckets up to one point).
    const mean = (a: readonly number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(small.accuracy)).toBeCloseTo(mean(long.accuracy), 3);
    expect(small.epochs).toEqual(long.epochs);
    const short = curve(50);
    expect(downsampleCurve(short)).toBe(short);
  });

  it('keeps the newest MAX_RUNS runs', () => {
    const runs = Array.from({ length: MAX_RUNS + 5 }, (_, i) => curve(3, `run ${i}`));
    const kept = boundRuns(runs);
    expect(kept).toHaveLength(MAX_RUNS);
    expect(kept[0]?.label).toBe('run 5');
    expect(kept.at(-1)?.label).toBe(`run ${MAX_RUNS + 4}`);
  });

  it('carries epoch records both ways, validation results included', () => {
    const shown = { epoch: 2, testLoss: 0.2, testAccuracy: 0.95, validationLoss: 0.25, validationAccuracy: 0.94, imagesPerSecond: 2000, seconds: 3 };
    expect(toEpochResult(toRunEpoch({ ...shown, multiplyAddsPerSecond: 1e9, peakTensorBytes: 1e6 }))).toEqual(shown);
    expect(toEpochResult({ epoch: 1, testLoss: 0.5, testAccuracy: 0.8 })).toEqual({ epoch: 1, testLoss: 0.5, testAccuracy: 0.8, imagesPerSecond: 0, seconds: 0 });
  });
});
