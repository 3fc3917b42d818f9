import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { lenet5Mnist } from '../model/presets';
import type { DataShape, ModelSpec } from '../model/spec';
import { panelCosts, summaryText } from './modelCosts';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

describe('panelCosts', () => {
  it('gives LeNet-5 conv1 its multiply-adds, output memory and 5x5 receptive field', () => {
    const spec = lenet5Mnist();
    const costs = panelCosts(spec, analyzeModel(spec, MNIST), MNIST);
    const conv1 = costs.blocks.get(spec.blocks[1]?.id ?? '');
    expect(conv1).toEqual({ multiplyAdds: 28 * 28 * 6 * 5 * 5 * 1, activationBytes: 28 * 28 * 6 * 4, receptiveField: [5, 5], wholeInput: false });
    const sum = [...costs.blocks.values()].reduce((n, c) => n + (c.multiplyAdds ?? 0), 0);
    expect(costs.totals.multiplyAdds).toBe(sum);
  });

  it('shows nothing (not zero) for blocks the analysis could not compute', () => {
    const spec: ModelSpec = { blocks: [
      { id: 'in', kind: 'input', inputs: [] },
      { id: 'c', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 99, stride: 1, padding: 'valid' },
      { id: 'out', kind: 'softmax', inputs: ['c'] },
    ] };
    const costs = panelCosts(spec, analyzeModel(spec, MNIST), MNIST);
    expect(costs.blocks.get('c')).toMatchObject({ multiplyAdds: null, activationBytes: null, receptiveField: null });
  });
});

describe('summaryText', () => {
  it('is the Keras-style table, with a multiply-adds column only when costs are given', () => {
    const spec = lenet5Mnist();
    const analysis = analyzeModel(spec, MNIST);
    const plain = summaryText(spec, analysis, null);
    expect(plain).toContain('Total params: 61,706');
    expect(plain).not.toContain('Mult-Adds');
    const withCosts = summaryText(spec, analysis, panelCosts(spec, analysis, MNIST).model);
    expect(withCosts).toContain('Mult-Adds');
  });
});
