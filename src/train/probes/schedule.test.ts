import { describe, expect, it } from 'vitest';
import { createCadence, intervalMs, isDue, recordProbe, withRate } from './schedule';

describe('probe cadence', () => {
  it('is due at once, then not before the minimum interval', () => {
    let c = createCadence(200, 0.1);
    expect(isDue(c, 0)).toBe(true);
    c = recordProbe(c, 0, 5);
    expect(isDue(c, 199)).toBe(false);
    expect(isDue(c, 200)).toBe(true);
  });

  it('slows down so that probes take no more than the budget share of wall time', () => {
    // A 50 ms probe at a 10% budget: one every 500 ms, though 5 per second were asked for.
    const c = recordProbe(createCadence(200, 0.1), 0, 50);
    expect(intervalMs(c)).toBe(500);
    expect(isDue(c, 499)).toBe(false);
    expect(isDue(c, 500)).toBe(true);
  });

  it('smooths later costs so one slow probe does not stall the rate for long', () => {
    let c = recordProbe(createCadence(200, 0.1), 0, 10);
    c = recordProbe(c, 500, 110);
    expect(c.costMs).toBeCloseTo(0.7 * 10 + 0.3 * 110);
  });

  it('takes a rate from the views, and ignores nonsense', () => {
    const c = createCadence(200, 0.1);
    expect(withRate(c, 4).minIntervalMs).toBe(250);
    expect(withRate(c, 0).minIntervalMs).toBe(200);
    expect(withRate(c, Number.NaN).minIntervalMs).toBe(200);
    expect(withRate(c, 1000).minIntervalMs).toBeCloseTo(1000 / 30);
    expect(() => createCadence(100, 0)).toThrow(/budget/);
  });
});
