// A dataset as the trainer sees it: raw bytes, one example after another, labels as class indices.
import type { Shape } from '../model/spec';

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
}

export interface SplitMeta {
  readonly count: number;
  /** Shards in order; each is a gzip file holding `count` label bytes, then count*H*W*C pixel bytes (HWC, row-major). */
  readonly shards: readonly { readonly file: string; readonly count: number }[];
}

export interface Split {
  readonly count: number;
  /** count * H * W * C bytes, 0..255, HWC per example. */
  readonly images: Uint8Array;
  /** count bytes, class index per example. */
  readonly labels: Uint8Array;
}

export interface LoadedDataset {
  readonly meta: DatasetMeta;
  readonly train: Split;
  readonly test: Split;
}
