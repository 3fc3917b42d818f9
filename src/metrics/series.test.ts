import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { columnsOf, createSeries, smoothColumn, smoothEma } from './series';

describe('createSeries', () => {
  it('keeps points in order and notifies subscribers once per append', () => {
    const s = createSeries('loss', 8);
    const listener = vi.fn();
    s.subscribe(listener);
    s.append([1, 2, 3], [0.9, 0.8, 0.7]);
    expect(s.points()).toEqual([
      { x: 1, y: 0.9 },
      { x: 2, y: 0.8 },
      { x: 3, y: 0.7 },
    ]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(s.version).toBe(1);
  });

  it('downsamples past its capacity instead of dropping points: the whole curve stays, evenly spaced', () => {
    const s = createSeries('loss', 100);
    const xs = Array.from({ length: 10_000 }, (_, i) => i + 1);
    s.append(xs, xs.map((x) => 2 * x));
    const pts = s.points();
    expect(s.length).toBe(pts.length);
    expect(pts.length).toBeLessThanOrEqual(101);
    expect(pts.length).toBeGreaterThan(50);
    expect(pts[0]!.x).toBeLessThan(100); // the start of the run is still there (averaged)
    expect(pts.at(-1)!.x).toBeGreaterThan(9_900); // and so is its end
    for (let i = 1; i < pts.length; i += 1) expect(pts[i]!.x).toBeGreaterThan(pts[i - 1]!.x);
    // Every kept point is a mean of a stretch of the line y = 2x, so it lies on that line.
    for (const p of pts) expect(p.y).toBeCloseTo(2 * p.x, 6);
  });

  it('gives the same curve whether steps come one at a time or in batches, and the mean of all of them', () => {
    const one = createSeries('a', 8);
    const many = createSeries('b', 8);
    const ys = Array.from({ length: 64 }, (_, i) => (i * 37) % 11);
    ys.forEach((y, i) => one.append([i], [y]));
    many.append(ys.map((_, i) => i), ys);
    expect(one.points()).toEqual(many.points());
    expect(one.length).toBeLessThanOrEqual(8);
    const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(one.points().map((p) => p.y))).toBeCloseTo(mean(ys), 10);
  });

  it('gives as columns the points it copies, the open stretch last, and knows its newest point', () => {
    fc.assert(fc.property(fc.integer({ min: 4, max: 40 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 300 }),
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 40 }),
      (capacity, ys, more) => {
        const s = createSeries('loss', capacity);
        s.append(ys.map((_, i) => i), ys);
        expect(s.columns()).toEqual(columnsOf(s.points()));
        expect(s.last()).toEqual(s.points().at(-1));
        // The open stretch's slot is taken by the next kept point: columns read again are right again.
        s.append(more.map((_, i) => ys.length + i), more);
        expect(s.columns()).toEqual(columnsOf(s.points()));
        expect(s.columns().x).toHaveLength(s.length);
      }));
    expect(createSeries('empty').last()).toBeUndefined();
  });

  it('clears and stops notifying after unsubscribe', () => {
    const s = createSeries('acc', 4);
    const listener = vi.fn();
    const off = s.subscribe(listener);
    s.append([1], [1]);
    off();
    s.clear();
    expect(s.length).toBe(0);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('smoothEma', () => {
  it('is the identity for weight 0 and debiased at the start', () => {
    const pts = [
      { x: 1, y: 2 },
      { x: 2, y: 4 },
    ];
    expect(smoothEma(pts, 0)).toEqual(pts);
    expect(smoothEma(pts, 0.5)[0]?.y).toBeCloseTo(2);
    expect(smoothEma(pts, 0.5)[1]?.y).toBeCloseTo((0.5 * 0.5 * 2 + 0.5 * 4) / 0.75);
  });
});

describe('smoothColumn', () => {
  it('smooths a column as smoothEma smooths points, into a kept buffer when it is long enough', () => {
    const pts = [3, 1, 4, 1, 5, 9, 2, 6].map((y, x) => ({ x, y }));
    const buffer = new Float64Array(20);
    const out = smoothColumn(columnsOf(pts).y, 0.6, buffer);
    expect(out.buffer).toBe(buffer.buffer);
    // The debiased average worked out directly: sum of w^(i-k) (1-w) y_k over 1 - w^(i+1).
    pts.forEach((_, i) => {
      const sum = pts.slice(0, i + 1).reduce((acc, p, k) => acc + 0.6 ** (i - k) * 0.4 * p.y, 0);
      expect(out[i]).toBeCloseTo(sum / (1 - 0.6 ** (i + 1)), 12);
    });
    expect(smoothEma(pts, 0.6).map((p) => p.y)).toEqual([...out]);
    expect(smoothColumn([1, 2, 3], 0.5, new Float64Array(1))).toHaveLength(3);
  });
});
