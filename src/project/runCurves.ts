// The curves a project keeps of its runs, bounded: at most MAX_RUNS runs (the oldest go first) of at most
// MAX_POINTS points each (longer curves are averaged into buckets along the steps, as the chart's series
// does), so a project that trains all term stays a few hundred kB. Pure: no store, no tfjs.
import type { EpochResult } from '../train/api/protocol';
import type { RunCurve, RunEpoch } from './types';

export const MAX_RUNS = 16;
export const MAX_POINTS = 1000;

/** Averages step, loss and accuracy in equal buckets down to at most `points` points; NaN losses stay NaN. */
export function downsampleCurve(curve: RunCurve, points = MAX_POINTS): RunCurve {
  const n = curve.step.length;
  if (n <= points) return curve;
  const step: number[] = [];
  const loss: number[] = [];
  const accuracy: number[] = [];
  const per = n / points;
  for (let b = 0; b < points; b++) {
    const from = Math.floor(b * per);
    const to = Math.min(n, Math.floor((b + 1) * per));
    if (to <= from) continue;
    step.push(mean(curve.step, from, to));
    loss.push(mean(curve.loss, from, to));
    accuracy.push(mean(curve.accuracy, from, to));
  }
  return { ...curve, step, loss, accuracy };
}

function mean(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum / (to - from);
}

/** The runs to keep: the newest MAX_RUNS, each within MAX_POINTS. */
export function boundRuns(runs: readonly RunCurve[]): RunCurve[] {
  return runs.slice(-MAX_RUNS).map((r) => downsampleCurve(r));
}

export function toRunEpoch(e: EpochResult): RunEpoch {
  const out: { -readonly [K in keyof RunEpoch]: RunEpoch[K] } = {
    epoch: e.epoch, testLoss: e.testLoss, testAccuracy: e.testAccuracy, imagesPerSecond: e.imagesPerSecond, seconds: e.seconds,
  };
  if (e.validationLoss !== undefined) out.validationLoss = e.validationLoss;
  if (e.validationAccuracy !== undefined) out.validationAccuracy = e.validationAccuracy;
  return out;
}

/** The epoch table's record of a saved epoch (files of version 1 did not keep speed and time: 0). */
export function toEpochResult(e: RunEpoch): EpochResult {
  const out: { -readonly [K in keyof EpochResult]: EpochResult[K] } = {
    epoch: e.epoch, testLoss: e.testLoss, testAccuracy: e.testAccuracy, imagesPerSecond: e.imagesPerSecond ?? 0, seconds: e.seconds ?? 0,
  };
  if (e.validationLoss !== undefined) out.validationLoss = e.validationLoss;
  if (e.validationAccuracy !== undefined) out.validationAccuracy = e.validationAccuracy;
  return out;
}
