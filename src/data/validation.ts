// A validation split carved out of the training split: the last `fraction` of a seeded shuffle, so the same
// seed always holds out the same examples and the model never trains on them. Pure; copies the bytes, so the
// loaded dataset (which the worker caches for "train again") stays whole.
import { shuffledIndices } from './batches';
import type { LoadedDataset, Split } from './types';

/** The largest share of the training split that may be held out: training needs most of it. */
export const MAX_VALIDATION_FRACTION = 0.5;
// shuffledIndices' epoch streams start at 1; -1 is a stream of its own, unrelated to any epoch's order.
const VALIDATION_STREAM = -1;

export interface LoadedWithValidation extends LoadedDataset {
  /** Held out of `train`; absent when the fraction is 0. */
  readonly validation?: Split;
}

/** How many examples a fraction holds out of `count`: at least 1 when the fraction is above 0, never all. */
export function validationCount(count: number, fraction: number): number {
  if (!(fraction >= 0 && fraction <= MAX_VALIDATION_FRACTION)) {
    throw new Error(`validation fraction must be between 0 and ${MAX_VALIDATION_FRACTION}, got ${fraction}`);
  }
  if (fraction === 0 || count < 2) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/**
 * `total`: the split's final size when `split` is only the part that has arrived so far. Which examples are
 * held out depends on the final size alone, so an example never moves between the two as more arrive.
 */
export function splitValidation(split: Split, fraction: number, seed: number, total = split.count): { train: Split; validation: Split } {
  if (total < split.count) throw new Error(`total ${total} is smaller than the ${split.count} examples present`);
  const held = validationCount(total, fraction);
  const order = shuffledIndices(total, seed, VALIDATION_STREAM);
  const cut = total - held;
  const present = (indices: Uint32Array) => (split.count === total ? indices : indices.filter((i) => i < split.count));
  return { train: gather(split, present(order.subarray(0, cut))), validation: gather(split, present(order.subarray(cut))) };
}

/** The dataset a run trains on: `train` without the held-out examples, which become `validation`. */
export function withValidation(data: LoadedDataset, fraction: number | undefined, seed: number,
  total = data.train.count): LoadedWithValidation {
  if (!fraction) return data;
  const { train, validation } = splitValidation(data.train, fraction, seed, total);
  return { ...data, train, validation };
}

/** The examples at `indices` (any order), copied out in ascending source order with their masks and boxes. */
export function gather(split: Split, indices: Uint32Array): Split {
  const size = split.count === 0 ? 0 : split.images.length / split.count;
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  const pixels = split.masks && split.count > 0 ? split.masks.length / split.count : 0;
  const masks = split.masks ? new Uint8Array(indices.length * pixels) : undefined;
  // Ascending source order keeps the copy cache-friendly; the training loop shuffles every epoch anyway.
  const sorted = Uint32Array.from(indices).sort();
  sorted.forEach((from, k) => {
    labels[k] = split.labels[from]!;
    images.set(split.images.subarray(from * size, (from + 1) * size), k * size);
    masks?.set((split.masks as Uint8Array).subarray(from * pixels, (from + 1) * pixels), k * pixels);
  });
  const boxes = split.boxes ? Array.from(sorted, (from) => split.boxes?.[from] ?? []) : undefined;
  return { count: indices.length, images, labels, ...(masks ? { masks } : {}), ...(boxes ? { boxes } : {}) };
}
