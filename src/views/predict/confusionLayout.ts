// The confusion matrix as cells to draw (pure, tested): each count with its share of the true class's row,
// so a colour means "how often class r is read as c" whatever the class sizes.
export interface ConfusionCell {
  readonly row: number;
  readonly col: number;
  readonly count: number;
  /** count / row total (0 for an empty row). */
  readonly share: number;
}

export function confusionCells(matrix: ArrayLike<number>, n: number): ConfusionCell[] {
  const cells: ConfusionCell[] = [];
  for (let row = 0; row < n; row += 1) {
    let total = 0;
    for (let col = 0; col < n; col += 1) total += matrix[row * n + col] as number;
    for (let col = 0; col < n; col += 1) {
      const count = matrix[row * n + col] as number;
      cells.push({ row, col, count, share: total > 0 ? count / total : 0 });
    }
  }
  return cells;
}

/** Side of a cell: large for 10 classes, smaller for more, never below 6 px. */
export const confusionCellSize = (n: number): number => Math.max(6, Math.min(34, Math.floor(380 / Math.max(n, 1))));
