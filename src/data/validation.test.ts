import { describe, expect, it } from 'vitest';
import type { LoadedDataset, Split } from './types';
import { splitValidation, validationCount, withValidation } from './validation';

// Example i: label i % 3, two pixel bytes holding i (low, high), so every example is recognisable.
function split(count: number): Split {
  const images = new Uint8Array(count * 2);
  for (let i = 0; i < count; i++) images.set([i & 255, i >> 8], i * 2);
  return { count, images, labels: Uint8Array.from({ length: count }, (_, i) => i % 3) };
}
const ids = (s: Split) => Array.from({ length: s.count }, (_, k) => s.images[k * 2]! + 256 * s.images[k * 2 + 1]!);

describe('splitValidation', () => {
  it('holds out the asked share, never overlapping the training part, losing nothing', () => {
    const { train, validation } = splitValidation(split(1000), 0.1, 7);
    expect(validation.count).toBe(100);
    expect(train.count).toBe(900);
    const all = [...ids(train), ...ids(validation)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // Labels travel with their images.
    ids(validation).forEach((id, k) => expect(validation.labels[k]).toBe(id % 3));
  });

  it('is the same for the same seed and different for another', () => {
    const a = ids(splitValidation(split(500), 0.2, 3).validation);
    expect(ids(splitValidation(split(500), 0.2, 3).validation)).toEqual(a);
    expect(ids(splitValidation(split(500), 0.2, 4).validation)).not.toEqual(a);
  });

  it('takes examples from all over the split, not just its end', () => {
    const held = ids(splitValidation(split(1000), 0.1, 1).validation);
    expect(Math.min(...held)).toBeLessThan(200);
    expect(Math.max(...held)).toBeGreaterThan(800);
  });

  it('rounds to at least one example and never holds out everything', () => {
    expect(validationCount(10, 0.01)).toBe(1);
    expect(validationCount(2, 0.5)).toBe(1);
    expect(validationCount(1, 0.5)).toBe(0);
    expect(validationCount(100, 0)).toBe(0);
  });

  it('rejects a share outside 0..0.5', () => {
    expect(() => splitValidation(split(10), 0.8, 1)).toThrow('validation fraction must be between 0 and 0.5, got 0.8');
    expect(() => validationCount(10, -0.1)).toThrow(/got -0.1/);
    expect(() => validationCount(10, Number.NaN)).toThrow(/got NaN/);
  });
});

describe('withValidation', () => {
  const data = { meta: {} as LoadedDataset['meta'], train: split(50), test: split(5) } satisfies LoadedDataset;

  it('leaves the dataset untouched without a fraction', () => {
    expect(withValidation(data, undefined, 1)).toBe(data);
    expect(withValidation(data, 0, 1)).toBe(data);
  });

  it('shrinks train, adds validation, keeps test, and leaves the loaded copy whole', () => {
    const out = withValidation(data, 0.2, 1);
    expect(out.train.count).toBe(40);
    expect(out.validation?.count).toBe(10);
    expect(out.test).toBe(data.test);
    expect(ids(data.train)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
