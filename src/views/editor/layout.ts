// Tidy layout with dagre: data flows left to right in one strip, branches (residual paths) as parallel lanes. Used for the
// "Tidy layout" button and to place blocks that have no stored position (presets, links without a layout).
import dagre from '@dagrejs/dagre';
import { roleOf } from '../../blocks/registry';
import type { ModelSpec } from '../../model/spec';
import type { Layout, Point } from '../../store/editOps';
import { safeInputs } from './flowModel';

/** The size dagre reserves per block; close to the rendered node, so tidied blocks never overlap. */
export const NODE_SIZE = { width: 150, height: 250 } as const;

/**
 * One left-to-right strip, as data flows: a chain is one lane, and residual / concat branches run as
 * parallel lanes that merge. A block cut off from what came before (its input deleted) stays where it was
 * in reading order, after the block listed before it, instead of jumping back to the first column.
 */
export function tidyLayout(spec: ModelSpec): Record<string, Point> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 28, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const blocks = spec.blocks.filter((b) => typeof b?.id === 'string');
  const ids = new Set(blocks.map((b) => b.id));
  for (const b of blocks) g.setNode(b.id, { ...NODE_SIZE });
  const cut: number[] = [];
  blocks.forEach((b, i) => {
    const inputs = safeInputs(b).filter((from) => ids.has(from) && from !== b.id);
    for (const from of inputs) g.setEdge(from, b.id, { weight: 2 });
    if (inputs.length === 0 && roleOf(b.kind) !== 'input') cut.push(i);
  });
  for (const i of cut) {
    const before = readingPredecessor(g, blocks.map((b) => b.id), i);
    if (before !== undefined) g.setEdge(before, blocks[i]!.id, { weight: 2 });
  }
  try {
    dagre.layout(g);
  } catch {
    // A cycle or other odd graph dagre cannot rank: fall back to a grid, never to a crash.
    return gridLayout(spec);
  }
  const out: Record<string, Point> = {};
  for (const b of blocks) {
    const n = g.node(b.id);
    out[b.id] = n ? { x: n.x - NODE_SIZE.width / 2, y: n.y - NODE_SIZE.height / 2 } : { x: 0, y: 0 };
  }
  return out;
}

/**
 * The block a cut-off block follows in reading order: the nearest one listed before it that does not read
 * from it. A block added after pool1 is listed last but feeds conv2; once pool1 is deleted, following the
 * block listed just before it (the output) would close a loop through conv2 ... output, which dagre breaks
 * by folding the strip into two rows with the new block at the far end.
 */
function readingPredecessor(g: { successors(id: string): string[] | undefined }, order: readonly string[], i: number): string | undefined {
  const downstream = new Set<string>([order[i]!]);
  const stack = [order[i]!];
  while (stack.length > 0) {
    for (const next of g.successors(stack.pop()!) ?? []) {
      if (!downstream.has(next)) {
        downstream.add(next);
        stack.push(next);
      }
    }
  }
  for (let j = i - 1; j >= 0; j--) if (!downstream.has(order[j]!)) return order[j];
  return undefined;
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
