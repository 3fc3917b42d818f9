// Rotation prediction, a self-supervised pretext task (Gidaris et al. 2018; cs231n lecture 12): every image
// is turned by 0, 90, 180 or 270 degrees and its label becomes which turn it was, so the labels come from the
// images themselves and the dataset's own classes are never read. Example i gets turn i mod 4 (the splits
// are stored in no particular class order, so every class sees every turn and the four labels are balanced).
import type { DatasetMeta, LoadedDataset, PendingTrain, Split } from './types';

export const ROTATION_CLASSES = ['0°', '90°', '180°', '270°'] as const;

/**
 * Writes `image` (HWC bytes, square side n) turned by k quarter turns counter-clockwise into `out` at `offset`:
 * the output pixel (y, x) is the input pixel the turn carries there.
 */
export function rotateImage(image: Uint8Array, n: number, c: number, k: number, out: Uint8Array, offset = 0): void {
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      // Counter-clockwise by 90: out(y, x) = in(x, n-1-y); by 180: in(n-1-y, n-1-x); by 270: in(n-1-x, y).
      const [sy, sx] = k === 1 ? [x, n - 1 - y] : k === 2 ? [n - 1 - y, n - 1 - x] : k === 3 ? [n - 1 - x, y] : [y, x];
      const from = (sy * n + sx) * c;
      const to = offset + (y * n + x) * c;
      for (let ch = 0; ch < c; ch++) out[to + ch] = image[from + ch] as number;
    }
  }
}

/** The turn example i of a split gets, which is also its label. */
export const rotationOf = (index: number): number => index % 4;

function rotateSplit(split: Split, n: number, c: number): Split {
  const size = n * n * c;
  const images = new Uint8Array(split.count * size);
  const labels = new Uint8Array(split.count);
  for (let i = 0; i < split.count; i++) {
    const k = rotationOf(i);
    rotateImage(split.images.subarray(i * size, (i + 1) * size), n, c, k, images, i * size);
    labels[i] = k;
  }
  return { count: split.count, images, labels };
}

function rotationMeta(meta: DatasetMeta): DatasetMeta {
  return { ...meta, classNames: [...ROTATION_CLASSES], task: undefined };
}

/** The dataset as a rotation-prediction task: same images turned, four classes. Needs square images. */
export function rotationPretext(data: LoadedDataset): LoadedDataset {
  const [h = 0, w = 0, c = 0] = data.meta.inputShape;
  if (h !== w || h === 0) throw new Error(`rotation prediction needs square images; these are ${h}×${w}`);
  const meta = rotationMeta(data.meta);
  const pending: PendingTrain | undefined = data.pending && {
    trainCount: data.pending.trainCount,
    current: () => rotateSplit((data.pending as PendingTrain).current(), h, c),
    complete: data.pending.complete.then(rotationPretext),
  };
  return { meta, train: rotateSplit(data.train, h, c), test: rotateSplit(data.test, h, c), ...(pending ? { pending } : {}) };
}
