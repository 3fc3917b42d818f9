// Plain-number helpers for the understanding views: histograms, moments, dead units, top-k merging and
// nearest neighbours. No tfjs: the worker and the views both use them.
import type { Histogram } from './understandProtocol';

export function histogram(values: ArrayLike<number>, bins: number): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Float32Array(bins);
  if (values.length === 0) return { min: 0, max: 0, counts };
  const width = max > min ? (max - min) / bins : 1;
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.floor(((values[i] as number) - min) / width));
    counts[b] = (counts[b] as number) + 1;
  }
  return { min, max, counts };
}

export function moments(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(sq / n) };
}

export function zeroFraction(values: ArrayLike<number>): number {
  let zeros = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) zeros++;
  return values.length === 0 ? 0 : zeros / values.length;
}

/** Share of units (one value per example, `examples` examples laid out example-major) never above zero. */
export function deadFraction(values: ArrayLike<number>, examples: number): number {
  const units = Math.floor(values.length / Math.max(1, examples));
  if (units === 0) return 0;
  let dead = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let e = 0; e < examples && !alive; e++) alive = (values[e * units + u] as number) > 0;
    if (!alive) dead++;
  }
  return dead / units;
}

export interface Ranked {
  readonly index: number;
  readonly value: number;
  readonly position: number;
}

/** Merges candidates into a best-first list of at most k (ties: lower index first). */
export function mergeTop(best: Ranked[], candidates: readonly Ranked[], k: number): Ranked[] {
  return [...best, ...candidates]
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, k);
}

/** Squared Euclidean distance between rows i and j of a row-major matrix with `dim` columns. */
function distance(points: ArrayLike<number>, dim: number, i: number, j: number): number {
  let d = 0;
  for (let c = 0; c < dim; c++) d += ((points[i * dim + c] as number) - (points[j * dim + c] as number)) ** 2;
  return d;
}

/** The k rows nearest to row `query` (itself excluded), nearest first. */
export function nearest(points: ArrayLike<number>, dim: number, query: number, k: number): number[] {
  const n = Math.floor(points.length / dim);
  const found: { i: number; d: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === query) continue;
    const d = distance(points, dim, query, i);
    if (found.length < k || d < (found[found.length - 1] as { d: number }).d) {
      found.push({ i, d });
      found.sort((a, b) => a.d - b.d);
      if (found.length > k) found.pop();
    }
  }
  return found.map((f) => f.i);
}

/** Leave-one-out k-NN accuracy: each point voted by its k nearest others (ties go to the nearest's class). */
export function knnAccuracy(points: ArrayLike<number>, dim: number, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  let right = 0;
  for (let q = 0; q < n; q++) {
    const near = nearest(points, dim, q, k);
    const votes = new Map<number, number>();
    for (const i of near) votes.set(labels[i] as number, (votes.get(labels[i] as number) ?? 0) + 1);
    let best = labels[near[0] as number] as number;
    for (const [label, count] of votes) if (count > (votes.get(best) ?? 0)) best = label;
    if (best === labels[q]) right++;
  }
  return n === 0 ? 0 : right / n;
}

/** Patch positions along one axis: from 0 in steps of `stride`, the last one flush with the far edge. */
export function patchStarts(size: number, patch: number, stride: number): number[] {
  const p = Math.min(patch, size);
  const starts: number[] = [];
  for (let s = 0; s + p <= size; s += stride) starts.push(s);
  if (starts.at(-1) !== size - p) starts.push(size - p);
  return starts;
}
