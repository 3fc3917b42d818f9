// Seeded data augmentation on the filled batch buffers, in place and without allocating per batch: the
// same (seed, epoch, step) always gives the same flips and shifts, so a run can be repeated exactly.
import { mixSeed, mulberry32 } from '../data/batches';
import type { Augmentation } from './api/protocol';

export function augmentationIsOff(aug: Augmentation): boolean {
  return !aug.flip && aug.shift === 0;
}

/** The random stream for one training batch, independent of every other batch's. */
export function batchRandom(seed: number, epoch: number, step: number): () => number {
  return mulberry32(mixSeed(mixSeed(seed ^ 0x5bd1e995, epoch), step));
}

/**
 * Flips and/or shifts each of the first `n` HWC images of `x` (height h, width w, c channels).
 * `scratch` must hold one image (h * w * c floats). A shift moves the image by (dy, dx) in
 * [-shift, shift] and fills the uncovered border with 0 (black, the MNIST/CIFAR background after scaling).
 */
export function augmentBatch(
  x: Float32Array, n: number, shape: readonly [number, number, number], aug: Augmentation,
  random: () => number, scratch: Float32Array,
): void {
  if (augmentationIsOff(aug)) return;
  const [h, w, c] = shape;
  const size = h * w * c;
  if (scratch.length < size) throw new Error(`augmentation scratch holds ${scratch.length} floats, ${size} needed`);
  for (let k = 0; k < n; k++) {
    // Draw both decisions for every image whatever the settings, so turning one on keeps the other's draws.
    const flipDraw = random();
    const flip = aug.flip && flipDraw < 0.5;
    const dy = Math.floor(random() * (2 * aug.shift + 1)) - aug.shift;
    const dx = Math.floor(random() * (2 * aug.shift + 1)) - aug.shift;
    if (!flip && dy === 0 && dx === 0) continue;
    const image = x.subarray(k * size, (k + 1) * size);
    scratch.set(image);
    transformInto(image, scratch, h, w, c, flip, dy, dx);
  }
}

/** out(y, x) = src(y - dy, flip ? w-1-(x-dx) : x-dx), 0 where that falls outside. */
function transformInto(out: Float32Array, src: Float32Array, h: number, w: number, c: number,
  flip: boolean, dy: number, dx: number): void {
  for (let y = 0; y < h; y++) {
    const sy = y - dy;
    for (let xo = 0; xo < w; xo++) {
      const shifted = xo - dx;
      const sx = flip ? w - 1 - shifted : shifted;
      const to = (y * w + xo) * c;
      if (sy < 0 || sy >= h || shifted < 0 || shifted >= w) {
        out.fill(0, to, to + c);
        continue;
      }
      const from = (sy * w + sx) * c;
      for (let ch = 0; ch < c; ch++) out[to + ch] = src[from + ch]!;
    }
  }
}
