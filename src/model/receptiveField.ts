// The receptive field of one output unit of a block, traced back to the network's input image: each
// conv / pool block maps an interval of its output cells to the input cells its windows read; blocks that
// keep the spatial layout (activation, batch norm, dropout, add, concat) pass the interval through.
// Merges take the union, so a residual net gives the bounding box over all paths. One pass in reverse
// topological order, linear in the number of blocks however many paths there are.
import { blockModuleOf } from '../blocks/registry';
import type { Interval } from '../blocks/types';
import type { ModelAnalysis } from './analysis';
import type { ModelSpec } from './spec';

export type { Interval };
export { windowBack } from '../blocks/common/receptive';

export interface ReceptiveField {
  /** Rows and columns of the input image, before clipping to the image (may reach into padding). */
  readonly rows: Interval;
  readonly cols: Interval;
  /** The same, clipped to the image: what is drawn. */
  readonly clippedRows: Interval;
  readonly clippedCols: Interval;
  /** The input image's [height, width]. */
  readonly imageSize: readonly [number, number];
}

const union = (a: Interval | undefined, b: Interval): Interval => (a ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) } : b);


const clip = (iv: Interval, size: number): Interval => ({ lo: Math.max(0, iv.lo), hi: Math.min(size - 1, iv.hi) });

/** The receptive field of output unit (row, col) of `blockId`, or null when it cannot be traced. */
export function receptiveField(spec: ModelSpec, analysis: ModelAnalysis, blockId: string, row: number, col: number): ReceptiveField | null {
  const inputsOf = new Map(spec.blocks.map((b) => [b.id, b.inputs]));
  const fields = new Map<string, { rows: Interval; cols: Interval }>([[blockId, { rows: { lo: row, hi: row }, cols: { lo: col, hi: col } }]]);
  for (let i = analysis.blocks.length - 1; i >= 0; i -= 1) {
    const block = analysis.blocks[i];
    if (!block) continue;
    const field = fields.get(block.id);
    if (!field) continue;
    const module = blockModuleOf(block.kind);
    if (module?.role === 'input') {
      const shape = block.outputShape;
      if (!shape || shape.length !== 3) return null;
      const [h, w] = shape as [number, number, number];
      return { ...field, clippedRows: clip(field.rows, h), clippedCols: clip(field.cols, w), imageSize: [h, w] };
    }
    // Each kind's step back (its module's): flatten, dense and global pooling end the spatial layout.
    const next = module?.receptive.back(field, block.arithmetic) ?? null;
    if (next === null) return null;
    for (const source of inputsOf.get(block.id) ?? []) {
      const seen = fields.get(source);
      fields.set(source, { rows: union(seen?.rows, next.rows), cols: union(seen?.cols, next.cols) });
    }
  }
  return null;
}

/** Unit (row, col) of `blockId` as [top, left, height, width] in image pixels, unclipped; null where it cannot be traced. */
export function unitBox(spec: ModelSpec, analysis: ModelAnalysis, blockId: string, row: number, col: number): [number, number, number, number] | null {
  const field = receptiveField(spec, analysis, blockId, row, col);
  return field && [field.rows.lo, field.cols.lo, field.rows.hi - field.rows.lo + 1, field.cols.hi - field.cols.lo + 1];
}
