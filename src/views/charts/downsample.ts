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
