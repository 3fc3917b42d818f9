// A project with seeded weights of the right names and shapes, for the project tests.
import { analyzeModel } from '../model/analyze';
import { tinyCnn } from '../model/presets';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import { expectedWeights } from './expectedWeights';
import type { Project } from './types';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;

export function sampleProject(spec = tinyCnn(), withWeights = true): Project {
  const analysis = analyzeModel(spec, MNIST);
  let seed = 1;
  const weights = expectedWeights(spec, analysis, 10).map((w) => ({
    name: w.name, shape: w.shape,
    values: Float32Array.from({ length: w.shape.reduce((a, b) => a * b, 1) }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5),
  }));
  return {
    id: 'p1', name: '숫자 CNN, "첫" 시도', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_100_000,
    experiment: { spec, hyper: { ...DEFAULT_HYPER_PARAMS, learningRate: 0.003, epochs: 2 }, datasetId: 'mnist', validationFraction: 0.1 },
    dataShape: MNIST,
    weights: withWeights ? weights : null,
    runs: [
      { label: 'run 1', step: [1, 2, 3], loss: [2.3, Number.NaN, 1.1], accuracy: [0.1, 0.2, 0.5], epochs: [{ epoch: 1, testLoss: 0.4, testAccuracy: 0.91 }] },
      { label: 'latest', step: [1, 2, 3, 4], loss: [2.2, 1.4, 0.9, 0.7], accuracy: [0.2, 0.5, 0.7, 0.8], epochs: [
        { epoch: 1, testLoss: 0.6, testAccuracy: 0.85, imagesPerSecond: 2100.5, seconds: 1.5 },
        { epoch: 2, testLoss: 0.35, testAccuracy: 0.91, validationLoss: Number.NaN, validationAccuracy: 0.9, imagesPerSecond: 2200, seconds: 1.4 },
      ] },
    ],
    testAccuracy: 0.91,
    lessonProgress: { done: { '1:intro': true, '2:padding': true }, answers: { '2:padding': 1 } },
  };
}

