// The datasets the playground ships (built at set-up time by datasets/): what the UI needs to know before
// anything is downloaded (shape, classes, sizes), and where the web files live.
import type { DataShape } from '../model/spec';
import { SHAPES_CLASSES, SHAPES_SIZE } from './shapes';
import { SCENE_CLASSES, SCENE_SIZE } from './mnistScenes';
import type { GeneratorId } from './generated';
import { ROTATION_CLASSES } from './rotation';

export type BuiltinDatasetId = 'mnist' | 'cifar10' | 'shapes' | 'mnistScenes' | 'mnistSceneMasks' | 'mnist-rotation' | 'cifar10-rotation'
  | 'mnist-small' | 'cifar10-animals' | 'cifar10-vehicles';
/** 'custom': a dataset made in the page from the user's own images. */
export type DatasetId = BuiltinDatasetId | 'custom';

export interface DatasetEntry {
  readonly id: BuiltinDatasetId;
  /** Display name (a proper noun, the same in every language). */
  readonly name: string;
  /** Folder under the site's base URL holding meta.json and the shards. */
  readonly path: string;
  readonly shape: DataShape;
  readonly classNames: readonly string[];
  readonly trainCount: number;
  readonly testCount: number;
  /** Approximate size of the web files, for the "this will download N MB" hint. */
  readonly downloadMB: number;
  /** Drawn in the worker from this seed instead of downloaded (src/data/generated.ts); `path` is then unused. */
  readonly generated?: {
    readonly generator: GeneratorId;
    readonly seed: number;
    /** Cut from the digits of this built-in dataset (its web files are fetched in the worker). */
    readonly digits?: 'mnist';
  };
  /** What its targets mean (src/tasks/registry.ts); classification when absent. */
  readonly task?: string;
  /** A self-supervised pretext task made from another entry's images (src/data/rotation.ts): labels are the turns. */
  readonly pretext?: 'rotation';
  /** Only the first this many training images of the files at `path` (trainCount says the same). */
  readonly trainLimit?: number;
  /** Some classes of another entry, from its files (src/data/classSubset.ts): its classes by index, in order. */
  readonly subsetOf?: { readonly dataset: BuiltinDatasetId; readonly classes: readonly number[] };
}

/** Small MNIST's training images: few enough that a wide network overfits them within a short run (lesson 5.2). */
export const SMALL_MNIST_TRAIN = 2000;

export const CIFAR10_CLASSES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
] as const;

export const DATASETS: readonly DatasetEntry[] = [
  {
    id: 'mnist', name: 'MNIST', path: 'data/mnist/', shape: { inputShape: [28, 28, 1], numClasses: 10 },
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: 60_000, testCount: 10_000, downloadMB: 11,
  },
  {
    id: 'cifar10', name: 'CIFAR-10', path: 'data/cifar10/', shape: { inputShape: [32, 32, 3], numClasses: 10 },
    classNames: CIFAR10_CLASSES, trainCount: 50_000, testCount: 10_000, downloadMB: 101,
  },
  {
    id: 'shapes', name: 'Shapes', path: '', shape: { inputShape: [SHAPES_SIZE, SHAPES_SIZE, 3], numClasses: SHAPES_CLASSES.length },
    classNames: SHAPES_CLASSES, trainCount: 2000, testCount: 200, downloadMB: 0, generated: { generator: 'shapes', seed: 26 }, task: 'segmentation',
  },
  // The same scenes for two tasks: a box per digit (detection), or a digit class per pixel (segmentation).
  {
    id: 'mnistScenes', name: 'MNIST scenes', path: '', shape: { inputShape: [SCENE_SIZE, SCENE_SIZE, 1], numClasses: SCENE_CLASSES.length },
    classNames: SCENE_CLASSES, trainCount: 4000, testCount: 200, downloadMB: 4, generated: { generator: 'mnistScenes', seed: 26, digits: 'mnist' }, task: 'detection',
  },
  {
    id: 'mnistSceneMasks', name: 'MNIST scene masks', path: '', shape: { inputShape: [SCENE_SIZE, SCENE_SIZE, 1], numClasses: SCENE_CLASSES.length },
    classNames: SCENE_CLASSES, trainCount: 4000, testCount: 200, downloadMB: 4, generated: { generator: 'mnistScenes', seed: 26, digits: 'mnist' }, task: 'segmentation',
  },
  // MNIST's first training images only, with its whole test set: a set small enough to overfit.
  {
    id: 'mnist-small', name: `MNIST ${SMALL_MNIST_TRAIN}`, path: 'data/mnist/', shape: { inputShape: [28, 28, 1], numClasses: 10 },
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: SMALL_MNIST_TRAIN, testCount: 10_000, downloadMB: 3,
    trainLimit: SMALL_MNIST_TRAIN,
  },
  // Pretraining without labels: the same images, each turned by 0-270 degrees, the turn as its class.
  {
    id: 'mnist-rotation', name: 'MNIST ↻ 0°–270°', path: 'data/mnist/', shape: { inputShape: [28, 28, 1], numClasses: 4 },
    classNames: ROTATION_CLASSES, trainCount: 60_000, testCount: 10_000, downloadMB: 11, pretext: 'rotation',
  },
  {
    id: 'cifar10-rotation', name: 'CIFAR-10 ↻ 0°–270°', path: 'data/cifar10/', shape: { inputShape: [32, 32, 3], numClasses: 4 },
    classNames: ROTATION_CLASSES, trainCount: 50_000, testCount: 10_000, downloadMB: 101, pretext: 'rotation',
  },
  // cs231n's transfer matrix on similar data: pretrain on the animals, transfer to the vehicles (or back).
  {
    id: 'cifar10-animals', name: 'CIFAR-10 animals', path: 'data/cifar10/', shape: { inputShape: [32, 32, 3], numClasses: 6 },
    classNames: ['bird', 'cat', 'deer', 'dog', 'frog', 'horse'], trainCount: 30_000, testCount: 6000, downloadMB: 101,
    subsetOf: { dataset: 'cifar10', classes: [2, 3, 4, 5, 6, 7] },
  },
  {
    id: 'cifar10-vehicles', name: 'CIFAR-10 vehicles', path: 'data/cifar10/', shape: { inputShape: [32, 32, 3], numClasses: 4 },
    classNames: ['airplane', 'automobile', 'ship', 'truck'], trainCount: 20_000, testCount: 4000, downloadMB: 101,
    subsetOf: { dataset: 'cifar10', classes: [0, 1, 8, 9] },
  },
];

/** The id whose class names a dataset shows (translated under walk's classNames): a subset shows its source's. */
export function classNamesKey(id: BuiltinDatasetId): BuiltinDatasetId {
  return datasetEntry(id).subsetOf?.dataset ?? id;
}

export function datasetEntry(id: BuiltinDatasetId): DatasetEntry {
  const entry = DATASETS.find((d) => d.id === id);
  if (!entry) throw new Error(`unknown dataset '${String(id)}'`);
  return entry;
}

export function isBuiltinDatasetId(id: unknown): id is BuiltinDatasetId {
  return DATASETS.some((d) => d.id === id);
}

/** The task (src/tasks/registry.ts) of a dataset by id: a built-in one's, or classification's (undefined). */
export function datasetTask(id: string): string | undefined {
  return DATASETS.find((d) => d.id === id)?.task;
}
