import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER_PARAMS, hyperParamProblems } from './hyper';
import type { LrSchedule } from './protocol';
import { learningRateAt, scheduleFactor, scheduleProblems } from './schedules';

/** Position of global step `step` in a run of `total` steps made of `epochs` equal epochs. */
const at = (step: number, epoch: number, total = 100, epochs = 1) => {
  const stepsInEpoch = total / epochs;
  return { epoch, epochs, stepInEpoch: step - (epoch - 1) * stepsInEpoch, stepsInEpoch };
};

describe('learning-rate schedules', () => {
  it('constant keeps the base rate', () => {
    expect(learningRateAt(0.01, { kind: 'constant' }, at(57, 3))).toBe(0.01);
  });

  it('step multiplies by the factor every N epochs', () => {
    const s: LrSchedule = { kind: 'step', everyEpochs: 2, factor: 0.5 };
    expect([1, 2, 3, 4, 5, 6, 7].map((epoch) => scheduleFactor(s, at(epoch * 10, epoch, 70, 7))))
      .toEqual([1, 1, 0.5, 0.5, 0.25, 0.25, 0.125]);
    expect(learningRateAt(0.1, { kind: 'step', everyEpochs: 1, factor: 0.1 }, at(21, 3, 30, 3))).toBeCloseTo(0.001, 12);
  });

  it('cosine starts at the full rate, halves at mid-run, ends at the minimum, and only falls', () => {
    const s: LrSchedule = { kind: 'cosine', minFactor: 0.1 };
    expect(scheduleFactor(s, at(1, 1, 101))).toBe(1);
    expect(scheduleFactor(s, at(51, 1, 101))).toBeCloseTo(0.55, 12);
    expect(scheduleFactor(s, at(101, 1, 101))).toBeCloseTo(0.1, 12);
    expect(scheduleFactor({ kind: 'cosine', minFactor: 0 }, at(101, 1, 101))).toBeCloseTo(0, 12);
    const factors = Array.from({ length: 101 }, (_, i) => scheduleFactor(s, at(i + 1, 1, 101)));
    expect(factors.every((f, i) => i === 0 || f <= factors[i - 1]!)).toBe(true);
    // A one-step run, and steps past the planned end, stay within [min, 1].
    expect(scheduleFactor(s, at(1, 1, 1))).toBe(1);
    expect(scheduleFactor(s, { epoch: 9, epochs: 3, stepInEpoch: 1, stepsInEpoch: 10 })).toBeCloseTo(0.1, 12);
  });

  it('cosine follows the epochs when they differ in length (a training split that grows between epochs)', () => {
    const s: LrSchedule = { kind: 'cosine', minFactor: 0 };
    // Epoch 1 of 2 had 10 batches, epoch 2 has 30: the start of epoch 2 is at half the run either way.
    expect(scheduleFactor(s, { epoch: 2, epochs: 2, stepInEpoch: 1, stepsInEpoch: 30 })).toBeCloseTo(0.5 * (1 + Math.cos(Math.PI * 30 / 59)), 12);
    expect(scheduleFactor(s, { epoch: 2, epochs: 2, stepInEpoch: 30, stepsInEpoch: 30 })).toBeCloseTo(0, 12);
  });

  it('applies to whatever base rate is current (a rate changed mid-run keeps the shape)', () => {
    const s: LrSchedule = { kind: 'cosine', minFactor: 0 };
    expect(learningRateAt(0.2, s, at(51, 1, 101)) / learningRateAt(0.1, s, at(51, 1, 101))).toBeCloseTo(2, 12);
  });

  it('names what is wrong with a schedule', () => {
    expect(scheduleProblems({ kind: 'step', everyEpochs: 0, factor: 0.5 })[0]).toMatch(/interval/);
    expect(scheduleProblems({ kind: 'step', everyEpochs: 1, factor: 1.5 })[0]).toMatch(/factor/);
    expect(scheduleProblems({ kind: 'cosine', minFactor: -0.1 })[0]).toMatch(/minimum/);
    expect(scheduleProblems({ kind: 'warp' } as unknown as LrSchedule)[0]).toMatch(/unknown/);
    expect(scheduleProblems({ kind: 'step', everyEpochs: 3, factor: 0.1 })).toEqual([]);
  });
});

describe('hyperParamProblems', () => {
  it('accepts the defaults', () => {
    expect(hyperParamProblems(DEFAULT_HYPER_PARAMS)).toEqual([]);
  });

  it('lists every bad field', () => {
    const problems = hyperParamProblems({
      ...DEFAULT_HYPER_PARAMS, optimizer: 'lion' as never, momentum: 1, weightDecay: -1, seed: 0.5,
      augmentation: { flip: true, shift: 99 }, schedule: { kind: 'cosine', minFactor: 2 },
    });
    expect(problems.join('\n')).toMatch(/optimizer 'lion'[\s\S]*momentum[\s\S]*weight decay[\s\S]*seed[\s\S]*cosine[\s\S]*shift/);
  });

  it("refuses the detector's loss weights outside 0 to 20, naming each", () => {
    expect(hyperParamProblems({ ...DEFAULT_HYPER_PARAMS, boxLoss: { coord: 0, noObject: 20 } })).toEqual([]);
    const problems = hyperParamProblems({ ...DEFAULT_HYPER_PARAMS, boxLoss: { coord: 21, noObject: Number.NaN } });
    expect(problems).toEqual([
      'the box loss weight (lambda_coord) must be from 0 to 20 (got 21)',
      'the empty-cell weight (lambda_noobj) must be from 0 to 20 (got NaN)',
    ]);
  });
});
