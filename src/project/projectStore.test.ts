// Saved projects in IndexedDB (fake-indexeddb in Node): save and reopen with weights equal, list newest
// first with test accuracy, rename, duplicate, delete (also forgetting it as the open project), and a full
// quota reported with the largest other projects named, the save not silently dropped.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { lenet5Mnist } from '../model/presets';
import { sampleProject } from './projectFixtures';
import { openProjectStore, ProjectStoreError } from './projectStore';

let dbCount = 0;
const freshStore = () => openProjectStore(`test-${++dbCount}`);

describe('project store', () => {
  it('saves, lists, reopens, renames, duplicates and deletes', async () => {
    const store = await freshStore();
    const a = sampleProject(lenet5Mnist());
    const b = { ...sampleProject(), id: 'p2', name: 'second', updatedAt: a.updatedAt + 10, testAccuracy: null, weights: null };
    await store.save(a);
    await store.save(b);
    expect((await store.list()).map((p) => [p.name, p.testAccuracy])).toEqual([['second', null], [a.name, 0.91]]);
    const back = await store.load(a.id);
    expect(back).toEqual(a);
    expect(back?.weights?.[2]?.values).toEqual(a.weights?.[2]?.values);
    await store.rename(a.id, '새 이름', a.updatedAt + 20);
    expect((await store.list())[0]?.name).toBe('새 이름');
    const copy = await store.duplicate(a.id, 'p3', '새 이름 (2)', a.updatedAt + 30);
    expect((await store.load('p3'))?.weights?.[0]?.values).toEqual(a.weights?.[0]?.values);
    expect(copy.name).toBe('새 이름 (2)');
    await store.setCurrentId('p3');
    expect(await store.currentId()).toBe('p3');
    await store.remove('p3');
    expect(await store.load('p3')).toBeNull();
    expect(await store.currentId()).toBeNull();
    expect((await store.list()).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    await expect(store.rename('nope', 'x', 1)).rejects.toMatchObject({ code: 'notFound' });
    store.close();
  });

  it('says when the quota is reached and names the largest other projects', async () => {
    const store = await freshStore();
    const big = { ...sampleProject(lenet5Mnist()), id: 'big', name: 'Big LeNet' };
    const small = { ...sampleProject(), id: 'small', name: 'Small one', weights: null };
    await store.save(big);
    await store.save(small);
    const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function quotaFull() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const error = await store.save({ ...sampleProject(), id: 'new', name: 'new' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectStoreError);
      expect(error).toMatchObject({ code: 'quota', values: { names: 'Big LeNet, Small one', count: 2 } });
    } finally {
      proto.put = put;
    }
    expect(await store.load('new')).toBeNull();
    store.close();
  });
});
