// Shapes: 64x64 colour images of circles, squares and triangles of random colours and sizes on textured
// backgrounds, each with a per-pixel class mask (0 background, 1 circle, 2 square, 3 triangle) and a box
// per object. Pure and deterministic: example i of a split is drawn from its own stream of (seed, split, i),
// so any chunk can be made on its own, in any order, and a link reproduces the same data.
import { mixSeed, mulberry32 } from './batches';
import type { ObjectBox, Split } from './types';

export const SHAPES_SIZE = 64;
export const SHAPES_CLASSES = ['background', 'circle', 'square', 'triangle'] as const;
/** Object side lengths in pixels, and how many objects an image holds. */
const MIN_SIDE = 12;
const MAX_SIDE = 28;
const MAX_OBJECTS = 3;
/**
 * The background's grain and the objects' much finer one (peak to peak): a flat object on a grainy ground
 * is what a few 3x3 convolutions can find, whatever the two colours happen to be.
 */
const GRAIN = 70;
const SHEEN = 6;
/** Free pixels kept between two objects' boxes, so every object keeps its own box and mask. */
const GAP = 2;

type Random = () => number;
type Inside = (x: number, y: number) => boolean;

/** Whether pixel (x, y) (its centre at x + 0.5, y + 0.5) lies in the object of class c, centre (cx, cy), half side h. */
function shapeTest(classIndex: number, cx: number, cy: number, h: number): Inside {
  if (classIndex === 1) return (x, y) => (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= h * h;
  if (classIndex === 2) return (x, y) => Math.abs(x + 0.5 - cx) <= h && Math.abs(y + 0.5 - cy) <= h;
  // A triangle pointing up: apex (cx, cy - h), base from (cx - h, cy + h) to (cx + h, cy + h).
  return (x, y) => {
    const px = x + 0.5 - cx;
    const py = y + 0.5 - cy;
    return py <= h && 2 * Math.abs(px) <= py + h;
  };
}

/** A textured background: a base colour, a wave of another colour at a random angle and frequency, and noise. */
function drawBackground(image: Uint8Array, at: number, random: Random): number[] {
  const base = [random(), random(), random()].map((v) => 40 + 150 * v);
  const wave = [random(), random(), random()].map((v) => 60 * (v - 0.5));
  const angle = random() * Math.PI;
  const frequency = 0.2 + 0.8 * random();
  const [fx, fy] = [Math.cos(angle) * frequency, Math.sin(angle) * frequency];
  for (let y = 0; y < SHAPES_SIZE; y++) {
    for (let x = 0; x < SHAPES_SIZE; x++) {
      const s = Math.sin(fx * x + fy * y);
      const p = at + 3 * (y * SHAPES_SIZE + x);
      for (let ch = 0; ch < 3; ch++) image[p + ch] = clampByte((base[ch] as number) + (wave[ch] as number) * s + GRAIN * (random() - 0.5));
    }
  }
  return base;
}

/** A random colour that stands out from the background's base colour by at least 90 levels in some channel. */
function objectColour(random: Random, base: readonly number[]): number[] {
  for (;;) {
    const colour = [random(), random(), random()].map((v) => 255 * v);
    if (colour.some((c, ch) => Math.abs(c - (base[ch] as number)) >= 90)) return colour;
  }
}

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** Places up to MAX_OBJECTS objects whose boxes keep GAP pixels apart; gives each its class, centre and half side. */
function placeObjects(random: Random): { classIndex: number; cx: number; cy: number; h: number }[] {
  const wanted = 1 + Math.floor(random() * MAX_OBJECTS);
  const placed: { classIndex: number; cx: number; cy: number; h: number }[] = [];
  for (let tries = 0; tries < 30 && placed.length < wanted; tries++) {
    const h = (MIN_SIDE + random() * (MAX_SIDE - MIN_SIDE)) / 2;
    const cx = h + 1 + random() * (SHAPES_SIZE - 2 * h - 2);
    const cy = h + 1 + random() * (SHAPES_SIZE - 2 * h - 2);
    const classIndex = 1 + Math.floor(random() * 3);
    const apart = placed.every((o) => Math.abs(o.cx - cx) > o.h + h + GAP || Math.abs(o.cy - cy) > o.h + h + GAP);
    if (apart) placed.push({ classIndex, cx, cy, h });
  }
  return placed;
}

/** Draws one example into the split's buffers at position k; returns its objects' boxes. */
function drawExample(random: Random, k: number, images: Uint8Array, masks: Uint8Array): ObjectBox[] {
  const pixels = SHAPES_SIZE * SHAPES_SIZE;
  const base = drawBackground(images, k * pixels * 3, random);
  const boxes: ObjectBox[] = [];
  for (const o of placeObjects(random)) {
    const inside = shapeTest(o.classIndex, o.cx, o.cy, o.h);
    const colour = objectColour(random, base);
    const box = { x0: SHAPES_SIZE, y0: SHAPES_SIZE, x1: -1, y1: -1 };
    const [top, bottom] = [Math.max(0, Math.floor(o.cy - o.h) - 1), Math.min(SHAPES_SIZE - 1, Math.ceil(o.cy + o.h) + 1)];
    const [left, right] = [Math.max(0, Math.floor(o.cx - o.h) - 1), Math.min(SHAPES_SIZE - 1, Math.ceil(o.cx + o.h) + 1)];
    for (let y = top; y <= bottom; y++) {
      for (let x = left; x <= right; x++) {
        if (!inside(x, y)) continue;
        const p = y * SHAPES_SIZE + x;
        masks[k * pixels + p] = o.classIndex;
        for (let ch = 0; ch < 3; ch++) images[3 * (k * pixels + p) + ch] = clampByte((colour[ch] as number) + SHEEN * (random() - 0.5));
        Object.assign(box, { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) });
      }
    }
    if (box.x1 >= 0) boxes.push({ classIndex: o.classIndex, ...box });
  }
  return boxes;
}

/** Which of a split's examples a stream draws: the test split's streams never meet the training split's. */
const SPLIT_STREAM = { train: 0, test: 1 } as const;

/**
 * Examples [first, first + count) of a Shapes split. The label of an image (for views that want one class
 * per image) is the class of its largest object.
 */
export function generateShapes(seed: number, split: 'train' | 'test', first: number, count: number): Split {
  const pixels = SHAPES_SIZE * SHAPES_SIZE;
  const images = new Uint8Array(count * pixels * 3);
  const masks = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  const boxes: ObjectBox[][] = [];
  const splitSeed = mixSeed(seed, SPLIT_STREAM[split]);
  for (let k = 0; k < count; k++) {
    const objects = drawExample(mulberry32(mixSeed(splitSeed, first + k)), k, images, masks);
    const area = (b: ObjectBox) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
    labels[k] = objects.reduce((best, b) => (best === null || area(b) > area(best) ? b : best), null as ObjectBox | null)?.classIndex ?? 0;
    boxes.push(objects);
  }
  return { count, images, labels, masks, boxes };
}

/** Joins consecutive chunks of one split. */
export function joinSplits(parts: readonly Split[]): Split {
  const count = parts.reduce((a, p) => a + p.count, 0);
  const concat = (arrays: readonly Uint8Array[]) => {
    const out = new Uint8Array(arrays.reduce((a, b) => a + b.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  return {
    count, images: concat(parts.map((p) => p.images)), labels: concat(parts.map((p) => p.labels)),
    masks: concat(parts.map((p) => p.masks ?? new Uint8Array(0))), boxes: parts.flatMap((p) => p.boxes ?? []),
  };
}
