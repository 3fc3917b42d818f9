// Datasets drawn from a seed instead of downloaded (Shapes): made in the training worker, in chunks with a
// pause between them, so a stop or a pause message is heard while they are drawn and the page never waits.
import { generateShapes, joinSplits, SHAPES_CLASSES, SHAPES_SIZE } from './shapes';
import type { DatasetMeta, LoadedDataset, Split } from './types';

/** A dataset drawn from a seed: which generator, the seed, and how many examples of each split. */
export interface GeneratedDatasetRef {
  readonly kind: 'generated';
  readonly generator: 'shapes';
  readonly seed: number;
  readonly trainCount: number;
  readonly testCount: number;
  readonly validationFraction?: number;
}

/** Examples drawn between two pauses: about 10 ms of work for Shapes. */
const CHUNK = 64;
/** The most examples a generated split may ask for (about 12 kB each, with its mask). */
export const MAX_GENERATED = 20_000;

export function shapesMeta(trainCount: number, testCount: number): DatasetMeta {
  return {
    format: 'cnnp-dataset', version: 1, id: 'shapes', name: 'Shapes', inputShape: [SHAPES_SIZE, SHAPES_SIZE, 3],
    classNames: SHAPES_CLASSES, train: { count: trainCount, shards: [] }, test: { count: testCount, shards: [] }, task: 'segmentation',
  };
}

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Draws a split chunk by chunk, reporting how many examples of the whole dataset are done. */
async function drawSplit(seed: number, split: 'train' | 'test', count: number, done: (n: number) => void): Promise<Split> {
  const parts: Split[] = [];
  for (let first = 0; first < count; first += CHUNK) {
    parts.push(generateShapes(seed, split, first, Math.min(CHUNK, count - first)));
    done(Math.min(CHUNK, count - first));
    await nextMacrotask();
  }
  return joinSplits(parts);
}

/** The dataset a generated reference names; `onProgress` hears (examples drawn, examples in all). */
export async function generateDataset(ref: GeneratedDatasetRef, onProgress?: (done: number, total: number) => void): Promise<LoadedDataset> {
  for (const [name, n] of [['trainCount', ref.trainCount], ['testCount', ref.testCount]] as const) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED) throw new Error(`${name} must be a whole number from 1 to ${MAX_GENERATED}, got ${n}`);
  }
  const total = ref.trainCount + ref.testCount;
  let drawn = 0;
  const done = (n: number) => onProgress?.((drawn += n), total);
  const test = await drawSplit(ref.seed, 'test', ref.testCount, done);
  const train = await drawSplit(ref.seed, 'train', ref.trainCount, done);
  return { meta: shapesMeta(ref.trainCount, ref.testCount), train, test };
}
