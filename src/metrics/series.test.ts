import { describe, expect, it, vi } from 'vitest';
import { createSeries, smoothEma } from './series';

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

  it('drops the oldest points past its capacity', () => {
    const s = createSeries('loss', 3);
    s.append([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]);
    expect(s.points().map((p) => p.x)).toEqual([3, 4, 5]);
    expect(s.length).toBe(3);
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
