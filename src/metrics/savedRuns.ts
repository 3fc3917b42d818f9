// The curves of a reopened project's earlier runs (saved with the project), for the loss chart's overlay of
// past runs. The project session sets them when it opens a project; the chart listens, outside React.
import type { SeriesPoint } from './series';

export interface SavedRun {
  readonly loss: readonly SeriesPoint[];
  readonly accuracy: readonly SeriesPoint[];
}

export interface SavedRuns {
  /** Oldest first. */
  get(): readonly SavedRun[];
  set(runs: readonly SavedRun[]): void;
  subscribe(listener: () => void): () => void;
}

export function createSavedRuns(): SavedRuns {
  let runs: readonly SavedRun[] = [];
  const listeners = new Set<() => void>();
  return {
    get: () => runs,
    set(next) {
      runs = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
