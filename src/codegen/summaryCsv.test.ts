import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { lenet5Mnist } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { csvCell, summaryCsv } from './summaryCsv';

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
    expect(csv).toContain('"\'=HYPERLINK(""x"")",flatten');
  });

  it('puts a leading quote before text a spreadsheet would evaluate as a formula', () => {
    for (const formula of ['=1+1', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=cmd|\' /C calc\'!A0']) {
      expect(csvCell(formula), formula).toBe(`"'${formula.replace(/"/g, '""')}"`);
    }
    expect(csvCell('conv1')).toBe('conv1');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(61706)).toBe('61706');
    const spec: ModelSpec = { blocks: [
      { kind: 'input', id: '@in', inputs: [] },
      { kind: 'flatten', id: '-flat', inputs: ['@in'] },
      { kind: 'softmax', id: '+out', inputs: ['-flat'] },
    ] };
    const cells = summaryCsv(analyzeModel(spec, MNIST)).split('\r\n').map((line) => line.split(',')[0]);
    expect(cells.slice(1, 4)).toEqual(['"\'@in"', '"\'-flat"', '"\'+out"']);
  });
});
