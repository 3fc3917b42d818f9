// Each optimizer on the cpu backend in Node: it learns, and a learning rate set between steps is the one
// the next step uses (tfjs caches it as a scalar for SGD and momentum, reads the field for the others).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, disposeOptimizer, optimizerLearningRate, setOptimizerLearningRate } from './optimizers';
import { OPTIMIZER_NAMES, type OptimizerName } from './api/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const RATES: Record<OptimizerName, number> = {
  sgd: 0.1, momentum: 0.05, nesterov: 0.05, adam: 0.05, rmsprop: 0.02, adadelta: 1, adagrad: 0.3,
};

/** Minimises |w - target|^2 for a few steps and returns w afterwards; disposes everything. */
function descend(opt: tf.Optimizer, steps: number, beforeStep?: (i: number) => void,
  dispose = (o: tf.Optimizer) => o.dispose()): number[] {
  const w = tf.tidy(() => tf.variable(tf.tensor1d([3, -2])));
  const target = tf.tensor1d([1, 1]);
  for (let i = 0; i < steps; i++) {
    beforeStep?.(i);
    tf.tidy(() => {
      opt.minimize(() => tf.sum(tf.square(tf.sub(w, target))) as tf.Scalar, false, [w]);
    });
  }
  const out = [...w.dataSync()];
  w.dispose();
  target.dispose();
  dispose(opt);
  return out;
}

const distance = (w: number[]) => Math.hypot(w[0]! - 1, w[1]! - 1);

describe('optimizers', () => {
  it.each(OPTIMIZER_NAMES)('%s moves the weights toward the minimum without leaking tensors', (name) => {
    const before = tf.memory().numTensors;
    const opt = createOptimizer(name, RATES[name], 0.9);
    const w = descend(opt, 30, undefined, disposeOptimizer);
    // Adadelta starts with steps of about sqrt(epsilon), so "toward" is all that can be asked of 30 steps.
    expect(distance(w)).toBeLessThan(distance([3, -2]) * (name === 'adadelta' ? 0.999 : 0.8));
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(OPTIMIZER_NAMES)('%s uses a learning rate changed between steps from the next step on', (name) => {
    // A rate set to 0 after step 2 freezes the weights: steps 3..6 change nothing.
    const opt = createOptimizer(name, RATES[name], 0.9);
    const frozen = descend(opt, 6, (i) => {
      if (i === 2) setOptimizerLearningRate(opt, 0);
    });
    const twoSteps = descend(createOptimizer(name, RATES[name], 0.9), 2);
    expect(frozen).toEqual(twoSteps);
    // And one made with rate a, then set to b, steps exactly like one made with b.
    const changed = createOptimizer(name, RATES[name] * 3, 0.9);
    setOptimizerLearningRate(changed, RATES[name]);
    expect(optimizerLearningRate(changed)).toBe(RATES[name]);
    expect(descend(changed, 5)).toEqual(descend(createOptimizer(name, RATES[name], 0.9), 5));
  });
});

describe('Adadelta', () => {
  it('takes a first step of about sqrt(epsilon) per unit gradient, not a full SGD step (as tfjs 4.22 does)', () => {
    const w = descend(createOptimizer('adadelta', 1, 0.9), 1);
    // gradient (4, -6); step = sqrt(1e-7) / sqrt(0.05 g^2 + 1e-7) * g ~ 1.41e-3 * sign(g)
    expect(w[0]).toBeCloseTo(3 - 1.414e-3, 5);
    expect(w[1]).toBeCloseTo(-2 + 1.414e-3, 5);
    const theirs = tf.train.adadelta(1, 0.95);
    expect(descend(theirs, 1)).toEqual([-1, 4]); // the bug it replaces: w - 1 * g
  });

  it('keeps going toward the minimum and saves and restores its slots', async () => {
    const opt = createOptimizer('adadelta', 1, 0.9);
    const w = tf.tidy(() => tf.variable(tf.tensor1d([3, -2])));
    const loss = () => tf.tidy(() => tf.sum(tf.square(tf.sub(w, tf.tensor1d([1, 1])))) as tf.Scalar);
    for (let i = 0; i < 200; i++) tf.tidy(() => void opt.minimize(loss, false, [w]));
    const weights = await opt.getWeights();
    expect(weights.map((x) => x.name)).toEqual(['iter', `${w.name}/accum_grad`, `${w.name}/accum_var`]);
    const copy = createOptimizer('adadelta', 1, 0.9);
    await copy.setWeights(weights);
    expect((await copy.getWeights()).slice(1).map((x) => [...x.tensor.dataSync()])).toEqual(weights.slice(1).map((x) => [...x.tensor.dataSync()]));
    expect(distance([...w.dataSync()])).toBeLessThan(distance([3, -2]) * 0.9);
    weights[0]!.tensor.dispose();
    w.dispose();
    opt.dispose();
    copy.dispose();
  });
});
