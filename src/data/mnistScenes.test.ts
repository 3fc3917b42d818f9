// MNIST scenes: the same seed draws the same scenes (in one go or in chunks), two to four digits per scene,
// each box the tight box of its digit's mask pixels, every mask pixel ink (and no ink outside the masks),
// classes 1..10 for the digits 0..9 taken from the right MNIST split; generated through the worker's path.
import { describe, expect, it } from 'vitest';
import { generateDataset, SCENE_DIGITS } from './generated';
import { fixtureDigitLoader, mnistDigits } from './mnistFixture';
import { generateMnistScenes, INK, SCENE_SIZE } from './mnistScenes';
import { joinSplits } from './shapes';
import type { Split } from './types';

const S = SCENE_SIZE;
const digits = mnistDigits('train', 2000);
const same = (a: Split, b: Split) => Buffer.from(a.images).equals(Buffer.from(b.images))
  && Buffer.from(a.masks ?? []).equals(Buffer.from(b.masks ?? [])) && JSON.stringify(a.boxes) === JSON.stringify(b.boxes)
  && Buffer.from(a.labels).equals(Buffer.from(b.labels));

describe('MNIST scenes', () => {
  it('draws the same scenes from the same seed, in one go or in chunks; another seed or split differs', () => {
    const whole = generateMnistScenes(5, 'train', 0, 12, digits);
    expect(same(generateMnistScenes(5, 'train', 0, 12, digits), whole)).toBe(true);
    expect(same(joinSplits([generateMnistScenes(5, 'train', 0, 5, digits), generateMnistScenes(5, 'train', 5, 7, digits)]), whole)).toBe(true);
    expect(same(generateMnistScenes(6, 'train', 0, 12, digits), whole)).toBe(false);
    expect(same(generateMnistScenes(5, 'test', 0, 12, digits), whole)).toBe(false);
    expect(whole.images.length).toBe(12 * S * S);
    expect(whole.masks?.length).toBe(12 * S * S);
  });

  const split = generateMnistScenes(11, 'train', 0, 80, digits);
  const objects = (split.boxes ?? []).flatMap((boxes, k) => boxes.map((box) => ({ k, box })));

  it('holds two to four digits per scene, of all ten digits', () => {
    const counts = (split.boxes ?? []).map((b) => b.length);
    expect(Math.min(...counts)).toBe(2);
    expect(Math.max(...counts)).toBe(4);
    expect(new Set(objects.map((o) => o.box.classIndex))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it('every box is the tight box of its digit in the mask; mask pixels are ink and all ink is masked', () => {
    for (const { k, box } of objects) {
      const seen = { x0: S, y0: S, x1: -1, y1: -1 };
      for (let y = box.y0; y <= box.y1; y++) {
        for (let x = box.x0; x <= box.x1; x++) {
          const m = split.masks?.[k * S * S + y * S + x] ?? -1;
          if (m !== 0 && m !== box.classIndex) throw new Error(`scene ${k}: mask ${m} inside a box of class ${box.classIndex}`);
          if (m === box.classIndex) Object.assign(seen, { x0: Math.min(seen.x0, x), y0: Math.min(seen.y0, y), x1: Math.max(seen.x1, x), y1: Math.max(seen.y1, y) });
        }
      }
      expect(seen).toEqual({ x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 });
      expect(box.x1 - box.x0 + 1).toBeGreaterThanOrEqual(2);
      expect(box.y1 - box.y0 + 1).toBeGreaterThanOrEqual(12);
    }
    let mismatched = 0;
    for (let p = 0; p < split.images.length; p++) if (((split.masks?.[p] ?? 0) > 0) !== ((split.images[p] ?? 0) >= INK)) mismatched++;
    expect(mismatched).toBe(0);
    // No two digits' boxes overlap.
    for (const boxes of split.boxes ?? []) {
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) expect(a.x1 < b.x0 || b.x1 < a.x0 || a.y1 < b.y0 || b.y1 < a.y0).toBe(true);
      }
    }
  });

  it('a scene of only sevens holds sevens: the classes are the digits\' labels plus one', () => {
    const sevens = [...digits.labels.keys()].filter((i) => digits.labels[i] === 7);
    const only7: Split = {
      count: sevens.length, labels: new Uint8Array(sevens.length).fill(7),
      images: Uint8Array.from(sevens.flatMap((i) => Array.from(digits.images.subarray(i * 784, (i + 1) * 784)))),
    };
    const scenes = generateMnistScenes(3, 'test', 0, 10, only7);
    expect(new Set((scenes.boxes ?? []).flat().map((b) => b.classIndex))).toEqual(new Set([8]));
    expect(new Set(scenes.masks)).toEqual(new Set([0, 8]));
    expect(() => generateMnistScenes(3, 'test', 0, 1, { count: 1, labels: new Uint8Array(1), images: new Uint8Array(10) }))
      .toThrow(/28x28 one-channel digits/);
  });

  it('is generated through the worker path: digits from the MNIST folder given, train scenes from train digits', async () => {
    const asked: string[] = [];
    const progress: number[] = [];
    const data = await generateDataset({ kind: 'generated', generator: 'mnistScenes', seed: 26, trainCount: 70, testCount: 10,
      digitsUrl: '/base/data/mnist/', task: 'segmentation' }, (done) => progress.push(done), fixtureDigitLoader(asked));
    expect(asked).toEqual(['/base/data/mnist/']);
    expect(data.meta.task).toBe('segmentation');
    expect(data.meta.inputShape).toEqual([64, 64, 1]);
    expect(data.meta.classNames).toHaveLength(11);
    expect(progress.at(-1)).toBe(80);
    const train = mnistDigits('train', SCENE_DIGITS.train);
    const test = mnistDigits('test', SCENE_DIGITS.test);
    expect(same(data.train, generateMnistScenes(26, 'train', 0, 70, train))).toBe(true);
    expect(same(data.test, generateMnistScenes(26, 'test', 0, 10, test))).toBe(true);
    await expect(generateDataset({ kind: 'generated', generator: 'mnistScenes', seed: 1, trainCount: 1, testCount: 1 }))
      .rejects.toThrow(/need the MNIST digits/);
  });
});
