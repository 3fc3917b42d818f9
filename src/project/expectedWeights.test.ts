// The weights worked out from the spec alone must be exactly those TensorFlow.js builds, for every
// trainable preset (names and shapes), so project files are checked against the real thing.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { buildModel } from '../train/buildModel';
import { exportCases } from '../train/exportChecks/exportFixtures';
import { expectedWeights, weightsMismatch } from './expectedWeights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('expectedWeights', () => {
  for (const { id, spec, data } of exportCases()) {
    it(`${id}: names and shapes equal the tfjs model's`, () => {
      const model = buildModel(spec, data, 1).model;
      const actual = model.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[] }));
      model.dispose();
      const expected = expectedWeights(spec, analyzeModel(spec, data), data.numClasses);
      const byName = (l: { name: string }[]) => [...l].sort((a, b) => a.name.localeCompare(b.name));
      expect(byName(expected)).toEqual(byName(actual));
      expect(weightsMismatch(expected, actual)).toBeNull();
    });
  }

  it('names the first difference', () => {
    const e = [{ name: 'c/kernel', shape: [3, 3, 1, 4] }, { name: 'c/bias', shape: [4] }];
    expect(weightsMismatch(e, [e[0]!])).toBe('c/bias is missing');
    expect(weightsMismatch(e, [e[0]!, { name: 'c/bias', shape: [5] }])).toBe('c/bias has shape [5], the network needs [4]');
    expect(weightsMismatch(e, [...e, { name: 'x/kernel', shape: [1] }])).toBe('x/kernel belongs to no block of the network');
    expect(weightsMismatch(e, [...e, e[1]!])).toBe('a weight name appears twice');
  });
});
