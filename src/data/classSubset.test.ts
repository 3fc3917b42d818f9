// Class subsets (cs231n's transfer matrix on CIFAR-10: six animals, four vehicles), made from the same files:
// the chosen classes' examples in stored order, labels renumbered in the given order, images kept with their
// labels, and the registry's entries naming CIFAR-10's own classes at the indices they keep.
import { describe, expect, it } from 'vitest';
import { classSubset } from './classSubset';
import { derivedDataset } from './derived';
import { CIFAR10_CLASSES, classNamesKey, datasetEntry } from './registry';
import type { DatasetMeta, LoadedDataset, Split } from './types';
import { selectDatasetRef } from '../store/dataSlice';

/** 2×1 one-channel images whose pixels are [label, example index], so both can be read back. */
function split(labels: number[]): Split {
  return { count: labels.length, labels: Uint8Array.from(labels), images: Uint8Array.from(labels.flatMap((l, i) => [l, i])) };
}
const meta: DatasetMeta = { format: 'cnnp-dataset', version: 1, id: 'five', name: 'Five', inputShape: [2, 1, 1],
  classNames: ['a', 'b', 'c', 'd', 'e'], train: { count: 8, shards: [] }, test: { count: 5, shards: [] } };
const data: LoadedDataset = { meta, train: split([0, 3, 1, 4, 3, 2, 0, 4]), test: split([4, 3, 2, 1, 0]) };

describe('a class subset', () => {
  it('keeps the chosen classes\' examples in order, renumbered as given, with their images', async () => {
    const sub = await classSubset(data, [4, 0, 3]);
    expect(sub.meta.classNames).toEqual(['e', 'a', 'd']);
    expect([sub.train.count, sub.test.count, sub.meta.train.count, sub.meta.test.count]).toEqual([6, 3, 6, 3]);
    expect([...sub.train.labels]).toEqual([1, 2, 0, 2, 1, 0]);
    // Each image is the one of the example it came from: original label and index [0,3,4,3,0,4] / [0,1,3,4,6,7].
    expect([...sub.train.images]).toEqual([0, 0, 3, 1, 4, 3, 3, 4, 0, 6, 4, 7]);
    expect([...sub.test.labels]).toEqual([0, 2, 1]);
    expect([...sub.test.images]).toEqual([4, 0, 3, 1, 0, 4]);
    expect([...data.train.labels]).toEqual([0, 3, 1, 4, 3, 2, 0, 4]); // the source is untouched
  });

  it('waits for every training shard before counting', async () => {
    const growing: LoadedDataset = { ...data, train: split([0]),
      pending: { trainCount: 8, current: () => split([0]), complete: Promise.resolve(data) } };
    expect((await classSubset(growing, [0, 2])).train.count).toBe(3);
  });

  it('refuses a class that is not there, a repeated class, or fewer than two', async () => {
    await expect(classSubset(data, [0, 5])).rejects.toThrow(/two or more different classes of 5/);
    await expect(classSubset(data, [1, 1])).rejects.toThrow(/got \[1, 1\]/);
    await expect(classSubset(data, [2])).rejects.toThrow(/two or more/);
  });

  it('is made from the reference, before a rotation pretext, and not for inline data', async () => {
    const turned = await derivedDataset({ url: '/x/', classes: [3, 1], pretext: 'rotation' }, { ...data, meta: { ...meta, inputShape: [1, 1, 2] } });
    expect(turned.meta.classNames).toEqual(['0°', '90°', '180°', '270°']);
    expect(turned.train.count).toBe(3);
    expect((await derivedDataset({ kind: 'inline', data }, data)).train.count).toBe(8);
  });
});

describe('CIFAR-10\'s animals and vehicles', () => {
  it('name CIFAR-10\'s own classes at the indices they keep, with their counts, and ask for those classes', () => {
    for (const id of ['cifar10-animals', 'cifar10-vehicles'] as const) {
      const entry = datasetEntry(id);
      const classes = entry.subsetOf?.classes ?? [];
      expect(classes.map((c) => CIFAR10_CLASSES[c])).toEqual(entry.classNames);
      expect([entry.shape.numClasses, entry.trainCount, entry.testCount]).toEqual([classes.length, classes.length * 5000, classes.length * 1000]);
      expect(entry.path).toBe(datasetEntry('cifar10').path);
      expect(classNamesKey(id)).toBe('cifar10');
      const ref = selectDatasetRef({ datasetId: id, customDataset: null, validationFraction: 0 }, { baseUrl: '/' });
      expect(ref).toMatchObject({ url: '/data/cifar10/', classes });
    }
    expect(datasetEntry('cifar10-animals').subsetOf?.classes).toEqual([2, 3, 4, 5, 6, 7]);
    expect(datasetEntry('cifar10-vehicles').subsetOf?.classes).toEqual([0, 1, 8, 9]);
  });
});
