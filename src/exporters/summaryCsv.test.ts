import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { lenet5Mnist } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { summaryCsv } from './summaryCsv';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;

describe('summaryCsv', () => {
  it('lists every block of LeNet-5 with shapes and parameters, and the totals', () => {
    const lines = summaryCsv(analyzeModel(lenet5Mnist(), MNIST)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('block,kind,output shape,trainable parameters,non-trainable parameters');
    expect(lines[2]).toBe('conv1,conv2d,28x28x6,156,0');
    expect(lines[lines.length - 1]).toBe('total,,10,61706,0');
    expect(lines).toHaveLength(1 + lenet5Mnist().blocks.length + 1);
  });

  it('quotes ids a spreadsheet would misread (commas, quotes, formulas)', () => {
    const spec: ModelSpec = { blocks: [
      { kind: 'input', id: 'in,put', inputs: [] },
      { kind: 'flatten', id: '=HYPERLINK("x")', inputs: ['in,put'] },
      { kind: 'softmax', id: 'out', inputs: ['=HYPERLINK("x")'] },
    ] };
    const csv = summaryCsv(analyzeModel(spec, MNIST));
    expect(csv).toContain('"in,put",input');
    expect(csv).toContain('"=HYPERLINK(""x"")",flatten');
  });
});
