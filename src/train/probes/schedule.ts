// When to take a probe: at most a given rate, and never more than a share of the wall time, measured from
// what the probes actually cost. Pure, so the policy is tested without tfjs or clocks.

export interface Cadence {
  /** Shortest interval between two probes, ms (1000 / the rate the views want). */
  readonly minIntervalMs: number;
  /** Largest share of wall time the probes may take, e.g. 0.08. */
  readonly budget: number;
  readonly lastAt: number;
  /** Smoothed cost of one probe, ms. */
  readonly costMs: number;
}

export function createCadence(minIntervalMs: number, budget: number): Cadence {
  if (!(minIntervalMs >= 0) || !(budget > 0 && budget <= 1)) {
    throw new Error(`createCadence: bad interval ${minIntervalMs} or budget ${budget}`);
  }
  return { minIntervalMs, budget, lastAt: -Infinity, costMs: 0 };
}

/** The interval the cadence keeps now: a probe costing c ms every I ms takes c / I of the time. */
export function intervalMs(c: Cadence): number {
  return Math.max(c.minIntervalMs, c.costMs / c.budget);
}

export function isDue(c: Cadence, now: number): boolean {
  return now - c.lastAt >= intervalMs(c);
}

/** The cadence after a probe started at `startedAt` that took `costMs`. */
export function recordProbe(c: Cadence, startedAt: number, costMs: number): Cadence {
  // The first measurement counts fully (warm-up can be slow, and that must throttle at once); later ones
  // are smoothed so one slow probe (a GC, a tab switch) does not halve the rate for long.
  const cost = c.lastAt === -Infinity ? costMs : 0.7 * c.costMs + 0.3 * costMs;
  return { ...c, lastAt: startedAt, costMs: cost };
}

export function withRate(c: Cadence, perSecond: number): Cadence {
  const rate = Number.isFinite(perSecond) && perSecond > 0 ? Math.min(perSecond, 30) : 5;
  return { ...c, minIntervalMs: 1000 / rate };
}
