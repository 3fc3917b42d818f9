// Images for the kernel lab: a built-in colour pattern (always there, no download), a test image of MNIST
// or CIFAR-10 (the app's own dataset files), or the student's photo. All as HWC floats in [0, 1].
import { loadDataset } from '../../data/loader';
import { datasetEntry } from '../../data/registry';
import { makeImage, type LabImage } from '../../kernelLab/convolve';

const PATTERN = 40;

/** Shapes with straight and round edges in three colours, over a soft gradient. */
export function patternImage(): LabImage {
  const img = makeImage(PATTERN, PATTERN, 3);
  for (let y = 0; y < PATTERN; y++) {
    for (let x = 0; x < PATTERN; x++) {
      let rgb = [0.15 + x / 160, 0.15 + y / 160, 0.3];
      if (x >= 5 && x < 18 && y >= 5 && y < 18) rgb = [0.9, 0.15, 0.1];
      if ((x - 28) ** 2 + (y - 12) ** 2 < 49) rgb = [0.1, 0.8, 0.25];
      if (y >= 24 && y < 34 && x >= 6 && x < 34 && (x + y) % 8 < 4) rgb = [0.15, 0.3, 0.95];
      img.data.set(rgb, (y * PATTERN + x) * 3);
    }
  }
  return img;
}

/** Grey, and textured by seeded noise, so every kernel direction is visible to gradient descent. */
export function learningImage(): LabImage {
  const pattern = patternImage();
  const size = 24;
  let s = 7;
  const noise = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const img = makeImage(size, size, 1);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = ((y + 6) * PATTERN + x + 6) * 3;
      const grey = ((pattern.data[p] as number) + (pattern.data[p + 1] as number) + (pattern.data[p + 2] as number)) / 3;
      img.data[y * size + x] = 0.6 * grey + 0.4 * noise();
    }
  }
  return img;
}

/** Test image `index` of a built-in dataset, loading only its first test shard. */
export async function datasetImage(id: 'mnist' | 'cifar10', index: number, baseUrl: string): Promise<LabImage> {
  const data = await loadDataset({ url: `${baseUrl}${datasetEntry(id).path}`, trainLimit: 0, testLimit: index + 1 });
  const [h = 0, w = 0, c = 0] = data.meta.inputShape;
  const size = h * w * c;
  const bytes = data.test.images.subarray(index * size, (index + 1) * size);
  return makeImage(w, h, c, Array.from(bytes, (b) => b / 255));
}

/** A photo, centre-cropped to a square and resized to 64 x 64. */
export async function photoImage(file: Blob): Promise<LabImage> {
  const bitmap = await createImageBitmap(file);
  try {
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(64, 64);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2-D canvas');
    g.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, 64, 64);
    const rgba = g.getImageData(0, 0, 64, 64).data;
    const img = makeImage(64, 64, 3);
    for (let i = 0; i < 64 * 64; i++) img.data.set([rgba[i * 4]! / 255, rgba[i * 4 + 1]! / 255, rgba[i * 4 + 2]! / 255], i * 3);
    return img;
  } finally {
    bitmap.close();
  }
}

/**
 * Paints an image (or one channel of it) into a canvas of its own size. Values outside [0, 1] (edge
 * outputs are signed) are shown around mid-grey, scaled by the largest magnitude.
 */
export function paintImage(canvas: HTMLCanvasElement, img: LabImage, channel: number | null): void {
  canvas.width = img.width;
  canvas.height = img.height;
  const g = canvas.getContext('2d');
  if (!g) return;
  const out = g.createImageData(img.width, img.height);
  let lo = 0;
  let hi = 1;
  for (const v of img.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const signed = lo < 0;
  const scale = signed ? Math.max(-lo, hi) : 1;
  const show = (v: number) => Math.round(255 * Math.min(1, Math.max(0, signed ? 0.5 + v / (2 * scale) : v)));
  for (let i = 0; i < img.width * img.height; i++) {
    const at = (c: number) => show(img.data[i * img.channels + c] as number);
    const rgb = channel !== null || img.channels === 1 ? [at(channel ?? 0), at(channel ?? 0), at(channel ?? 0)] : [at(0), at(1), at(2)];
    out.data.set([...rgb, 255], i * 4);
  }
  g.putImageData(out, 0, 0);
}
