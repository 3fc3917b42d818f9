import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnsOf, type SeriesPoint } from '../../metrics/series';
import { downsample, downsampleColumns, stepChanges } from './downsample';

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

/** The bucket means worked out directly: bucket b is the points from floor(b * n / buckets) to the next's first. */
function bucketMeans(points: readonly SeriesPoint[], buckets: number): SeriesPoint[] {
  const per = points.length / buckets;
  return Array.from({ length: buckets }, (_, b) => {
    const part = points.slice(Math.floor(b * per), Math.min(points.length, Math.floor((b + 1) * per)));
    return { x: part.reduce((s, p) => s + p.x, 0) / part.length, y: part.reduce((s, p) => s + p.y, 0) / part.length };
  });
}

describe('downsampleColumns', () => {
  it('gives every bucket the mean of its points, read from columns', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 400 }), fc.integer({ min: 1, max: 60 }),
      (ys, buckets) => {
        const pts = ys.map((y, x) => ({ x, y }));
        const out = downsampleColumns(columnsOf(pts), buckets);
        const want = pts.length <= buckets ? pts : bucketMeans(pts, buckets);
        expect(out).toHaveLength(want.length);
        out.forEach((p, i) => {
          expect(p.x).toBeCloseTo(want[i]!.x, 9);
          expect(p.y).toBeCloseTo(want[i]!.y, 9);
        });
        expect(downsample(pts, buckets)).toEqual(out);
      }));
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
