import { describe, expect, it } from 'vitest';
import { evenlySpaced } from './chartTextData';

describe('evenlySpaced', () => {
  it('keeps everything when there is room, else n points from first to last', () => {
    expect(evenlySpaced([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const many = Array.from({ length: 101 }, (_, i) => i);
    expect(evenlySpaced(many, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(evenlySpaced(many, 40).at(-1)).toBe(100);
    expect(evenlySpaced(many, 40)).toHaveLength(40);
  });
});
