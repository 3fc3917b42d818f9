// The attention-map probe of a vision transformer: every self-attention block's weights for the chosen
// image and the position-embedding table, found through the blocks' own worker modules (attentionOf,
// positionTable, tokenGrid) in the build's block map, never by layer or class names. The tensors are read
// back with the other probes; the maps themselves (class-token rows, rollout, similarities) are plain
// array maths (vit/attentionMaps.ts) done here in the worker.
import * as tf from '@tensorflow/tfjs';
import { workerBlockOf } from '../blocks/registry';
import type { BlockLayers, BuiltModel } from '../builtModel';
import { patchAttention, positionSimilarity, rolloutOverPatches } from '../vit/attentionMaps';
import type { AttentionMaps, PositionSimilarity } from '../api/probeTypes';
import type { LayerValues } from './graph';

/** More tokens than this and the maps are not sent (a rollout costs layers * N^3). */
export const MAX_TOKENS = 400;

export interface PendingAttention {
  readonly rows: number;
  readonly cols: number;
  readonly n: number;
  readonly layers: readonly { readonly id: string; readonly heads: number }[];
  readonly position: { readonly id: string; readonly n: number; readonly d: number } | null;
  /** Each layer's weights [heads, N, N], then the position table [N, D] when there is one. */
  readonly tensors: readonly tf.Tensor[];
}

/** The tokens' single patch grid (one patch embedding in the network), else null. */
function gridOf(blocks: readonly BlockLayers[]): { rows: number; cols: number } | null {
  const grids = blocks.flatMap((b) => {
    const grid = workerBlockOf(b.spec.kind).tokenGrid?.(b);
    return grid ? [grid] : [];
  });
  return grids.length === 1 ? (grids[0] as { rows: number; cols: number }) : null;
}

/** The value that flows into the block's first layer. */
function inputOf(block: BlockLayers, values: LayerValues): tf.Tensor | null {
  const source = block.layers[0]?.inboundNodes[0]?.inboundLayers[0];
  return source ? (values.get(source.name) ?? null) : null;
}

/** Only a class token (or nothing) may come before the patches: N = patches + 0 or 1. */
const extraOf = (n: number, patches: number): number | null => (n - patches === 0 || n - patches === 1 ? n - patches : null);

/** The tensors to read for the attention maps of one image (values from runLayers). Call inside a tidy. */
export function attentionTensors(network: BuiltModel, values: LayerValues): PendingAttention | null {
  const blocks = [...network.blocks.values()];
  const grid = gridOf(blocks);
  if (!grid) return null;
  const patches = grid.rows * grid.cols;
  const layers: { id: string; heads: number }[] = [];
  const tensors: tf.Tensor[] = [];
  let n = 0;
  for (const block of blocks) {
    const of = workerBlockOf(block.spec.kind).attentionOf;
    const x = of ? inputOf(block, values) : null;
    const weights = of && x ? of(block, x) : null;
    if (!weights) continue;
    const [, heads = 0, tokens = 0] = weights.shape;
    if (layers.length > 0 && tokens !== n) return null; // tokens added or removed between blocks: no rollout
    n = tokens;
    layers.push({ id: block.id, heads });
    tensors.push(tf.squeeze(weights, [0]));
  }
  if (layers.length === 0 || n > MAX_TOKENS || extraOf(n, patches) === null) return null;
  const position = positionOf(blocks, patches);
  // A copy: the table is the variable itself, and the read-back disposes what it reads.
  if (position) tensors.push(tf.clone(position.table));
  return { ...grid, n, layers, position: position?.meta ?? null, tensors };
}

function positionOf(blocks: readonly BlockLayers[], patches: number) {
  for (const block of blocks) {
    const table = workerBlockOf(block.spec.kind).positionTable?.(block);
    if (!table || table.rank !== 2) continue;
    const [n = 0, d = 0] = table.shape;
    if (extraOf(n, patches) === null) return null;
    return { table, meta: { id: block.id, n, d } };
  }
  return null;
}

/** The maps from the read-back arrays, in the order of `pending.tensors`. */
export function finishAttention(pending: PendingAttention, arrays: readonly Float32Array[]): { attention: AttentionMaps; positions: PositionSimilarity | null } {
  const { rows, cols, n } = pending;
  const extra = n - rows * cols;
  const weights = arrays.slice(0, pending.layers.length);
  const layers = pending.layers.map((l, i) => ({ id: l.id, heads: l.heads, values: patchAttention(weights[i] as Float32Array, l.heads, n, extra) }));
  const rollout = rolloutOverPatches(weights, pending.layers.map((l) => l.heads), n, extra);
  const attention: AttentionMaps = { rows, cols, fromClassToken: extra === 1, layers, rollout };
  const p = pending.position;
  const table = arrays[pending.layers.length];
  const positions = p && table ? { id: p.id, rows, cols, values: positionSimilarity(table, p.n, p.d, p.n - rows * cols) } : null;
  return { attention, positions };
}
