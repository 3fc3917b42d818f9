// The pacer on a fake clock: work advances the clock by its cost, a rest advances it by what it sleeps.
import { describe, expect, it } from 'vitest';
import { createPacer, JOB_BUDGET } from './pacer';

function fakeClock() {
  const clock = { t: 0, sleeps: [] as number[], now: () => clock.t, sleep: async (ms: number) => {
    clock.sleeps.push(ms);
    clock.t += ms;
  } };
  return clock;
}

/** Runs `total` items costing `costOf(i)` ms each through the pacer; returns each slice's items, start and end. */
async function runJob(total: number, costOf: (i: number) => number, training: () => boolean, most = 128) {
  const clock = fakeClock();
  const pacer = createPacer(clock, training);
  const slices: { items: number; start: number; end: number }[] = [];
  for (let done = 0; done < total;) {
    const n = Math.min(pacer.size(most), total - done);
    const start = clock.t;
    for (let i = 0; i < n; i++) clock.t += costOf(done + i);
    slices.push({ items: n, start, end: clock.t });
    done += n;
    await pacer.rest(n);
  }
  return { slices, clock };
}

describe('understanding job pacer', () => {
  it('while training, splits a long job into slices no longer than the slice budget, using at most its share of the time', async () => {
    // 2,000 items of 0.5 ms each: 1 s of work, 125 times the 8 ms slice.
    const { slices, clock } = await runJob(2000, () => 0.5, () => true);
    expect(slices.reduce((s, x) => s + x.items, 0)).toBe(2000);
    for (const s of slices) expect(s.end - s.start).toBeLessThanOrEqual(JOB_BUDGET.sliceMs);
    expect(slices.length).toBeGreaterThanOrEqual(125);
    // Slices after the first measured one fill the budget: 16 items of 0.5 ms.
    expect(slices[1]?.items).toBe(16);
    const work = slices.reduce((s, x) => s + x.end - x.start, 0);
    expect(work / clock.t).toBeLessThanOrEqual(JOB_BUDGET.share + 1e-9);
    expect(work / clock.t).toBeGreaterThan(JOB_BUDGET.share * 0.9);
  });

  it('follows a cost that changes on the way (a slow first item, then fast ones, then slow ones)', async () => {
    const cost = (i: number) => (i === 0 ? 30 : i < 500 ? 0.25 : 2);
    const { slices } = await runJob(800, cost, () => true);
    // Overruns: the first item alone (it cannot be split), then the slice where the cost rose eightfold and
    // the one after it (sized by a mix of cheap and dear items); from then on every slice fits again.
    const over = slices.flatMap((s, i) => (s.end - s.start > JOB_BUDGET.sliceMs ? [i] : []));
    expect(over.length).toBeLessThanOrEqual(3);
    expect(slices[0]?.items).toBe(1);
    expect(slices.slice((over.at(-1) ?? 0) + 1).every((s) => s.end - s.start <= JOB_BUDGET.sliceMs)).toBe(true);
    expect(slices.length - (over.at(-1) ?? 0)).toBeGreaterThan(50);
    expect(slices.at(-2)?.items).toBe(4); // 8 ms / 2 ms (the last slice takes what is left)
  });

  it('keeps the share even when one item alone is longer than a slice', async () => {
    const { slices, clock } = await runJob(5, () => 40, () => true);
    expect(slices.map((s) => s.items)).toEqual([1, 1, 1, 1, 1]);
    const work = slices.reduce((s, x) => s + x.end - x.start, 0);
    expect(work / clock.t).toBeLessThanOrEqual(JOB_BUDGET.share + 1e-9);
  });

  it('while paused or after the run, takes whole batches and only yields between them', async () => {
    const { slices, clock } = await runJob(1000, () => 0.5, () => false);
    expect(slices.map((s) => s.items)).toEqual([128, 128, 128, 128, 128, 128, 128, 104]);
    expect(clock.sleeps.every((ms) => ms === 0)).toBe(true);
  });

  it('stops resting as soon as training pauses', async () => {
    const clock = fakeClock();
    let training = true;
    const pacer = createPacer(clock, () => training);
    clock.t += 100; // a 100 ms item: a 2.4 s rest is owed
    const sleep = clock.sleep;
    clock.sleep = async (ms) => {
      await sleep(ms);
      if (clock.t >= 300) training = false;
    };
    await pacer.rest(1);
    expect(clock.t).toBeLessThan(400);
  });
});
