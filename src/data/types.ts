// A dataset as the trainer sees it: raw bytes, one example after another, labels as class indices.
import type { Shape } from '../model/spec';
import type { GeneratedDatasetRef } from './generated';

export type { GeneratedDatasetRef } from './generated';

/** meta.json at the root of a web-ready dataset folder (built at set-up time by datasets/). */
export interface DatasetMeta {
  readonly format: 'cnnp-dataset';
  readonly version: 1;
  readonly id: string; // 'mnist'
  readonly name: string; // 'MNIST'
  readonly inputShape: Shape; // [height, width, channels], e.g. [28, 28, 1]
  readonly classNames: readonly string[];
  readonly train: SplitMeta;
  readonly test: SplitMeta;
  /** 'gradient': shard pixels are stored as differences from clamp(left + up - upLeft); see pixelFilter.ts. */
  readonly filter?: 'gradient';
  /** What the targets mean (src/tasks/registry.ts): 'segmentation' for per-pixel masks; classification when absent. */
  readonly task?: string;
}

export interface SplitMeta {
  readonly count: number;
  /** Shards in order; each is a gzip file holding `count` label bytes, then count*H*W*C pixel bytes (HWC, row-major). */
  readonly shards: readonly { readonly file: string; readonly count: number; readonly bytes?: number; readonly sha?: string }[];
}

export interface Split {
  readonly count: number;
  /** count * H * W * C bytes, 0..255, HWC per example. */
  readonly images: Uint8Array;
  /** count bytes, class index per example. */
  readonly labels: Uint8Array;
  /** count * H * W bytes, a class index per pixel (row-major), for segmentation datasets. */
  readonly masks?: Uint8Array;
  /** The objects of each example, for datasets that have them (Shapes). */
  readonly boxes?: readonly (readonly ObjectBox[])[];
}

/** One object of an image: its class (1.. in a mask, 0 being the background) and its box, in pixels. */
export interface ObjectBox {
  readonly classIndex: number;
  /** Inclusive rows and columns of the object's pixels: x0 <= x <= x1, y0 <= y <= y1. */
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface LoadedDataset {
  readonly meta: DatasetMeta;
  readonly train: Split;
  readonly test: Split;
  /** Present while training shards are still arriving: `train` is then the first part of the split. */
  readonly pending?: PendingTrain;
}

export interface PendingTrain {
  /** How many training examples there will be. */
  readonly trainCount: number;
  /** The training examples in so far (a growing prefix; views into the final buffers, no copy). */
  current(): Split;
  /** The whole dataset, once every shard is in; rejects if one fails. */
  readonly complete: Promise<LoadedDataset>;
}

/** A web-ready dataset folder, by URL. */
export interface UrlDatasetRef {
  readonly kind?: 'url';
  /** Base URL of the folder holding meta.json (e.g. '/data/mnist/'). */
  readonly url: string;
  /** Use at most this many training / test examples (small slices for tests and quick demos). */
  readonly trainLimit?: number;
  readonly testLimit?: number;
  /** Hold out this share (0..0.5) of the training split, chosen by the run's seed, and evaluate on it each epoch. */
  readonly validationFraction?: number;
  /** Train on a pretext task made from the images instead of their labels (src/data/rotation.ts). */
  readonly pretext?: 'rotation';
  /** Keep only these classes (indices into the dataset's), relabelled 0..n-1 in this order (classSubset.ts). */
  readonly classes?: readonly number[];
}

/** A dataset made in the page (bring your own images): the bytes travel with the start message. */
export interface InlineDatasetRef {
  readonly kind: 'inline';
  readonly data: LoadedDataset;
  readonly validationFraction?: number;
}

export type DatasetRef = UrlDatasetRef | InlineDatasetRef | GeneratedDatasetRef;
