import { describe, expect, it } from 'vitest';
import { estimateMemory, largestSafeSize, planFolder, PlanError, SAFE_BYTES } from './plan';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof PlanError ? err.code : `not a PlanError: ${String(err)}`;
  }
  return 'no error';
};

describe('planFolder', () => {
  it('reads train/<class>/ and test/<class>/ under a top folder, classes sorted', () => {
    const plan = planFolder([
      'pets/train/dog/1.png', 'pets/train/cat/1.jpg', 'pets/train/cat/2.JPEG', 'pets/test/dog/9.png',
      'pets/test/cat/8.webp', 'pets/README.txt', 'pets/.DS_Store', '__MACOSX/pets/train/cat/._1.jpg',
    ]);
    expect(plan.layout).toBe('split');
    expect(plan.classNames).toEqual(['cat', 'dog']);
    expect(plan.train).toEqual([
      { path: 'pets/train/cat/1.jpg', label: 0 }, { path: 'pets/train/cat/2.JPEG', label: 0 }, { path: 'pets/train/dog/1.png', label: 1 },
    ]);
    expect(plan.test.map((f) => f.label)).toEqual([0, 1]);
    expect(plan.skipped).toEqual([{ path: 'pets/README.txt', reason: 'notImage' }]); // junk is ignored without a word
  });

  it('holds out about a fifth of every class when there are only class folders, the same way every time', () => {
    const paths = ['a', 'b', 'c'].flatMap((c) => Array.from({ length: 10 }, (_, i) => `${c}/${i}.png`));
    const plan = planFolder(paths, 3);
    expect(plan.layout).toBe('classes');
    expect(plan.classNames).toEqual(['a', 'b', 'c']);
    expect(plan.test.length).toBe(6);
    expect([0, 1, 2].map((c) => plan.test.filter((f) => f.label === c).length)).toEqual([2, 2, 2]);
    const all = [...plan.train, ...plan.test].map((f) => f.path).sort();
    expect(all).toEqual([...paths].sort());
    expect(planFolder([...paths].reverse(), 3)).toEqual(plan);
    expect(planFolder(paths, 4).test).not.toEqual(plan.test);
  });

  it('lists every file it does not use with the reason, unsafe paths included', () => {
    const plan = planFolder([
      'cat/1.png', 'dog/1.png', 'dog/2.png', '../evil.png', 'cat/../../up.png', '/etc/root.png', 'C:/win.png',
      'dog\\back.png', 'loose.png', 'cat/notes.md', './cat/dot.png',
    ]);
    expect(plan.classNames).toEqual(['cat', 'dog']);
    expect([...plan.train, ...plan.test].map((f) => f.path).sort()).toEqual(['cat/1.png', 'dog/1.png', 'dog/2.png']);
    expect(plan.skipped).toEqual([
      { path: '../evil.png', reason: 'unsafePath' },
      { path: './cat/dot.png', reason: 'unsafePath' },
      { path: '/etc/root.png', reason: 'unsafePath' },
      { path: 'C:/win.png', reason: 'unsafePath' },
      { path: 'cat/../../up.png', reason: 'unsafePath' },
      { path: 'cat/notes.md', reason: 'notImage' },
      { path: 'dog\\back.png', reason: 'unsafePath' },
      { path: 'loose.png', reason: 'noClassFolder' },
    ]);
    const split = planFolder(['train/a/1.png', 'train/b/1.png', 'test/a/1.png', 'extra/b/2.png']);
    expect(split.skipped).toEqual([{ path: 'extra/b/2.png', reason: 'notInSplit' }]);
  });

  it('explains what is missing', () => {
    expect(codeOf(() => planFolder(['notes.txt', 'a.png']))).toBe('noImages');
    expect(codeOf(() => planFolder(['cats/1.png', 'cats/2.png']))).toBe('oneClass');
    expect(codeOf(() => planFolder(['train/a/1.png', 'train/b/1.png']))).toBe('noTest');
    expect(codeOf(() => planFolder(['train/a/1.png', 'train/b/1.png', 'test/c/1.png']))).toBe('testOnlyClass');
  });
});

describe('memory estimate', () => {
  it('counts one byte per value plus a label, twice (page and worker)', () => {
    const e = estimateMemory(1000, 32, 3);
    expect(e.datasetBytes).toBe(1000 * (32 * 32 * 3 + 1));
    expect(e.totalBytes).toBe(2 * e.datasetBytes);
    expect(e.safe).toBe(true);
  });

  it('refuses past the safe size and finds the largest size that fits', () => {
    const images = 60_000;
    expect(estimateMemory(images, 64, 3).safe).toBe(false);
    const side = largestSafeSize(images, 3)!;
    expect(estimateMemory(images, side, 3).totalBytes).toBeLessThanOrEqual(SAFE_BYTES);
    expect(side).toBe(32);
    expect(largestSafeSize(images, 1)).toBe(48);
    expect(largestSafeSize(10_000_000, 1)).toBeNull();
  });
});
