// Learning-rate schedules as pure functions of where the run is: the engine asks for the rate before
// every batch, so a base rate changed mid-run (set-lr) keeps the schedule's shape from that batch on.
import type { LrSchedule } from './protocol';

/**
 * Where a batch sits in the run; steps and epochs count from 1. By epoch rather than by global step, since
 * the training split can grow between epochs (a dataset still streaming in): each epoch is one
 * 1/epochs of the run, whatever its number of batches.
 */
export interface RunPosition {
  readonly epoch: number;
  readonly epochs: number;
  readonly stepInEpoch: number;
  readonly stepsInEpoch: number;
}

/** The factor the schedule applies to the base learning rate at this batch (1 at the start). */
export function scheduleFactor(schedule: LrSchedule, at: RunPosition): number {
  switch (schedule.kind) {
    case 'constant':
      return 1;
    case 'step':
      return schedule.factor ** Math.floor((at.epoch - 1) / schedule.everyEpochs);
    case 'cosine': {
      // Step 1 gets the full rate and the last step the minimum, as in SGDR without restarts.
      const total = at.epochs * at.stepsInEpoch;
      const index = (at.epoch - 1) * at.stepsInEpoch + (at.stepInEpoch - 1);
      const progress = total > 1 ? Math.min(1, index / (total - 1)) : 0;
      return schedule.minFactor + (1 - schedule.minFactor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}

export function learningRateAt(base: number, schedule: LrSchedule, at: RunPosition): number {
  return base * scheduleFactor(schedule, at);
}

/** Problems with a schedule, in words (empty when it is fine). */
export function scheduleProblems(schedule: LrSchedule): string[] {
  switch (schedule.kind) {
    case 'constant':
      return [];
    case 'step': {
      const out: string[] = [];
      if (!Number.isInteger(schedule.everyEpochs) || schedule.everyEpochs < 1) {
        out.push(`the step schedule's interval must be a whole number of epochs >= 1 (got ${schedule.everyEpochs})`);
      }
      if (!(schedule.factor > 0 && schedule.factor <= 1)) out.push(`the step schedule's factor must be in (0, 1] (got ${schedule.factor})`);
      return out;
    }
    case 'cosine':
      return schedule.minFactor >= 0 && schedule.minFactor <= 1 ? []
        : [`the cosine schedule's minimum factor must be in [0, 1] (got ${schedule.minFactor})`];
    default:
      return [`unknown learning-rate schedule '${String((schedule as { kind: unknown }).kind)}'`];
  }
}
