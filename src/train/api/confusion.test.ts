import { describe, expect, it } from 'vitest';
import { createConfusion, perClassAccuracy } from './confusion';

describe('createConfusion', () => {
  it('counts (true, predicted) pairs row by row', () => {
    const acc = createConfusion(3, 0);
    acc.add([0, 1, 2, 3], [0, 1, 2, 2], [0, 2, 2, 1], [0.9, 0.8, 0.7, 0.6]);
    expect([...acc.matrix]).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 1]);
    expect(acc.mistakes()).toEqual([]);
  });

  it('keeps the k most confident mistakes across batches, most confident first', () => {
    const acc = createConfusion(2, 2);
    acc.add([0, 1, 2], [0, 0, 1], [1, 1, 0], [0.6, 0.9, 0.7]);
    acc.add([3, 4], [1, 0], [0, 0], [0.95, 0.99]);
    expect(acc.mistakes().map((m) => m.index)).toEqual([3, 1]);
    expect(acc.mistakes()[0]).toEqual({ index: 3, label: 1, predicted: 0, confidence: 0.95 });
  });

  it('ignores class indices outside the matrix instead of writing past it', () => {
    const acc = createConfusion(2, 1);
    acc.add([0, 1], [5, 0], [0, -1], [1, 1]);
    expect([...acc.matrix]).toEqual([0, 0, 0, 0]);
  });
});

describe('perClassAccuracy', () => {
  it('divides the diagonal by each row total', () => {
    const acc = perClassAccuracy([3, 1, 0, 0, 2, 2, 0, 0, 0], 3);
    expect(acc[0]).toBe(0.75);
    expect(acc[1]).toBe(0.5);
    expect(acc[2]).toBeNaN();
  });
});
