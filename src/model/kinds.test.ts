// Shapes, parameters (trainable / non-trainable) and arithmetic of the block kinds and options beyond the
// basic chain: per-axis sizes, dilation, bias switch, global pooling, dropout, batch norm, add, concat.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import {
  activation, add, batchNorm, chain, concat, conv2d, dense, dropout, flatten, globalAvgPool, globalMaxPool, input,
  maxPool2d, network, softmax, type BlockDraft,
} from './presets';
import type { Shape } from './spec';

function analyzeOne(draft: BlockDraft, inputShape: Shape) {
  const spec = chain(input(), { ...draft, id: 'b' }, flatten(), softmax());
  const analysis = analyzeModel(spec, { inputShape, numClasses: 10 });
  const block = analysis.blocks.find((b) => b.id === 'b');
  if (block === undefined) throw new Error('block b missing');
  return { analysis, block };
}

describe('single-input kinds and options', () => {
  const rows: { name: string; draft: BlockDraft; input: Shape; shape: Shape; params: [number, number];
    formulas?: string[]; paramsFormula?: string | null; shapeFormula?: string | null }[] = [
    { name: 'conv 1x7 kernel, stride 2x1', draft: conv2d(4, [1, 7], { stride: [2, 1] }), input: [10, 12, 3],
      shape: [5, 6, 4], params: [1 * 7 * 3 * 4 + 4, 0],
      formulas: ['floor((10 - 1) / 2) + 1 = 5', 'floor((12 - 7) / 1) + 1 = 6'], paramsFormula: '1*7*3*4 + 4 = 88' },
    { name: 'conv dilation 2 (reach 5)', draft: conv2d(2, 3, { dilation: 2 }), input: [9, 9, 1], shape: [5, 5, 2],
      params: [20, 0], formulas: ['floor((9 - (2*(3 - 1) + 1)) / 1) + 1 = 5', 'floor((9 - (2*(3 - 1) + 1)) / 1) + 1 = 5'] },
    { name: 'conv dilation 2, padding 2', draft: conv2d(2, 3, { dilation: 2, padding: 2 }), input: [9, 9, 1],
      shape: [9, 9, 2], params: [20, 0], formulas: Array(2).fill('floor((9 - (2*(3 - 1) + 1) + 2*2) / 1) + 1 = 9') },
    { name: 'conv dilation [1,3], same', draft: conv2d(2, 3, { dilation: [1, 3], padding: 'same' }), input: [8, 8, 1],
      shape: [8, 8, 2], params: [20, 0], formulas: ['ceil(8 / 1) = 8', 'ceil(8 / 1) = 8'] },
    { name: 'conv without bias', draft: conv2d(8, 3, { useBias: false }), input: [5, 5, 2], shape: [3, 3, 8],
      params: [144, 0], paramsFormula: '3*3*2*8 = 144' },
    { name: '1x1 conv', draft: conv2d(16, 1), input: [7, 7, 32], shape: [7, 7, 16], params: [528, 0] },
    { name: 'conv fused relu, He init', draft: conv2d(3, 3, { activation: 'relu', init: 'heNormal' }), input: [4, 4, 1],
      shape: [2, 2, 3], params: [30, 0] },
    { name: 'maxpool 3x2 window', draft: maxPool2d([3, 2]), input: [9, 8, 4], shape: [3, 4, 4], params: [0, 0] },
    { name: 'global average pool', draft: globalAvgPool(), input: [7, 7, 64], shape: [64], params: [0, 0],
      shapeFormula: '7×7×64 → 64' },
    { name: 'global max pool', draft: globalMaxPool(), input: [3, 5, 8], shape: [8], params: [0, 0] },
    { name: 'dropout', draft: dropout(0.25), input: [6, 6, 3], shape: [6, 6, 3], params: [0, 0] },
    { name: 'batch norm on an image', draft: batchNorm(), input: [6, 6, 32], shape: [6, 6, 32], params: [64, 64],
      paramsFormula: '2*32 + 2*32 = 128' },
    { name: 'batch norm on a vector', draft: batchNorm({ momentum: 0.9 }), input: [10], shape: [10], params: [20, 20] },
    { name: 'leaky relu', draft: activation('leakyRelu', 0.1), input: [4], shape: [4], params: [0, 0] },
    { name: 'elu', draft: activation('elu'), input: [4, 4, 2], shape: [4, 4, 2], params: [0, 0] },
    { name: 'flatten shows its product', draft: flatten(), input: [7, 7, 16], shape: [784], params: [0, 0],
      shapeFormula: '7×7×16 = 784' },
    { name: 'dense without bias, fused tanh', draft: dense(5, { useBias: false, activation: 'tanh' }), input: [20],
      shape: [5], params: [100, 0], paramsFormula: '20*5 = 100' },
  ];

  it.each(rows)('$name', ({ draft, input: inputShape, shape, params, formulas, paramsFormula, shapeFormula }) => {
    const { analysis, block } = analyzeOne(draft, inputShape);
    expect(analysis.issues).toEqual([]);
    expect(block.outputShape).toEqual(shape);
    expect(block.params).toEqual({ trainable: params[0], nonTrainable: params[1] });
    if (formulas) expect(block.arithmetic.map((a) => a.formula)).toEqual(formulas);
    if (paramsFormula !== undefined) expect(block.paramsFormula).toBe(paramsFormula);
    if (shapeFormula !== undefined) expect(block.shapeFormula).toBe(shapeFormula);
  });

  it('totals split trainable and non-trainable (batch norm moving statistics)', () => {
    const spec = chain(input(), conv2d(8, 3, { useBias: false }), batchNorm(), activation(), flatten(), softmax());
    const analysis = analyzeModel(spec, { inputShape: [5, 5, 1], numClasses: 2 });
    // conv 3*3*1*8 = 72, bn 16 + 16, head 3*3*8*2 + 2 = 146
    expect(analysis.totals).toEqual({ trainable: 72 + 16 + 146, nonTrainable: 16 });
  });
});

describe('merging kinds', () => {
  const residual = (shortcutStride: number) => network((n) => {
    const x = n.seq(null, input(), conv2d(8, 3, { padding: 'same', id: 'stem' }));
    const a = n.seq(x, conv2d(8, 3, { padding: 'same', stride: 2, id: 'main' }));
    const b = n.seq(x, conv2d(8, 1, { stride: shortcutStride, id: 'short' }));
    n.seq(n.node({ ...add(), id: 'sum' }, a, b), flatten(), softmax());
  });

  it('add keeps the common shape and shows the sum', () => {
    const analysis = analyzeModel(residual(2), { inputShape: [8, 8, 3], numClasses: 10 });
    expect(analysis.issues).toEqual([]);
    const sum = analysis.blocks.find((b) => b.id === 'sum');
    expect(sum?.outputShape).toEqual([4, 4, 8]);
    expect(sum?.shapeFormula).toBe('4×4×8 + 4×4×8 → 4×4×8');
  });

  it('add of two shapes is an error on the add block, naming both shapes', () => {
    const analysis = analyzeModel(residual(1), { inputShape: [8, 8, 3], numClasses: 10 });
    expect(analysis.issues).toEqual([expect.objectContaining({
      code: 'addShapeMismatch', blockId: 'sum', values: { shapes: '4×4×8, 8×8×8' },
    })]);
  });

  it('concat adds up channels, with three branches', () => {
    const spec = network((n) => {
      const x = n.seq(null, input());
      const branches = [1, 3, 5].map((k) => n.seq(x, conv2d(k * 2, k, { padding: 'same' })));
      n.seq(n.node({ ...concat(), id: 'cat' }, ...branches), globalAvgPool(), softmax());
    });
    const analysis = analyzeModel(spec, { inputShape: [6, 6, 3], numClasses: 4 });
    expect(analysis.issues).toEqual([]);
    const cat = analysis.blocks.find((b) => b.id === 'cat');
    expect(cat?.outputShape).toEqual([6, 6, 18]);
    expect(cat?.shapeFormula).toBe('2 + 6 + 10 = 18');
  });

  it('concat of flat vectors works too', () => {
    const spec = network((n) => {
      const f = n.seq(null, input(), flatten());
      n.seq(n.node(concat(), n.seq(f, dense(3)), n.seq(f, dense(4))), softmax());
    });
    expect(analyzeModel(spec, { inputShape: [2, 2, 1], numClasses: 2 }).outputShape).toEqual([2]);
  });
});
