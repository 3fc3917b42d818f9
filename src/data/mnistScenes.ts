// MNIST scenes: two to four MNIST digits, each cut to its ink and resized, placed apart on a black 64x64
// canvas, with a per-pixel mask (0 background, 1 + digit for its ink) and a box per digit. Pure and
// deterministic: scene i of a split is drawn from its own stream of (seed, split, i) and reads the digits
// of the matching MNIST split (training scenes from training digits, test scenes from test digits), so a
// link reproduces the same scenes and no test digit is ever seen in training.
import { mixSeed, mulberry32 } from './batches';
import type { ObjectBox, Split } from './types';

export const SCENE_SIZE = 64;
export const SCENE_CLASSES = ['background', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
/** MNIST's side: the digits the scenes are cut from. */
const DIGIT = 28;
/** A pixel at or above this level is the digit's ink: it is in the mask and in the box. */
export const INK = 96;
const MIN_DIGITS = 2;
const MAX_DIGITS = 4;
/** Height of a placed digit's ink in pixels (MNIST's own is about 20). */
const MIN_HEIGHT = 14;
const MAX_HEIGHT = 24;
/** Free pixels kept between two digits' boxes, so every digit keeps its own box and mask. */
const GAP = 2;

type Random = () => number;
interface Cut { readonly x0: number; readonly y0: number; readonly w: number; readonly h: number }

/** The tight box of a digit's ink in its 28x28 image (the whole image if it has none). */
function inkBox(digits: Split, index: number): Cut {
  const at = index * DIGIT * DIGIT;
  let [x0, y0, x1, y1] = [DIGIT, DIGIT, -1, -1];
  for (let y = 0; y < DIGIT; y++) {
    for (let x = 0; x < DIGIT; x++) {
      if ((digits.images[at + y * DIGIT + x] ?? 0) < INK) continue;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  return x1 < 0 ? { x0: 0, y0: 0, w: DIGIT, h: DIGIT } : { x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

interface Placed { readonly index: number; readonly cut: Cut; readonly left: number; readonly top: number; readonly w: number; readonly h: number }

/** Chooses 2 to 4 digits and where they go (boxes GAP pixels apart); fewer than wanted only if 40 tries fail. */
function placeDigits(random: Random, digits: Split): Placed[] {
  const wanted = MIN_DIGITS + Math.floor(random() * (MAX_DIGITS - MIN_DIGITS + 1));
  const placed: Placed[] = [];
  for (let tries = 0; tries < 40 && placed.length < wanted; tries++) {
    const index = Math.floor(random() * digits.count);
    const cut = inkBox(digits, index);
    const h = Math.round(MIN_HEIGHT + random() * (MAX_HEIGHT - MIN_HEIGHT));
    const w = Math.max(2, Math.min(SCENE_SIZE - 2, Math.round((cut.w * h) / cut.h)));
    const left = Math.floor(random() * (SCENE_SIZE - w));
    const top = Math.floor(random() * (SCENE_SIZE - h));
    const apart = placed.every((p) => left > p.left + p.w + GAP || p.left > left + w + GAP
      || top > p.top + p.h + GAP || p.top > top + h + GAP);
    if (apart) placed.push({ index, cut, left, top, w, h });
  }
  return placed;
}

/** The digit's ink resized to w x h by bilinear sampling at pixel centres. */
function sample(digits: Split, p: Placed, x: number, y: number): number {
  const at = p.index * DIGIT * DIGIT;
  const sx = Math.min(Math.max(p.cut.x0 + ((x + 0.5) * p.cut.w) / p.w - 0.5, 0), DIGIT - 1);
  const sy = Math.min(Math.max(p.cut.y0 + ((y + 0.5) * p.cut.h) / p.h - 0.5, 0), DIGIT - 1);
  const [ix, iy] = [Math.floor(sx), Math.floor(sy)];
  const [fx, fy] = [sx - ix, sy - iy];
  const px = (cx: number, cy: number) => digits.images[at + Math.min(cy, DIGIT - 1) * DIGIT + Math.min(cx, DIGIT - 1)] ?? 0;
  const top = px(ix, iy) * (1 - fx) + px(ix + 1, iy) * fx;
  const bottom = px(ix, iy + 1) * (1 - fx) + px(ix + 1, iy + 1) * fx;
  return Math.round(top * (1 - fy) + bottom * fy);
}

/** Draws scene k into the split's buffers; returns its digits' boxes (tight around their ink in the mask). */
function drawScene(random: Random, digits: Split, k: number, images: Uint8Array, masks: Uint8Array): ObjectBox[] {
  const at = k * SCENE_SIZE * SCENE_SIZE;
  const boxes: ObjectBox[] = [];
  for (const p of placeDigits(random, digits)) {
    const classIndex = 1 + (digits.labels[p.index] ?? 0);
    const box = { x0: SCENE_SIZE, y0: SCENE_SIZE, x1: -1, y1: -1 };
    for (let y = 0; y < p.h; y++) {
      for (let x = 0; x < p.w; x++) {
        const v = sample(digits, p, x, y);
        const q = at + (p.top + y) * SCENE_SIZE + p.left + x;
        images[q] = Math.max(images[q] ?? 0, v);
        if (v < INK) continue;
        masks[q] = classIndex;
        const [cx, cy] = [p.left + x, p.top + y];
        Object.assign(box, { x0: Math.min(box.x0, cx), y0: Math.min(box.y0, cy), x1: Math.max(box.x1, cx), y1: Math.max(box.y1, cy) });
      }
    }
    if (box.x1 >= 0) boxes.push({ classIndex, ...box });
  }
  return boxes;
}

const SPLIT_STREAM = { train: 0, test: 1 } as const;

/**
 * Scenes [first, first + count) of a split, drawn from `digits` (28x28x1 MNIST images with their labels).
 * An image's label (for views that want one class per image) is the class of its largest digit.
 */
export function generateMnistScenes(seed: number, split: 'train' | 'test', first: number, count: number, digits: Split): Split {
  if (digits.count < 1 || digits.images.length !== digits.count * DIGIT * DIGIT) {
    throw new Error(`MNIST scenes need 28x28 one-channel digits, got ${digits.count} images of ${digits.images.length} bytes`);
  }
  const pixels = SCENE_SIZE * SCENE_SIZE;
  const images = new Uint8Array(count * pixels);
  const masks = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  const boxes: ObjectBox[][] = [];
  const splitSeed = mixSeed(seed, SPLIT_STREAM[split]);
  const area = (b: ObjectBox) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
  for (let k = 0; k < count; k++) {
    const objects = drawScene(mulberry32(mixSeed(splitSeed, first + k)), digits, k, images, masks);
    labels[k] = objects.reduce((best, b) => (best === null || area(b) > area(best) ? b : best), null as ObjectBox | null)?.classIndex ?? 0;
    boxes.push(objects);
  }
  return { count, images, labels, masks, boxes };
}
