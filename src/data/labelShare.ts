// Training on a share of the labels (cs231n's transfer matrix: "how much data"): 1%, 10% or all of the training
// split, chosen by the run's seed and the same share of every class, so a 1% run of CIFAR-10's vehicles still
// sees each of the four classes 50 times. The same seed always picks the same images; a smaller share's
// images are the first of a larger one's (one seeded order, cut shorter), so 1% ⊂ 10% ⊂ 100%.
import { shuffledIndices } from './batches';
import type { LoadedDataset, Split } from './types';
import { gather } from './validation';

export const LABEL_SHARES = [1, 0.1, 0.01] as const;
export type LabelShare = (typeof LABEL_SHARES)[number];
// shuffledIndices' epoch streams start at 1 and the validation split uses -1: -2 is a stream of its own.
const LABEL_STREAM = -2;

export const isLabelShare = (x: unknown): x is LabelShare => (LABEL_SHARES as readonly unknown[]).includes(x);

/** How many of a class's `count` examples a share keeps: at least one of a class that has any. */
export function labelledCount(count: number, share: LabelShare): number {
  return count === 0 ? 0 : Math.max(1, Math.round(count * share));
}

/** Which examples of `split` a share keeps, in ascending order. */
export function labelledIndices(split: Split, share: LabelShare, seed: number): Uint32Array {
  if (share === 1) return Uint32Array.from({ length: split.count }, (_, i) => i);
  const perClass = new Map<number, number>();
  for (const label of split.labels) perClass.set(label, (perClass.get(label) ?? 0) + 1);
  const left = new Map([...perClass].map(([label, n]) => [label, labelledCount(n, share)]));
  const kept: number[] = [];
  for (const i of shuffledIndices(split.count, seed, LABEL_STREAM)) {
    const label = split.labels[i] as number;
    const n = left.get(label) ?? 0;
    if (n > 0) {
      kept.push(i);
      left.set(label, n - 1);
    }
  }
  return Uint32Array.from(kept).sort();
}

export interface Labelled {
  readonly data: LoadedDataset;
  /** How many training examples there were before the share was taken. */
  readonly of: number;
}

/** The dataset with only a share of its training examples (the test split whole). Waits for every training shard. */
export async function withLabelShare(data: LoadedDataset, share: LabelShare | undefined, seed: number): Promise<Labelled> {
  if (share === undefined || share === 1) return { data, of: data.pending?.trainCount ?? data.train.count };
  if (!isLabelShare(share)) throw new Error(`the share of labels must be one of ${LABEL_SHARES.join(', ')}; got ${String(share)}`);
  const whole = data.pending ? await data.pending.complete : data;
  const train = gather(whole.train, labelledIndices(whole.train, share, seed));
  return { data: { meta: { ...whole.meta, train: { ...whole.meta.train, count: train.count } }, train, test: whole.test }, of: whole.train.count };
}
