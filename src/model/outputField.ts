// Dense prediction (a class per pixel, boxes per grid cell): the input region that reaches one cell of the
// network's output. The output head keeps a spatial grid, so each of its cells has a receptive field of its
// own, traced back through every block's receptive step (receptiveField.ts). For a grid detector the cell
// also owns a patch of the image (the boxes whose centres fall in it): its share of the image, which is far
// smaller than what the cell sees.
import { roleOf } from '../blocks/registry';
import type { ModelAnalysis } from './analysis';
import { receptiveField, type Interval, type ReceptiveField } from './receptiveField';
import type { ModelSpec } from './spec';

/** The output head of a network whose output keeps a spatial grid, with that grid's size; else null. */
export interface DenseOutput {
  readonly blockId: string;
  readonly kind: string;
  readonly rows: number;
  readonly cols: number;
}

export function denseOutput(analysis: ModelAnalysis): DenseOutput | null {
  const head = [...analysis.blocks].reverse().find((b) => roleOf(b.kind) === 'output');
  const shape = head?.outputShape;
  if (!head || !shape || shape.length !== 3) return null;
  return { blockId: head.id, kind: head.kind, rows: shape[0] as number, cols: shape[1] as number };
}

export interface OutputCellField extends ReceptiveField {
  /** The image pixels the cell stands for (input size / output size per axis, when it divides evenly). */
  readonly ownRows: Interval | null;
  readonly ownCols: Interval | null;
  /** Whether the (clipped) field covers the whole image. */
  readonly wholeImage: boolean;
}

const own = (index: number, cells: number, pixels: number): Interval | null => {
  if (pixels % cells !== 0) return null;
  const size = pixels / cells;
  return { lo: index * size, hi: (index + 1) * size - 1 };
};

/** The input region that reaches output cell (row, col) of a dense network; null when there is none or it cannot be traced. */
export function outputCellField(spec: ModelSpec, analysis: ModelAnalysis, row: number, col: number): OutputCellField | null {
  const head = denseOutput(analysis);
  if (head === null || !(row >= 0 && row < head.rows && col >= 0 && col < head.cols)) return null;
  if (!Number.isInteger(row) || !Number.isInteger(col)) return null;
  const field = receptiveField(spec, analysis, head.blockId, row, col);
  if (field === null) return null;
  const [h, w] = field.imageSize;
  return {
    ...field,
    ownRows: own(row, head.rows, h),
    ownCols: own(col, head.cols, w),
    wholeImage: field.clippedRows.lo === 0 && field.clippedCols.lo === 0 && field.clippedRows.hi === h - 1 && field.clippedCols.hi === w - 1,
  };
}
