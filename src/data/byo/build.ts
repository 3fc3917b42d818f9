// Bring your own images, assembling: plan the files, refuse past the safe size, decode each image (a file
// the browser cannot read is listed and left out, never fatal) and pack the bytes as a LoadedDataset.
// The decoder is passed in, so Node tests can drive this with a fake one.
import type { DatasetMeta, LoadedDataset, Split } from '../types';
import { formatBytes } from '../../model/units';
import type { Decoder } from './decode';
import { estimateMemory, planFolder, PlanError, SAFE_BYTES, type FolderPlan, type PlannedFile, type SkippedFile } from './plan';
import type { SourceFile } from './sources';

export interface BuildOptions {
  readonly size: number;
  readonly channels: 1 | 3;
  readonly name?: string;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface BuiltDataset {
  readonly data: LoadedDataset;
  readonly unreadable: readonly string[];
  readonly skipped: readonly SkippedFile[];
  /** Classes left out because none of their training images could be read (a class of 0 images cannot be learnt). */
  readonly emptyClasses: readonly string[];
}

/** Past the safe size: the UI says so and suggests a smaller image size or greyscale. */
export class TooLargeError extends Error {
  constructor(readonly totalBytes: number, readonly limitBytes: number) {
    super(`the dataset would take ${formatBytes(totalBytes)}, more than the safe ${formatBytes(limitBytes)}`);
    this.name = 'TooLargeError';
  }
}

export function planSources(files: readonly SourceFile[], seed = 1): FolderPlan {
  return planFolder(files.map((f) => f.path), seed);
}

export async function buildDataset(files: readonly SourceFile[], decoder: Decoder, opts: BuildOptions): Promise<BuiltDataset> {
  const plan = planSources(files, opts.seed);
  const estimate = estimateMemory(plan.train.length + plan.test.length, opts.size, opts.channels);
  if (!estimate.safe) throw new TooLargeError(estimate.totalBytes, SAFE_BYTES);
  const blobs = new Map(files.map((f) => [f.path, f.blob]));
  const total = plan.train.length + plan.test.length;
  const unreadable: string[] = [];
  let done = 0;
  const exampleSize = opts.size * opts.size * opts.channels;
  const decodeSplit = async (items: readonly PlannedFile[]): Promise<Split> => {
    const images = new Uint8Array(items.length * exampleSize);
    const labels = new Uint8Array(items.length);
    let count = 0;
    for (const item of items) {
      opts.signal?.throwIfAborted();
      try {
        const pixels = await decoder.decode(blobs.get(item.path)!);
        if (pixels.length !== exampleSize) throw new Error(`decoded to ${pixels.length} bytes, expected ${exampleSize}`);
        images.set(pixels, count * exampleSize);
        labels[count] = item.label;
        count += 1;
      } catch (err) {
        unreadable.push(`${item.path}: ${err instanceof Error ? err.message : String(err)}`);
      }
      done += 1;
      opts.onProgress?.(done, total);
    }
    return { count, images: images.slice(0, count * exampleSize), labels: labels.slice(0, count) };
  };
  const decodedTrain = await decodeSplit(plan.train);
  const decodedTest = await decodeSplit(plan.test);
  const present = new Set(decodedTrain.labels);
  if (present.size < 2) throw new PlanError('oneClass', { count: present.size });
  // Renumber the classes that kept training images; test images of the others go with their class.
  const kept = plan.classNames.map((_, c) => c).filter((c) => present.has(c));
  const relabel = new Map(kept.map((c, i) => [c, i]));
  const train = keepClasses(decodedTrain, relabel, exampleSize);
  const test = keepClasses(decodedTest, relabel, exampleSize);
  if (test.count === 0) throw new PlanError('noTest');
  const classNames = kept.map((c) => plan.classNames[c]!);
  const emptyClasses = plan.classNames.filter((_, c) => !present.has(c));
  const meta: DatasetMeta = {
    format: 'cnnp-dataset', version: 1, id: 'custom', name: opts.name ?? 'custom',
    inputShape: [opts.size, opts.size, opts.channels], classNames,
    // Inline datasets have no shards: the bytes travel in the start message.
    train: { count: train.count, shards: [] }, test: { count: test.count, shards: [] },
  };
  return { data: { meta, train, test }, unreadable, skipped: plan.skipped, emptyClasses };
}

/** The examples whose label is a key of `relabel`, labelled by its value (the identity keeps the split as is). */
function keepClasses(split: Split, relabel: ReadonlyMap<number, number>, exampleSize: number): Split {
  const keep: number[] = [];
  split.labels.forEach((l, i) => relabel.has(l) && keep.push(i));
  if (keep.length === split.count && [...relabel].every(([from, to]) => from === to)) return split;
  const images = new Uint8Array(keep.length * exampleSize);
  const labels = new Uint8Array(keep.length);
  keep.forEach((from, to) => {
    images.set(split.images.subarray(from * exampleSize, (from + 1) * exampleSize), to * exampleSize);
    labels[to] = relabel.get(split.labels[from]!)!;
  });
  return { count: keep.length, images, labels };
}
