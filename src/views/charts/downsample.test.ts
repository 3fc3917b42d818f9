import { describe, expect, it } from 'vitest';
import { downsample, stepChanges } from './downsample';

describe('downsample', () => {
  it('returns a copy when there are few points', () => {
    const pts = [{ x: 1, y: 1 }];
    const out = downsample(pts, 10);
    expect(out).toEqual(pts);
    expect(out).not.toBe(pts);
  });

  it('averages into the requested number of buckets', () => {
    const pts = Array.from({ length: 100 }, (_, i) => ({ x: i, y: i % 2 }));
    const out = downsample(pts, 10);
    expect(out).toHaveLength(10);
    expect(out[0]).toEqual({ x: 4.5, y: 0.5 });
    expect(out[9]?.x).toBeCloseTo(94.5);
  });
});

describe('stepChanges', () => {
  it('keeps the first point of each run of equal values and the last point', () => {
    const rates = [0.1, 0.1, 0.1, 0.05, 0.05, 0.01, 0.01, 0.01].map((y, x) => ({ x, y }));
    expect(stepChanges(rates)).toEqual([{ x: 0, y: 0.1 }, { x: 3, y: 0.05 }, { x: 5, y: 0.01 }, { x: 7, y: 0.01 }]);
  });

  it('draws a constant rate from its two ends, and keeps every point of a rate that changes each step', () => {
    const constant = Array.from({ length: 1000 }, (_, x) => ({ x, y: 0.001 }));
    expect(stepChanges(constant)).toEqual([{ x: 0, y: 0.001 }, { x: 999, y: 0.001 }]);
    const cosine = Array.from({ length: 50 }, (_, x) => ({ x, y: Math.cos(x / 50) }));
    expect(stepChanges(cosine)).toEqual(cosine);
  });

  it('returns nothing for no points and the point for one', () => {
    expect(stepChanges([])).toEqual([]);
    expect(stepChanges([{ x: 2, y: 1 }])).toEqual([{ x: 2, y: 1 }]);
  });
});
