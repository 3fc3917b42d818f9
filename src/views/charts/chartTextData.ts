/** At most `n` points spread evenly over `points`, always keeping the last one (the chart's latest value). */
export function evenlySpaced<T>(points: readonly T[], n: number): T[] {
  if (points.length <= n) return [...points];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(points[Math.round((i * (points.length - 1)) / (n - 1))]!);
  return out;
}
