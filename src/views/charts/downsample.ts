import { columnsOf, type Columns, type SeriesPoint } from '../../metrics/series';

/** Averages points into at most `buckets` groups along x, so a path stays cheap however long the run. */
export function downsample(points: readonly SeriesPoint[], buckets: number): SeriesPoint[] {
  if (points.length <= buckets || buckets < 1) return points.slice();
  return downsampleColumns(columnsOf(points), buckets);
}

/**
 * downsample for points held as columns (a live series' storage): one pass, and an object per bucket, not
 * per point. Bucket b holds the points from floor(b * n / buckets) up to the next bucket's first.
 */
export function downsampleColumns(points: Columns, buckets: number): SeriesPoint[] {
  const { x, y } = points;
  const n = x.length;
  const out: SeriesPoint[] = [];
  if (n <= buckets || buckets < 1) {
    for (let i = 0; i < n; i += 1) out.push({ x: x[i] as number, y: y[i] as number });
    return out;
  }
  const per = n / buckets;
  for (let b = 0; b < buckets; b += 1) {
    const from = Math.floor(b * per);
    const to = Math.min(n, Math.floor((b + 1) * per));
    let sx = 0;
    let sy = 0;
    for (let i = from; i < to; i += 1) {
      sx += x[i] as number;
      sy += y[i] as number;
    }
    if (to > from) out.push({ x: sx / (to - from), y: sy / (to - from) });
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
