import { describe, expect, it } from 'vitest';
import { drawable, epochEndStep, firstAbove, hasExploded, lossDomain, nearestIndex, runColour, RUN_COLOURS } from './chartMath';

const pts = (ys: number[]) => ys.map((y, i) => ({ x: i + 1, y }));

describe('lossDomain', () => {
  it('starts a linear axis at 0 and spans every series', () => {
    expect(lossDomain([pts([2, 1]), pts([3.5])], false)).toEqual([0, 3.5]);
  });

  it('spans positive values on a log axis, at least a decade, skipping 0, NaN and Infinity', () => {
    expect(lossDomain([pts([2, 0.05, 0, Number.NaN, Infinity])], true)).toEqual([0.05, 2]);
    expect(lossDomain([pts([0.5, 0.6])], true)).toEqual([0.5, 5]);
  });

  it('follows the runs that did not explode: one diverged to 100,000 leaves the others readable', () => {
    const exploded = pts([2.3, 40, 1e5, 1e5]);
    expect(hasExploded(exploded)).toBe(true);
    expect(hasExploded(pts([2.3, 1.2, 0.4]))).toBe(false);
    expect(lossDomain([exploded, pts([2.3, 1.2, 0.4])], false)).toEqual([0, 2.3]);
    expect(lossDomain([exploded, pts([2.3, 1.2, 0.4])], true)).toEqual([0.4, 4]);
    // Alone, it is drawn up to ten times where it started, and leaves the plot at its second batch.
    expect(lossDomain([exploded], false)).toEqual([0, 23]);
    expect(firstAbove(exploded, 23)).toEqual({ x: 2, y: 40 });
  });

  it('has a sensible default when there is nothing to show', () => {
    expect(lossDomain([], false)).toEqual([0, 1]);
    expect(lossDomain([pts([0, -1])], true)).toEqual([0.01, 10]);
  });
});

describe('nearestIndex', () => {
  const p = [{ x: 1, y: 0 }, { x: 4, y: 0 }, { x: 10, y: 0 }];
  it.each([[0, 0], [2.4, 0], [2.6, 1], [7, 1], [7.1, 2], [99, 2]])('x=%d -> %d', (x, i) => {
    expect(nearestIndex(p, x)).toBe(i);
  });
  it('is -1 without points', () => {
    expect(nearestIndex([], 3)).toBe(-1);
  });
});

describe('runs and epochs', () => {
  it('gives runs distinct colours, cycling after the palette', () => {
    expect(new Set([1, 2, 3, 4].map(runColour)).size).toBe(4);
    expect(runColour(RUN_COLOURS.length + 1)).toBe(runColour(1));
  });

  it('places an epoch end on the batch axis', () => {
    expect(epochEndStep(3, 32)).toBe(96);
  });

  it('drops what a log axis cannot draw', () => {
    expect(drawable(pts([1, 0, -2, Number.NaN]), true)).toEqual([{ x: 1, y: 1 }]);
    expect(drawable(pts([1, 0]), false)).toHaveLength(2);
  });
});
