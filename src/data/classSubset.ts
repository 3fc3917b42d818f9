// A dataset of some of another's classes (CIFAR-10's six animals, its four vehicles: cs231n's transfer matrix,
// "similar data"), made in the worker from the same downloaded files: the examples of the chosen classes in
// their stored order, labels renumbered 0..n-1 in the order the classes are given, class names kept.
import type { DatasetMeta, LoadedDataset, Split } from './types';

function subsetSplit(split: Split, pixels: number, newLabel: Int16Array): Split {
  let count = 0;
  for (let i = 0; i < split.count; i++) if ((newLabel[split.labels[i] as number] ?? -1) >= 0) count++;
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  let to = 0;
  for (let i = 0; i < split.count; i++) {
    const label = newLabel[split.labels[i] as number] ?? -1;
    if (label < 0) continue;
    images.set(split.images.subarray(i * pixels, (i + 1) * pixels), to * pixels);
    labels[to++] = label;
  }
  return { count, images, labels };
}

/**
 * The examples of `classes` (indices into the dataset's classes), relabelled by their place in `classes`.
 * Waits for every training shard: how many examples of these classes there will be is known only then.
 */
export async function classSubset(data: LoadedDataset, classes: readonly number[]): Promise<LoadedDataset> {
  const { classNames } = data.meta;
  const bad = classes.find((c, i) => !Number.isInteger(c) || c < 0 || c >= classNames.length || classes.indexOf(c) !== i);
  if (bad !== undefined || classes.length < 2) {
    throw new Error(`a class subset needs two or more different classes of ${classNames.length}; got [${classes.join(', ')}]`);
  }
  if (data.meta.task !== undefined) throw new Error(`a class subset needs a classification dataset; this one is for ${data.meta.task}`);
  const whole = data.pending ? await data.pending.complete : data;
  const newLabel = new Int16Array(classNames.length).fill(-1);
  classes.forEach((c, i) => (newLabel[c] = i));
  const pixels = whole.meta.inputShape.reduce((a, b) => a * b, 1);
  const train = subsetSplit(whole.train, pixels, newLabel);
  const test = subsetSplit(whole.test, pixels, newLabel);
  const meta: DatasetMeta = { ...whole.meta, classNames: classes.map((c) => classNames[c] as string),
    train: { ...whole.meta.train, count: train.count }, test: { ...whole.meta.test, count: test.count } };
  return { meta, train, test };
}
