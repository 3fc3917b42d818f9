// The seven optimizers of the training panel, and changing their learning rate between batches.
// tfjs reads `learningRate` afresh in every applyGradients for Adam, RMSProp, Adadelta and Adagrad; SGD and
// momentum (a subclass of SGD) keep it as a cached scalar, which only setLearningRate rebuilds
// (checked against @tensorflow/tfjs-core 4.22's optimizers; optimizers.test.ts holds both paths to it).
import * as tf from '@tensorflow/tfjs';
import { AdadeltaOptimizer } from './adadelta';
import type { HyperParams, OptimizerName } from './api/protocol';

export function createOptimizer(name: OptimizerName, learningRate: number, momentum: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, momentum, false);
    case 'nesterov':
      return tf.train.momentum(learningRate, momentum, true);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      // Keras's defaults (rho 0.9, no momentum): the momentum field is for the SGD family.
      return tf.train.rmsprop(learningRate, 0.9);
    case 'adadelta':
      // Keras's rho 0.95; Adadelta is meant to run with a rate of about 1. Ours, not tfjs's: see adadelta.ts.
      return new AdadeltaOptimizer(learningRate, 0.95);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
  }
}

export function createOptimizerFor(hyper: HyperParams): tf.Optimizer {
  return createOptimizer(hyper.optimizer, hyper.learningRate, hyper.momentum);
}

interface WithRate {
  learningRate: number;
  setLearningRate?: (rate: number) => void;
}

/** Sets the rate the next applyGradients uses. */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const target = optimizer as unknown as WithRate;
  if (target.learningRate === rate) return;
  if (typeof target.setLearningRate === 'function') target.setLearningRate(rate);
  else target.learningRate = rate;
}

/**
 * Disposes an optimizer and its slots. tfjs 4.22's MomentumOptimizer.dispose forgets the learning-rate
 * scalar its SGD parent keeps, one tensor leaked per run (optimizers.test.ts catches it).
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) {
    const rate = (optimizer as unknown as { c?: tf.Tensor }).c;
    if (rate && !rate.isDisposed) rate.dispose();
  }
}

export function optimizerLearningRate(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as WithRate).learningRate;
}
