// Shapes: the same seed draws the same bytes (in one go or in chunks), masks hold the drawn shapes (a
// disc fills about pi/4 of its box, a square all of it, a triangle half, each in one colour) and every
// box is the tight box of its object's mask pixels.
import { describe, expect, it } from 'vitest';
import { generateDataset, MAX_GENERATED } from './generated';
import { generateShapes, joinSplits, SHAPES_SIZE } from './shapes';
import type { ObjectBox, Split } from './types';

const S = SHAPES_SIZE;
const maskAt = (split: Split, k: number, x: number, y: number) => split.masks?.[k * S * S + y * S + x] ?? -1;

describe('Shapes', () => {
  it('draws the same images, masks and boxes from the same seed, in one go or in chunks', () => {
    const whole = generateShapes(5, 'train', 0, 12);
    const same = (a: Split, b: Split) => Buffer.from(a.images).equals(Buffer.from(b.images))
      && Buffer.from(a.masks ?? []).equals(Buffer.from(b.masks ?? [])) && JSON.stringify(a.boxes) === JSON.stringify(b.boxes)
      && Buffer.from(a.labels).equals(Buffer.from(b.labels));
    expect(same(generateShapes(5, 'train', 0, 12), whole)).toBe(true);
    expect(same(joinSplits([generateShapes(5, 'train', 0, 5), generateShapes(5, 'train', 5, 7)]), whole)).toBe(true);
    expect(same(generateShapes(6, 'train', 0, 12), whole)).toBe(false);
    expect(same(generateShapes(5, 'test', 0, 12), whole)).toBe(false);
    expect(whole.images.length).toBe(12 * S * S * 3);
    expect(whole.masks?.length).toBe(12 * S * S);
  });

  const split = generateShapes(11, 'train', 0, 60);
  const objects = (split.boxes ?? []).flatMap((boxes, k) => boxes.map((box) => ({ k, box })));

  it('has one to three objects per image, of every class', () => {
    expect((split.boxes ?? []).every((b) => b.length >= 1 && b.length <= 3)).toBe(true);
    expect(new Set(objects.map((o) => o.box.classIndex))).toEqual(new Set([1, 2, 3]));
  });

  it('every box is the tight box of its object in the mask, and no mask pixel lies outside its class\'s boxes', () => {
    for (const { k, box } of objects) {
      const seen = { x0: S, y0: S, x1: -1, y1: -1 };
      const others = new Set<number>();
      for (let y = box.y0; y <= box.y1; y++) {
        for (let x = box.x0; x <= box.x1; x++) {
          const m = maskAt(split, k, x, y);
          if (m !== 0 && m !== box.classIndex) others.add(m);
          if (m === box.classIndex) Object.assign(seen, { x0: Math.min(seen.x0, x), y0: Math.min(seen.y0, y), x1: Math.max(seen.x1, x), y1: Math.max(seen.y1, y) });
        }
      }
      expect(others.size).toBe(0); // objects never overlap
      expect(seen).toEqual({ x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 });
    }
    const inBox = (b: ObjectBox, x: number, y: number) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
    const strays: string[] = [];
    for (let k = 0; k < split.count; k++) {
      for (let y = 0; y < S; y++) {
        for (let x = 0; x < S; x++) {
          const m = maskAt(split, k, x, y);
          if (m !== 0 && !split.boxes?.[k]?.some((b) => b.classIndex === m && inBox(b, x, y))) strays.push(`${k}: ${x},${y}`);
        }
      }
    }
    expect(strays).toEqual([]);
  });

  it('masks hold the drawn shapes: their share of the box, and one colour over the object', () => {
    const fill: Record<number, number[]> = { 1: [], 2: [], 3: [] };
    for (const { k, box } of objects) {
      const colours: number[][] = [];
      for (let y = box.y0; y <= box.y1; y++) {
        for (let x = box.x0; x <= box.x1; x++) {
          if (maskAt(split, k, x, y) !== box.classIndex) continue;
          const p = 3 * (k * S * S + y * S + x);
          colours.push([split.images[p]!, split.images[p + 1]!, split.images[p + 2]!]);
        }
      }
      const area = (box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1);
      fill[box.classIndex]!.push(colours.length / area);
      // The object's own colour plus at most 3 levels of sheen, clamped to 0..255 and rounded: a spread of at most 7.
      for (let ch = 0; ch < 3; ch++) {
        const values = colours.map((c) => c[ch]!);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(7);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(fill[1]!)).toBeGreaterThan(0.72); // a disc: pi / 4 = 0.785 of its box
    expect(mean(fill[1]!)).toBeLessThan(0.85);
    expect(Math.min(...fill[2]!)).toBe(1); // a square fills its box
    expect(mean(fill[3]!)).toBeGreaterThan(0.45); // a triangle: half its box
    expect(mean(fill[3]!)).toBeLessThan(0.62);
  });

  it('labels each image with the class of its largest object', () => {
    for (let k = 0; k < split.count; k++) {
      const boxes = split.boxes?.[k] ?? [];
      const area = (b: ObjectBox) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
      const largest = Math.max(...boxes.map(area));
      expect(boxes.filter((b) => area(b) === largest).map((b) => b.classIndex)).toContain(split.labels[k]);
    }
  });

  it('generates a whole dataset as a segmentation task, reporting progress, and refuses bad sizes', async () => {
    const seen: number[] = [];
    const data = await generateDataset({ kind: 'generated', generator: 'shapes', seed: 2, trainCount: 70, testCount: 6 },
      (done, total) => seen.push(done / total));
    expect(data.meta.task).toBe('segmentation');
    expect(data.meta.classNames).toEqual(['background', 'circle', 'square', 'triangle']);
    expect([data.train.count, data.test.count]).toEqual([70, 6]);
    // Chunks of 64: the second starts at example 64 of the same stream.
    expect(Buffer.from(data.train.images).equals(Buffer.from(generateShapes(2, 'train', 0, 70).images))).toBe(true);
    expect(seen.at(-1)).toBe(1);
    await expect(generateDataset({ kind: 'generated', generator: 'shapes', seed: 2, trainCount: 0, testCount: 10 })).rejects.toThrow(/trainCount/);
    await expect(generateDataset({ kind: 'generated', generator: 'shapes', seed: 2, trainCount: 10, testCount: MAX_GENERATED + 1 }))
      .rejects.toThrow(/testCount/);
  });
});
