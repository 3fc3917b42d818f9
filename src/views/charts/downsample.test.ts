import { describe, expect, it } from 'vitest';
import { downsample } from './downsample';

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
