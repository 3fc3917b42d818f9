import { describe, expect, it } from 'vitest';
import { createBatchBuffers, fillBatch, mixSeed, mulberry32, shuffledIndices } from './batches';
import type { Split } from './types';

function isPermutation(indices: Uint32Array): boolean {
  return [...indices].sort((a, b) => a - b).every((v, i) => v === i);
}

describe('mulberry32', () => {
  it('gives the same stream for the same seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
  });

  it('gives different streams for different seeds', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('is roughly uniform', () => {
    const r = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(r() * 10)]!++;
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('mixSeed', () => {
  it('separates nearby (seed, stream) pairs', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 20; s++) for (let e = 0; e < 20; e++) seeds.add(mixSeed(s, e));
    expect(seeds.size).toBe(400);
  });
});

describe('shuffledIndices', () => {
  it('is a permutation', () => {
    const idx = shuffledIndices(1000, 3, 0);
    expect(idx).toBeInstanceOf(Uint32Array);
    expect(idx.length).toBe(1000);
    expect(isPermutation(idx)).toBe(true);
  });

  it('is the same for the same seed and epoch', () => {
    expect(shuffledIndices(500, 9, 4)).toEqual(shuffledIndices(500, 9, 4));
  });

  it('differs between epochs and between seeds', () => {
    const base = shuffledIndices(500, 9, 0);
    expect(shuffledIndices(500, 9, 1)).not.toEqual(base);
    expect(shuffledIndices(500, 10, 0)).not.toEqual(base);
  });

  it('actually shuffles: few elements stay in place', () => {
    const idx = shuffledIndices(10_000, 1, 0);
    const fixed = idx.filter((v, i) => v === i).length;
    expect(fixed).toBeLessThan(10); // about 1 expected for a random permutation
  });

  it('handles 0 and 1 elements and rejects a bad count', () => {
    expect(shuffledIndices(0, 1, 0).length).toBe(0);
    expect([...shuffledIndices(1, 1, 0)]).toEqual([0]);
    expect(() => shuffledIndices(-1, 1, 0)).toThrow(/count/);
  });
});

// 3 examples of 2x1x1 pixels; labels 2, 0, 1.
const split: Split = { count: 3, images: new Uint8Array([0, 255, 51, 102, 204, 153]), labels: new Uint8Array([2, 0, 1]) };

describe('fillBatch', () => {
  it('scales pixels to [0, 1] and writes one-hot labels in index order', () => {
    const out = createBatchBuffers(2, 2, 3);
    const n = fillBatch(split, new Uint32Array([2, 0, 1]), 0, 2, out);
    expect(n).toBe(2);
    expect([...out.x]).toEqual([204 / 255, 153 / 255, 0, 1].map(Math.fround));
    expect([...out.y]).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it('writes class indices into an Int32Array', () => {
    const out = createBatchBuffers(3, 2, 3, 'index');
    expect(out.y).toBeInstanceOf(Int32Array);
    expect(fillBatch(split, new Uint32Array([1, 2, 0]), 0, 3, out)).toBe(3);
    expect([...out.y]).toEqual([0, 1, 2]);
  });

  it('reuses the buffers: a second batch overwrites the first, stale one-hot bits cleared', () => {
    const out = createBatchBuffers(2, 2, 3);
    const { x, y } = out;
    const order = new Uint32Array([0, 1, 2]);
    fillBatch(split, order, 0, 2, out);
    const n = fillBatch(split, order, 2, 2, out);
    expect(n).toBe(1); // the last, partial batch
    expect(out.x).toBe(x);
    expect(out.y).toBe(y);
    expect([...x.subarray(0, 2)]).toEqual([204 / 255, 153 / 255].map(Math.fround));
    expect([...y.subarray(0, 3)]).toEqual([0, 1, 0]);
  });

  it('returns 0 past the end', () => {
    expect(fillBatch(split, new Uint32Array([0, 1, 2]), 3, 2, createBatchBuffers(2, 2, 3))).toBe(0);
  });

  it('rejects a batch larger than the buffers, bad indices and labels that do not fit', () => {
    const order = new Uint32Array([0, 1, 2]);
    expect(() => fillBatch(split, order, 0, 3, createBatchBuffers(2, 2, 3))).toThrow(/larger than the buffers/);
    expect(() => fillBatch(split, new Uint32Array([5]), 0, 1, createBatchBuffers(1, 2, 3))).toThrow(/out of range/);
    expect(() => fillBatch(split, order, 0, 1, createBatchBuffers(1, 2, 2))).toThrow(/does not fit 2 one-hot classes/);
    expect(() => fillBatch(split, order, -1, 2, createBatchBuffers(2, 2, 3))).toThrow(/start/);
  });
});
