// Tidy layout with dagre: data flows left to right, branches (residual paths) side by side. Used for the
// "Tidy layout" button and to place blocks that have no stored position (presets, links without a layout).
import dagre from '@dagrejs/dagre';
import type { ModelSpec } from '../../model/spec';
import type { Layout, Point } from '../../store/editOps';
import { safeInputs } from './flowModel';

/** The size dagre reserves per block; close to the rendered node, so tidied blocks never overlap. */
export const NODE_SIZE = { width: 270, height: 190 } as const;

export function tidyLayout(spec: ModelSpec): Record<string, Point> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 60, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const blocks = spec.blocks.filter((b) => typeof b?.id === 'string');
  const ids = new Set(blocks.map((b) => b.id));
  for (const b of blocks) g.setNode(b.id, { ...NODE_SIZE });
  for (const b of blocks) {
    for (const from of safeInputs(b)) if (ids.has(from) && from !== b.id) g.setEdge(from, b.id);
  }
  try {
    dagre.layout(g);
  } catch {
    // A cycle or other odd graph dagre cannot rank: fall back to a grid, never to a crash.
    return gridLayout(spec);
  }
  const centres = new Map<string, Point>();
  for (const b of blocks) {
    const n = g.node(b.id);
    centres.set(b.id, n ? { x: n.x, y: n.y } : { x: 0, y: 0 });
  }
  return wrapColumns(centres);
}

/** Columns of blocks per row before the layout wraps: a projected canvas stays readable without zooming out. */
export const COLUMNS_PER_ROW = 4;

/**
 * Folds dagre's single left-to-right band into rows of COLUMNS_PER_ROW columns, like lines of text: a
 * 12-block LeNet then fits the canvas at a readable zoom. Branches keep their offsets within a row.
 */
function wrapColumns(centres: ReadonlyMap<string, Point>): Record<string, Point> {
  const xs = [...new Set([...centres.values()].map((p) => Math.round(p.x)))].sort((a, b) => a - b);
  const ys = [...centres.values()].map((p) => p.y);
  const top = Math.min(...ys);
  const bandHeight = Math.max(...ys) - top + NODE_SIZE.height + 90;
  const column = new Map(xs.map((x, i) => [x, i]));
  const out: Record<string, Point> = {};
  for (const [id, p] of centres) {
    const col = column.get(Math.round(p.x)) ?? 0;
    out[id] = {
      x: (col % COLUMNS_PER_ROW) * (NODE_SIZE.width + 70),
      y: Math.floor(col / COLUMNS_PER_ROW) * bandHeight + (p.y - top),
    };
  }
  return out;
}

function gridLayout(spec: ModelSpec): Record<string, Point> {
  const out: Record<string, Point> = {};
  spec.blocks.forEach((b, i) => {
    out[b.id] = { x: (i % 6) * (NODE_SIZE.width + 40), y: Math.floor(i / 6) * (NODE_SIZE.height + 40) };
  });
  return out;
}

/**
 * Positions for every block: stored ones as they are; the rest from a tidy layout of the whole network,
 * which keeps new blocks near their neighbours in reading order.
 */
export function fillLayout(spec: ModelSpec): Layout {
  const stored = spec.layout ?? {};
  if (spec.blocks.every((b) => stored[b.id] !== undefined)) return stored;
  return { ...tidyLayout(spec), ...stored };
}

/** A free spot just right of a block (where a block added after it goes), stepping down past occupied spots. */
export function spotAfter(layout: Layout, id: string | undefined): Point {
  const from = (id !== undefined ? layout[id] : undefined) ?? { x: 0, y: 0 };
  const taken = Object.values(layout);
  const spot = { x: from.x + NODE_SIZE.width + 60, y: from.y };
  for (let i = 0; i < 50; i++) {
    const clash = taken.some((p) => Math.abs(p.x - spot.x) < NODE_SIZE.width && Math.abs(p.y - spot.y) < NODE_SIZE.height);
    if (!clash) break;
    spot.y += NODE_SIZE.height + 30;
  }
  return spot;
}
