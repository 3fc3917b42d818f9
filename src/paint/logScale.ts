// The y range of a log-scale chart: positive finite values only (a zero gradient cannot be drawn on a log
// axis), widened to whole decades so the axis reads 1e-6 ... 1e-2 rather than odd bounds.

export function logDomain(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return [1e-4, 1];
  const lower = Math.floor(Math.log10(lo));
  const upper = Math.ceil(Math.log10(hi));
  // Parsed, not 10 ** k: 10 ** -5 is 9.999999999999999e-6, an axis bound that prints badly.
  const decade = (k: number) => Number(`1e${k}`);
  return lower === upper ? [decade(lower - 1), decade(upper + 1)] : [decade(lower), decade(upper)];
}

/** Points of a series that a log axis can show: positive and finite. */
export function logPoints(xs: readonly number[], ys: readonly number[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const y = ys[i] as number;
    if (y > 0 && Number.isFinite(y)) out.push({ x: xs[i] as number, y });
  }
  return out;
}
