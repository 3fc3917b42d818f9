import type { SeriesPoint } from '../../metrics/series';

/** Averages points into at most `buckets` groups along x, so a path stays cheap however long the run. */
export function downsample(points: readonly SeriesPoint[], buckets: number): SeriesPoint[] {
  if (points.length <= buckets || buckets < 1) return points.slice();
  const out: SeriesPoint[] = [];
  const per = points.length / buckets;
  for (let b = 0; b < buckets; b += 1) {
    const from = Math.floor(b * per);
    const to = Math.min(points.length, Math.floor((b + 1) * per));
    let sx = 0;
    let sy = 0;
    for (let i = from; i < to; i += 1) {
      sx += (points[i] as SeriesPoint).x;
      sy += (points[i] as SeriesPoint).y;
    }
    const n = to - from;
    if (n > 0) out.push({ x: sx / n, y: sy / n });
  }
  return out;
}

/**
 * The points a step curve (each value held until the next point) needs: the first of each run of equal values,
 * and the last point, where the curve ends. A constant or stepped learning rate, logged every batch, draws the
 * same line from a handful of points.
 */
export function stepChanges(points: readonly SeriesPoint[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const p of points) if (out.at(-1)?.y !== p.y) out.push(p);
  const last = points.at(-1);
  if (last && out.at(-1) !== last) out.push(last);
  return out;
}
