// The share of training labels (1%, 10%, 100%): seeded, the same share of every class, nested, with each kept
// image still carrying its own label; the test split untouched.
import { describe, expect, it } from 'vitest';
import { labelledIndices, withLabelShare } from './labelShare';
import type { LoadedDataset, Split } from './types';

/** 1,000 examples of 3 classes in proportions 5:3:2, each image a single byte: its index mod 256. */
function split(): Split {
  const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2));
  return { count: 1000, labels, images: Uint8Array.from({ length: 1000 }, (_, i) => i % 256) };
}
const meta = { format: 'cnnp-dataset' as const, version: 1 as const, id: 'three', name: 'Three', inputShape: [1, 1, 1],
  classNames: ['a', 'b', 'c'], train: { count: 1000, shards: [] }, test: { count: 1000, shards: [] } };
const data: LoadedDataset = { meta, train: split(), test: split() };
const perClass = (labels: ArrayLike<number>) => [0, 1, 2].map((c) => Array.from(labels).filter((l) => l === c).length);

describe('a share of the training labels', () => {
  it('keeps the same share of every class, seeded, with each image\'s own label', async () => {
    const { data: ten, of } = await withLabelShare(data, 0.1, 7);
    expect(of).toBe(1000);
    expect([ten.train.count, ten.meta.train.count]).toEqual([100, 100]);
    expect(perClass(ten.train.labels)).toEqual([50, 30, 20]);
    expect(perClass((await withLabelShare(data, 0.01, 7)).data.train.labels)).toEqual([5, 3, 2]);
    const again = labelledIndices(data.train, 0.1, 7);
    expect([...labelledIndices(data.train, 0.1, 7)]).toEqual([...again]);
    // Image k is the kept example's own: its index mod 256, and its label that example's.
    again.forEach((from, k) => {
      expect(ten.train.images[k]).toBe(from % 256);
      expect(ten.train.labels[k]).toBe(data.train.labels[from]);
    });
    expect(ten.test).toBe(data.test);
  });

  it('another seed picks other images; a smaller share\'s are among a larger one\'s', () => {
    const a = labelledIndices(data.train, 0.1, 7);
    const b = labelledIndices(data.train, 0.1, 8);
    expect([...a]).not.toEqual([...b]);
    const one = labelledIndices(data.train, 0.01, 7);
    expect([...one].every((i) => a.includes(i))).toBe(true);
  });

  it('keeps at least one image of every class, everything at 100%, and refuses other shares', async () => {
    const rare: LoadedDataset = { ...data, train: { count: 3, labels: Uint8Array.from([0, 1, 2]), images: Uint8Array.from([9, 8, 7]) } };
    expect((await withLabelShare(rare, 0.01, 1)).data.train.count).toBe(3);
    expect((await withLabelShare(data, 1, 1)).data).toBe(data);
    await expect(withLabelShare(data, 0.5 as never, 1)).rejects.toThrow(/one of 1, 0.1, 0.01/);
  });
});
