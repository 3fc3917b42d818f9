// Shared by the buildModel tests: the tfjs model must agree with the core's analysis on every block's
// output shape and on parameters, trainable and non-trainable, per block and in total.
import type * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { ModelAnalysis } from '../model/analysis';

const sizeOf = (weights: readonly tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce((a, b) => (a ?? 1) * (b ?? 1), 1)!, 0);

export function expectAgreement(model: tf.LayersModel, analysis: ModelAnalysis): void {
  expect(model.countParams()).toBe(analysis.totals.trainable + analysis.totals.nonTrainable);
  expect(sizeOf(model.trainableWeights)).toBe(analysis.totals.trainable);
  expect(sizeOf(model.nonTrainableWeights)).toBe(analysis.totals.nonTrainable);
  for (const block of analysis.blocks) {
    // A block's helper layers (explicit padding, a separate leaky ReLU) are named "<id>/...".
    const layers = model.layers.filter((l) => l.name === block.id || l.name.startsWith(`${block.id}/`));
    const last = layers[layers.length - 1];
    expect([block.id, last?.outputShape]).toEqual([block.id, [null, ...(block.outputShape ?? [])]]);
    const trainable = layers.reduce((n, l) => n + sizeOf(l.trainableWeights), 0);
    const nonTrainable = layers.reduce((n, l) => n + sizeOf(l.nonTrainableWeights), 0);
    expect([block.id, trainable, nonTrainable]).toEqual([block.id, block.params.trainable, block.params.nonTrainable]);
  }
}
