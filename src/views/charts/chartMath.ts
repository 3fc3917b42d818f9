// Pure helpers of the training curves (tested without a DOM): y domains for linear and log scales, the
// nearest point to the pointer, where an epoch ends on the batch axis, and one colour per run.
import type { SeriesPoint } from '../../metrics/series';

/** Distinct colours for overlaid runs (Tableau 10), the current run first. */
export const RUN_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'] as const;

export const runColour = (runNumber: number): string =>
  RUN_COLOURS[((runNumber - 1) % RUN_COLOURS.length + RUN_COLOURS.length) % RUN_COLOURS.length] as string;

/**
 * The y domain of the loss axis over every shown series. Linear: from 0 to the largest value. Log: from
 * the smallest positive value to the largest (a log axis cannot show 0 or negatives); finite values only.
 */
export function lossDomain(series: readonly (readonly SeriesPoint[])[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const points of series) {
    for (const p of points) {
      if (!Number.isFinite(p.y) || (log && p.y <= 0)) continue;
      lo = Math.min(lo, p.y);
      hi = Math.max(hi, p.y);
    }
  }
  if (!Number.isFinite(hi)) return log ? [0.01, 10] : [0, 1];
  if (!log) return [0, Math.max(hi, 0.1)];
  // At least one decade, so a nearly flat curve is not stretched into noise.
  const top = Math.max(hi, lo * 10);
  return [lo, top];
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
