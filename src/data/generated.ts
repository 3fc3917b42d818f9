// Datasets drawn from a seed instead of downloaded (Shapes, MNIST scenes): made in the training worker, in
// chunks with a pause between them, so a stop or a pause message is heard while they are drawn and the page
// never waits. MNIST scenes are cut from the app's own MNIST files, which the caller loads (loader.ts).
import { generateMnistScenes, SCENE_CLASSES, SCENE_SIZE } from './mnistScenes';
import { generateShapes, joinSplits, SHAPES_CLASSES, SHAPES_SIZE } from './shapes';
import type { DatasetMeta, LoadedDataset, Split } from './types';

/** A dataset drawn from a seed: which generator, the seed, and how many examples of each split. */
export interface GeneratedDatasetRef {
  readonly kind: 'generated';
  readonly generator: GeneratorId;
  readonly seed: number;
  /** MNIST scenes: the MNIST folder the digits come from, and the task the scenes are for (its boxes or masks). */
  readonly digitsUrl?: string;
  readonly task?: string;
  readonly trainCount: number;
  readonly testCount: number;
  readonly validationFraction?: number;
}

export type GeneratorId = 'shapes' | 'mnistScenes';

/** How many MNIST digits of each split the scenes choose from (a few shards, not the whole download). */
export const SCENE_DIGITS = { train: 10_000, test: 2_000 } as const;

/** Loads the digits of an MNIST folder, at most so many of each split. */
export type DigitLoader = (url: string, limits: typeof SCENE_DIGITS) => Promise<LoadedDataset>;

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

export function mnistScenesMeta(trainCount: number, testCount: number, task = 'detection'): DatasetMeta {
  return {
    format: 'cnnp-dataset', version: 1, id: 'mnistScenes', name: 'MNIST scenes', inputShape: [SCENE_SIZE, SCENE_SIZE, 1],
    classNames: SCENE_CLASSES, train: { count: trainCount, shards: [] }, test: { count: testCount, shards: [] }, task,
  };
}

const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Draws a split chunk by chunk, reporting how many examples of the whole dataset are done. */
async function drawSplit(draw: Draw, split: 'train' | 'test', count: number, done: (n: number) => void): Promise<Split> {
  const parts: Split[] = [];
  for (let first = 0; first < count; first += CHUNK) {
    parts.push(draw(split, first, Math.min(CHUNK, count - first)));
    done(Math.min(CHUNK, count - first));
    await nextMacrotask();
  }
  return joinSplits(parts);
}

type Draw = (split: 'train' | 'test', first: number, count: number) => Split;

/** The generator's drawing function and the dataset's meta. */
async function generatorFor(ref: GeneratedDatasetRef, loadDigits?: DigitLoader): Promise<{ draw: Draw; meta: DatasetMeta }> {
  if (ref.generator === 'shapes') {
    return { draw: (split, first, n) => generateShapes(ref.seed, split, first, n), meta: shapesMeta(ref.trainCount, ref.testCount) };
  }
  if (ref.digitsUrl === undefined || loadDigits === undefined) throw new Error('MNIST scenes need the MNIST digits: no MNIST folder was given');
  const digits = await loadDigits(ref.digitsUrl, SCENE_DIGITS);
  return {
    draw: (split, first, n) => generateMnistScenes(ref.seed, split, first, n, digits[split]),
    meta: mnistScenesMeta(ref.trainCount, ref.testCount, ref.task),
  };
}

/**
 * The dataset a generated reference names; `onProgress` hears (examples drawn, examples in all).
 * `loadDigits` fetches the MNIST digits MNIST scenes are cut from.
 */
export async function generateDataset(ref: GeneratedDatasetRef, onProgress?: (done: number, total: number) => void,
  loadDigits?: DigitLoader): Promise<LoadedDataset> {
  for (const [name, n] of [['trainCount', ref.trainCount], ['testCount', ref.testCount]] as const) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED) throw new Error(`${name} must be a whole number from 1 to ${MAX_GENERATED}, got ${n}`);
  }
  const total = ref.trainCount + ref.testCount;
  let drawn = 0;
  const done = (n: number) => onProgress?.((drawn += n), total);
  const { draw, meta } = await generatorFor(ref, loadDigits);
  const test = await drawSplit(draw, 'test', ref.testCount, done);
  const train = await drawSplit(draw, 'train', ref.trainCount, done);
  return { meta, train, test };
}
