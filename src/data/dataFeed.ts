// What a run trains on, epoch by epoch. When the loader returned early (LoadedDataset.pending: training
// shards still arriving), each epoch takes every example in by then, so training starts on the first shards
// instead of waiting for the whole set. The validation split is chosen from the final size, so an example
// held out now is never trained on later.
import type { LoadedDataset, Split } from './types';
import { withValidation, type LoadedWithValidation } from './validation';

export interface DataFeed {
  /** The data for the current epoch. */
  readonly data: LoadedWithValidation;
  /** Whether more training examples are still to come. */
  readonly growing: boolean;
  /** Takes in what has arrived since; true when `data` changed. Throws if a shard failed to load. */
  refresh(): boolean;
  /** Resolves once every training shard has arrived (at once when nothing is pending); rejects if one failed. */
  whenComplete(): Promise<void>;
}

export function createDataFeed(loaded: LoadedDataset, fraction: number | undefined, seed: number): DataFeed {
  const pending = loaded.pending;
  const total = pending?.trainCount ?? loaded.train.count;
  let failure: { error: unknown } | null = null;
  pending?.complete.catch((error: unknown) => (failure = { error }));
  const trainNow = (): Split => (pending ? pending.current() : loaded.train);
  const make = (train: Split) => withValidation({ meta: loaded.meta, train, test: loaded.test }, fraction, seed, total);
  let seen = trainNow();
  const feed = {
    data: make(seen),
    // Still growing until this feed has taken in every example, even after the download has finished:
    // the last shards usually land between two epochs, and they must still be taken in.
    get growing() {
      return seen.count < total;
    },
    refresh() {
      if (failure) throw failure.error;
      const now = trainNow();
      if (now.count === seen.count) return false;
      seen = now;
      feed.data = make(now);
      return true;
    },
    whenComplete: async () => {
      await pending?.complete;
    },
  };
  return feed;
}
