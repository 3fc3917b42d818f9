// Pure helpers of the training curves (tested without a DOM): y domains for linear and log scales, the
// nearest point to the pointer, where an epoch ends on the batch axis, and one colour per run.
import type { SeriesPoint } from '../../metrics/series';

/** Distinct colours for overlaid runs (Tableau 10), the current run first. */
export const RUN_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'] as const;

export const runColour = (runNumber: number): string =>
  RUN_COLOURS[((runNumber - 1) % RUN_COLOURS.length + RUN_COLOURS.length) % RUN_COLOURS.length] as string;

/** A run whose loss grew to this many times its first value has exploded (diverged). */
export const EXPLODED = 10;

/** The first finite value of a series and its largest, or null when it has none. */
function span(points: readonly SeriesPoint[], log: boolean): { first: number; lo: number; hi: number } | null {
  let first = Number.NaN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (!Number.isFinite(p.y) || (log && p.y <= 0)) continue;
    if (Number.isNaN(first)) first = p.y;
    lo = Math.min(lo, p.y);
    hi = Math.max(hi, p.y);
  }
  return Number.isFinite(hi) ? { first, lo, hi } : null;
}

/** Whether a series exploded: its loss grew to EXPLODED times its first value (or beyond any number). */
export function hasExploded(points: readonly SeriesPoint[]): boolean {
  if (points.some((p) => p.y === Infinity)) return true;
  const s = span(points, false);
  return s !== null && s.first > 0 && s.hi > EXPLODED * s.first;
}

/**
 * The y domain of the loss axis over the shown series. Linear: from 0 to the largest value. Log: from the
 * smallest positive value to the largest (a log axis cannot show 0 or negatives); finite values only. An
 * exploded series does not stretch the axis (drawn clipped at its top and marked, lossChart.ts): after one run
 * that diverged to 100,000, the others keep an axis they can be read on. Only exploded runs: up to EXPLODED
 * times where they started.
 */
export function lossDomain(series: readonly (readonly SeriesPoint[])[], log: boolean): [number, number] {
  const spans = series.map((points) => ({ exploded: hasExploded(points), s: span(points, log) }));
  const calm = spans.filter((x) => !x.exploded && x.s !== null);
  const used = calm.length > 0 ? calm.map((x) => x.s!)
    : spans.flatMap((x) => (x.s ? [{ ...x.s, hi: Math.min(x.s.hi, EXPLODED * x.s.first) }] : []));
  if (used.length === 0) return log ? [0.01, 10] : [0, 1];
  const lo = Math.min(...used.map((x) => x.lo));
  const hi = Math.max(...used.map((x) => x.hi));
  if (!log) return [0, Math.max(hi, 0.1)];
  // At least one decade, so a nearly flat curve is not stretched into noise.
  return [lo, Math.max(hi, lo * 10)];
}

/** The first point of a series above `top` (where a clipped curve leaves the plot), or null. */
export function firstAbove(points: readonly SeriesPoint[], top: number): SeriesPoint | null {
  return points.find((p) => p.y > top || p.y === Infinity) ?? null;
}

/** Index of the point whose x is nearest to `x` (points sorted by x); -1 for no points. */
export function nearestIndex(points: readonly SeriesPoint[], x: number): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as SeriesPoint).x < x) lo = mid + 1;
    else hi = mid;
  }
  const prev = points[lo - 1];
  return prev && Math.abs(prev.x - x) <= Math.abs((points[lo] as SeriesPoint).x - x) ? lo - 1 : lo;
}

/** The batch index at which epoch `epoch` (from 1) ended. */
export const epochEndStep = (epoch: number, stepsPerEpoch: number): number => epoch * stepsPerEpoch;

/** Values a log axis can draw: points at or below 0 (or not finite) are left out rather than drawn at -Infinity. */
export const drawable = (points: readonly SeriesPoint[], log: boolean): SeriesPoint[] =>
  points.filter((p) => Number.isFinite(p.y) && (!log || p.y > 0));
