// The datasets the playground ships (built at set-up time by datasets/): what the UI needs to know before
// anything is downloaded (shape, classes, sizes), and where the web files live.
import type { DataShape } from '../model/spec';

export type BuiltinDatasetId = 'mnist' | 'cifar10';
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
}

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
];

export function datasetEntry(id: BuiltinDatasetId): DatasetEntry {
  const entry = DATASETS.find((d) => d.id === id);
  if (!entry) throw new Error(`unknown dataset '${String(id)}'`);
  return entry;
}

export function isBuiltinDatasetId(id: unknown): id is BuiltinDatasetId {
  return DATASETS.some((d) => d.id === id);
}
