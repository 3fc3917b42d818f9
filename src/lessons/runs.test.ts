// The checks that read a run's result, on real runs: the app's store, run controller, training client and
// engine, in-process on the cpu backend with a synthetic 28x28 dataset (testRig.ts). Side-by-side runs go
// through the same compare runner as the page.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activation, chain, conv2d, dense, flatten, input, maxPool2d, softmax, tinyCnn } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import type { HyperParams } from '../train/api/protocol';
import { createCompareRunner, differingSettings } from '../views/compare/compareRunner';
import { firstToLastGradient } from './checks';
import { LESSONS } from './index';
import { deepRelu, deepSigmoid } from './lesson4';
import { BN_RATE, deepSigmoidNet, OVERFIT } from './lesson5';
import { createRig } from './testRig';
import type { LessonResults } from './types';
import type { AppState } from '../store/appStore';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const stepOf = (lesson: number, id: string) => LESSONS.find((l) => l.id === lesson)!.steps.find((s) => s.id === id)!;
const check = (lesson: number, id: string, state: AppState, results: LessonResults = state.lessonResults) =>
  stepOf(lesson, id).check({ state, results });

const HYPER: HyperParams = { ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 1, seed: 3 };
// Small enough to train in a second or two on the cpu backend of a busy machine.
const twoConv = (): ModelSpec => chain(input(), conv2d(2, 3, { padding: 'same' }), activation('relu'), maxPool2d(2),
  conv2d(2, 3, { padding: 'same' }), activation('relu'), maxPool2d(2), flatten(), softmax());
const oneConv = (): ModelSpec => chain(input(), conv2d(2, 3, { padding: 'same' }), activation('relu'), maxPool2d(2), flatten(), softmax());
const mlp = (...extra: ModelSpec['blocks'][number][]): ModelSpec =>
  chain(input(), flatten(), dense(16), activation('relu'), ...(extra as never[]), softmax());
const mlpBn = (): ModelSpec => chain(input(), flatten(), dense(16), { kind: 'batchnorm' }, activation('relu'), softmax());

let rig: ReturnType<typeof createRig> | null = null;
afterEach(() => {
  rig?.dispose();
  rig = null;
});
const setup = (spec: ModelSpec, hyper: Partial<HyperParams> = {}) => {
  rig = createRig();
  rig.store.getState().setSpec(spec);
  rig.store.getState().setHyper({ ...HYPER, ...hyper });
  return rig;
};

describe('checks on real runs', () => {
  it('3.train: a finished two-convolution run above 98% passes; a one-convolution run does not', async () => {
    const r = setup(twoConv(), { epochs: 3, learningRate: 0.05 });
    const s = await r.train();
    expect(s.phase).toBe('done');
    expect(s.epochs.at(-1)!.testAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(s.lessonResults.run?.spec.blocks.filter((b) => b.kind === 'conv2d')).toHaveLength(2);
    expect(check(3, 'train', s)).toBe(true);
    // The same accuracy from a network that is not LeNet-like does not count.
    r.store.getState().setSpec(oneConv());
    const one = await r.train();
    expect(one.epochs.at(-1)!.testAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(check(3, 'train', one)).toBe(false);
  });

  it('3.curves: needs a validation split reported by the run', async () => {
    const r = setup(mlp(), { epochs: 2 });
    r.store.getState().setValidationFraction(0);
    expect(check(3, 'curves', await r.train())).toBe(false);
    r.store.getState().setValidationFraction(0.25);
    const s = await r.train();
    expect(s.epochs.at(-1)!.validationAccuracy).toBeDefined();
    expect(check(3, 'curves', s)).toBe(true);
  });

  it('4.sigmoid: the deep sigmoid network\'s first layer gets over 100x less gradient than its last', async () => {
    const r = setup(deepSigmoid(), { optimizer: 'sgd', learningRate: 0.1 });
    const s = await r.train();
    const ratio = firstToLastGradient(s.lessonResults.gradients);
    expect(ratio).not.toBeNull();
    expect(ratio!).toBeLessThan(0.01);
    expect(check(4, 'sigmoid', s)).toBe(true);
    // The ReLU network with He init passes its gradient through: the same check fails. (A fresh engine, so
    // its first gradient probe is not held back by the previous run's probe cadence.)
    r.dispose();
    const r2 = setup(deepRelu(), { optimizer: 'sgd', learningRate: 0.1 });
    const relu = await r2.train();
    expect(firstToLastGradient(relu.lessonResults.gradients)!).toBeGreaterThan(0.1);
    expect(check(4, 'sigmoid', relu)).toBe(false);
  });

  it('4.relu: sigmoid against ReLU side by side, in order, same seed, with gradients and curves', async () => {
    const r = setup(deepSigmoid(), { optimizer: 'sgd', learningRate: 0.1, epochs: 2 });
    const runner = createCompareRunner(r.store, r.run, r.series);
    const base = r.store.getState().hyper;
    const runs = await runner.run([
      { label: 'sigmoid', spec: deepSigmoid(), hyper: base },
      { label: 'relu', spec: deepRelu(), hyper: base },
    ]);
    expect(runs.map((x) => [x.label, x.phase])).toEqual([['sigmoid', 'done'], ['relu', 'done']]);
    expect(runs.every((x) => x.curve.length > 0 && x.gradients !== null && x.hyper.seed === 3)).toBe(true);
    expect(differingSettings(runs)).toEqual(['network']);
    const s = r.store.getState();
    expect(s.compareProgress).toBeNull();
    expect(s.lessonResults.compare).toHaveLength(2);
    expect(check(4, 'relu', s)).toBe(true);
    // Half a comparison (only the sigmoid run) is not done.
    expect(check(4, 'relu', s, { ...s.lessonResults, compare: s.lessonResults.compare.slice(0, 1) })).toBe(false);
  });

  it('5.batchNorm and 6.optimizers: comparisons of the settings they name', async () => {
    const r = setup(deepSigmoidNet(false), { optimizer: 'sgd', learningRate: BN_RATE });
    const runner = createCompareRunner(r.store, r.run, r.series);
    const base = r.store.getState().hyper;
    await runner.run([
      { label: 'plain', spec: deepSigmoidNet(false), hyper: base },
      { label: 'bn', spec: deepSigmoidNet(true), hyper: base },
    ]);
    expect(check(5, 'batchNorm', r.store.getState())).toBe(true);
    expect(check(6, 'optimizers', r.store.getState())).toBe(false);
    const runs = await runner.run((['sgd', 'momentum', 'adam'] as const).map((optimizer) =>
      ({ label: optimizer, spec: mlpBn(), hyper: { ...base, optimizer, learningRate: optimizer === 'adam' ? 0.001 : 0.01 } })));
    expect(differingSettings(runs)).toEqual(['optimizer', 'learningRate']);
    expect(check(6, 'optimizers', r.store.getState())).toBe(true);
    expect(check(5, 'batchNorm', r.store.getState())).toBe(false);
  });

  it('5.dropout: a run of the step\'s length on small MNIST with dropout, validated every epoch', async () => {
    const r = setup(mlp(), { epochs: OVERFIT.epochs });
    r.store.getState().selectDataset('mnist-small');
    r.store.getState().setValidationFraction(OVERFIT.validationFraction);
    expect(check(5, 'dropout', await r.train())).toBe(false); // no dropout
    r.store.getState().setSpec(mlp({ id: 'drop', kind: 'dropout', rate: 0.5, inputs: [] }));
    const s = await r.train();
    expect(s.epochs).toHaveLength(OVERFIT.epochs);
    expect(check(5, 'dropout', s)).toBe(true);
    // Too short a run to overfit, or on the whole of MNIST, does not show what the step asks for.
    r.store.getState().setHyper({ epochs: 3 });
    expect(check(5, 'dropout', await r.train())).toBe(false);
    r.store.getState().setHyper({ epochs: OVERFIT.epochs });
    r.store.getState().selectDataset('mnist');
    expect(check(5, 'dropout', await r.train())).toBe(false);
  });

  it('6.tooHigh and 6.tooLow: a rate that diverges stops the run; a tiny one finishes having learned little', async () => {
    const r = setup(tinyCnn(), { optimizer: 'sgd', learningRate: 0.05 });
    const fine = await r.train();
    expect(check(6, 'tooHigh', fine)).toBe(false);
    expect(check(6, 'tooLow', fine)).toBe(false);
    // A rate so large that the weights overflow: the loss turns NaN and the guard stops the run.
    r.store.getState().setHyper({ learningRate: 1e30, epochs: 2 });
    const high = await r.train();
    expect(high.divergence).not.toBeNull();
    expect(check(6, 'tooHigh', high)).toBe(true);
    r.store.getState().setHyper({ learningRate: 1e-6, epochs: 1 });
    const low = await r.train();
    expect(check(6, 'tooLow', low)).toBe(true);
    expect(low.epochs.at(-1)!.testAccuracy).toBeLessThan(fine.epochs.at(-1)!.testAccuracy);
  });
});
