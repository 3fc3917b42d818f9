// Pure bookkeeping of the epoch-end confusion pass (no tfjs, unit-tested): counts per (true, predicted)
// pair, and the k most confident mistakes kept in a small sorted list while the batches stream by.

export interface Mistake {
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  readonly confidence: number;
}

export interface ConfusionAccumulator {
  /** Adds a batch: `labels`, `predicted` and `confidence` per example, `indices` their place in the split. */
  add(indices: ArrayLike<number>, labels: ArrayLike<number>, predicted: ArrayLike<number>, confidence: ArrayLike<number>): void;
  readonly matrix: Int32Array;
  /** Most confident first. */
  mistakes(): readonly Mistake[];
}

export function createConfusion(numClasses: number, keepMistakes: number): ConfusionAccumulator {
  const matrix = new Int32Array(numClasses * numClasses);
  const kept: Mistake[] = [];
  return {
    matrix,
    add(indices, labels, predicted, confidence) {
      for (let i = 0; i < labels.length; i += 1) {
        const label = labels[i] as number;
        const guess = predicted[i] as number;
        if (label < 0 || label >= numClasses || guess < 0 || guess >= numClasses) continue;
        matrix[label * numClasses + guess] = (matrix[label * numClasses + guess] ?? 0) + 1;
        if (label === guess || keepMistakes === 0) continue;
        const c = confidence[i] as number;
        const last = kept[kept.length - 1];
        if (kept.length >= keepMistakes && last && c <= last.confidence) continue;
        // Insertion into a list of at most keepMistakes entries: cheaper than sorting every batch.
        let at = kept.findIndex((m) => c > m.confidence);
        if (at < 0) at = kept.length;
        kept.splice(at, 0, { index: indices[i] as number, label, predicted: guess, confidence: c });
        if (kept.length > keepMistakes) kept.pop();
      }
    },
    mistakes: () => kept.slice(),
  };
}

/** Per-class accuracy (recall): the diagonal over each row's total; NaN for a class with no examples. */
export function perClassAccuracy(matrix: ArrayLike<number>, numClasses: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < numClasses; r += 1) {
    let total = 0;
    for (let c = 0; c < numClasses; c += 1) total += matrix[r * numClasses + c] as number;
    out.push(total === 0 ? Number.NaN : (matrix[r * numClasses + r] as number) / total);
  }
  return out;
}
