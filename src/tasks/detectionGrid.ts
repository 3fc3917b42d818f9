// The grid detector's targets and its decoding, pure (no tfjs): the image is cut into cells of CELL pixels;
// the cell holding a box's centre is responsible for it and holds [1, x, y, w, h, one-hot class], x and y
// the centre's place within the cell (0..1), w and h the box's share of the image (0..1); other cells hold
// zeros. Decoding reads the network's raw grid back into scored boxes in pixels, as the loss defines them.
import type { Box } from '../detection/iou';
import type { Detection, GroundTruth } from '../detection/meanAp';
import type { DataShape } from '../model/spec';

/** Pixels per grid cell: a 64x64 image gives an 8x8 grid. */
export const CELL = 8;

/** One object: class (1.. for a dataset whose class 0 is the background) and inclusive pixel rows / columns. */
export interface TargetBox {
  readonly classIndex: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export const objectClassesOf = (data: DataShape): number => Math.max(1, data.numClasses - 1);
export const gridSideOf = (data: DataShape): [rows: number, cols: number] =>
  [Math.floor((data.inputShape[0] ?? 0) / CELL), Math.floor((data.inputShape[1] ?? 0) / CELL)];
export const cellSizeOf = (data: DataShape): number => 5 + objectClassesOf(data);

/** A target box's corners in continuous pixels (its last row and column included): [x0, y0, x1 + 1, y1 + 1]. */
export const cornersOf = (b: TargetBox): Box => [b.x0, b.y0, b.x1 + 1, b.y1 + 1];

/**
 * Writes one image's grid target at `at`. Two boxes whose centres fall in one cell (never in MNIST scenes
 * or Shapes, whose objects keep apart) leave the larger one there: a YOLO v1 cell predicts one box.
 */
export function writeGridTarget(boxes: readonly TargetBox[], out: Float32Array, at: number, data: DataShape): void {
  const [rows, cols] = gridSideOf(data);
  const size = cellSizeOf(data);
  const [height, width] = [data.inputShape[0] ?? 1, data.inputShape[1] ?? 1];
  out.fill(0, at, at + rows * cols * size);
  const area = (b: TargetBox) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
  for (const b of [...boxes].sort((p, q) => area(p) - area(q))) {
    const [x0, y0, x1, y1] = cornersOf(b);
    const [cx, cy] = [(x0 + x1) / 2 / CELL, (y0 + y1) / 2 / CELL];
    const [col, row] = [Math.min(cols - 1, Math.floor(cx)), Math.min(rows - 1, Math.floor(cy))];
    const k = b.classIndex - 1;
    if (k < 0 || k >= objectClassesOf(data)) throw new Error(`box class ${b.classIndex} does not fit ${data.numClasses} classes`);
    const p = at + (row * cols + col) * size;
    out.fill(0, p, p + size);
    out.set([1, cx - col, cy - row, (x1 - x0) / width, (y1 - y0) / height], p);
    out[p + 5 + k] = 1;
  }
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** One cell's decoded box: where, which class, and its score (objectness times the class's probability). */
export interface CellBox {
  readonly row: number;
  readonly col: number;
  readonly box: Box;
  readonly label: number;
  readonly score: number;
  readonly objectness: number;
}

/** Every cell's box from one image's raw grid ([rows, cols, 5 + K] numbers from `at`), in cell order. */
export function decodeGrid(grid: ArrayLike<number>, at: number, data: DataShape): CellBox[] {
  const [rows, cols] = gridSideOf(data);
  const size = cellSizeOf(data);
  const [height, width] = [data.inputShape[0] ?? 1, data.inputShape[1] ?? 1];
  const cells: CellBox[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const p = at + (row * cols + col) * size;
      const v = (i: number) => grid[p + i] ?? 0;
      const scores = Array.from({ length: size - 5 }, (_, k) => v(5 + k));
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const best = scores.indexOf(top);
      const objectness = sigmoid(v(0));
      const [cx, cy] = [(col + sigmoid(v(1))) * CELL, (row + sigmoid(v(2))) * CELL];
      const [w, h] = [sigmoid(v(3)) * width, sigmoid(v(4)) * height];
      const box: Box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
      cells.push({ row, col, box, label: best + 1, objectness, score: objectness / exps.reduce((a, b) => a + b, 0) });
    }
  }
  return cells;
}

/** The scored boxes of a split's raw grids (outputs one after another) as mAP takes them, above a score. */
export function splitDetections(outputs: ArrayLike<number>, count: number, data: DataShape, minScore: number): Detection[] {
  const [rows, cols] = gridSideOf(data);
  const per = rows * cols * cellSizeOf(data);
  const found: Detection[] = [];
  for (let image = 0; image < count; image++) {
    for (const c of decodeGrid(outputs, image * per, data)) {
      if (c.score >= minScore) found.push({ image, label: c.label, box: c.box, score: c.score });
    }
  }
  return found;
}

export const truthsOf = (boxes: readonly (readonly TargetBox[])[]): GroundTruth[] =>
  boxes.flatMap((bs, image) => bs.map((b) => ({ image, label: b.classIndex, box: cornersOf(b) })));
