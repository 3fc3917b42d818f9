import { describe, expect, it } from 'vitest';
import type { ModelAnalysis } from './analysis';
import { analyzeModel, ISSUE_CODES, ISSUE_VALUE_KEYS, SIZE_LIMIT, type IssueCode } from './analyze';
import { WARNING_CODES } from './issues';
import {
  activation, avgPool2d, chain, conv2d, dense, flatten, input, lenet5Mnist, maxPool2d, softmax,
  type BlockDraft,
} from './presets';
import type { BlockSpec, DataShape, ModelSpec, Shape } from './spec';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

/** The block under test, named 'b', after an input of the given shape and (unless it is one) a head. */
function analyzeOne(draft: BlockDraft, inputShape: Shape, numClasses = 10) {
  const b = { ...draft, id: 'b' };
  const spec = draft.kind === 'softmax' ? chain(input(), b) : chain(input(), b, flatten(), softmax());
  const analysis = analyzeModel(spec, { inputShape, numClasses });
  const block = analysis.blocks.find((b) => b.id === 'b');
  if (block === undefined) throw new Error('block b missing from the analysis');
  return { analysis, block };
}

/** Every issue carries exactly the values its code promises (the i18n sentences rely on them). */
function expectWellFormed(analysis: ModelAnalysis) {
  for (const issue of analysis.issues) {
    expect(ISSUE_CODES).toContain(issue.code);
    const keys = ISSUE_VALUE_KEYS[issue.code as keyof typeof ISSUE_VALUE_KEYS];
    expect(Object.keys(issue.values).sort()).toEqual([...keys].sort());
  }
}

describe('analyzeModel: shapes, parameters and arithmetic per kind and padding mode', () => {
  const rows: {
    name: string; draft: BlockDraft; input: Shape; shape: Shape; params: number;
    formulas?: [string, string]; pads?: [number, number];
  }[] = [
    { name: 'conv valid', draft: conv2d(6, 5), input: [28, 28, 1], shape: [24, 24, 6], params: 156,
      formulas: ['floor((28 - 5) / 1) + 1 = 24', 'floor((28 - 5) / 1) + 1 = 24'], pads: [0, 0] },
    { name: 'conv explicit padding 2', draft: conv2d(6, 5, { padding: 2 }), input: [28, 28, 1], shape: [28, 28, 6],
      params: 156, formulas: ['floor((28 - 5 + 2*2) / 1) + 1 = 28', 'floor((28 - 5 + 2*2) / 1) + 1 = 28'], pads: [2, 2] },
    { name: 'conv explicit padding 0', draft: conv2d(2, 5, { padding: 0 }), input: [28, 28, 1], shape: [24, 24, 2],
      params: 52, formulas: ['floor((28 - 5 + 2*0) / 1) + 1 = 24', 'floor((28 - 5 + 2*0) / 1) + 1 = 24'], pads: [0, 0] },
    { name: 'conv same, stride 2', draft: conv2d(4, 3, { padding: 'same', stride: 2 }), input: [28, 28, 3],
      shape: [14, 14, 4], params: 112, formulas: ['ceil(28 / 2) = 14', 'ceil(28 / 2) = 14'], pads: [0, 1] },
    { name: 'conv same, even kernel', draft: conv2d(1, 4, { padding: 'same' }), input: [9, 9, 2], shape: [9, 9, 1],
      params: 33, formulas: ['ceil(9 / 1) = 9', 'ceil(9 / 1) = 9'], pads: [1, 2] },
    { name: 'conv non-square input', draft: conv2d(8, 3), input: [32, 20, 3], shape: [30, 18, 8], params: 224,
      formulas: ['floor((32 - 3) / 1) + 1 = 30', 'floor((20 - 3) / 1) + 1 = 18'] },
    { name: 'conv 3x3 stride 2 padding 1', draft: conv2d(16, 3, { padding: 1, stride: 2 }), input: [28, 28, 8],
      shape: [14, 14, 16], params: 1168, formulas: ['floor((28 - 3 + 2*1) / 2) + 1 = 14', 'floor((28 - 3 + 2*1) / 2) + 1 = 14'] },
    { name: 'maxpool valid 2/2', draft: maxPool2d(2), input: [28, 28, 6], shape: [14, 14, 6], params: 0,
      formulas: ['floor((28 - 2) / 2) + 1 = 14', 'floor((28 - 2) / 2) + 1 = 14'] },
    { name: 'maxpool same 2/2 odd input', draft: maxPool2d(2, { padding: 'same' }), input: [7, 7, 3], shape: [4, 4, 3],
      params: 0, formulas: ['ceil(7 / 2) = 4', 'ceil(7 / 2) = 4'], pads: [0, 1] },
    { name: 'maxpool explicit padding 1', draft: maxPool2d(3, { stride: 1, padding: 1 }), input: [5, 5, 2],
      shape: [5, 5, 2], params: 0, formulas: ['floor((5 - 3 + 2*1) / 1) + 1 = 5', 'floor((5 - 3 + 2*1) / 1) + 1 = 5'] },
    { name: 'avgpool valid 2/2', draft: avgPool2d(2), input: [10, 10, 16], shape: [5, 5, 16], params: 0,
      formulas: ['floor((10 - 2) / 2) + 1 = 5', 'floor((10 - 2) / 2) + 1 = 5'] },
    { name: 'avgpool same 3/2', draft: avgPool2d(3, { stride: 2, padding: 'same' }), input: [7, 7, 1], shape: [4, 4, 1],
      params: 0, formulas: ['ceil(7 / 2) = 4', 'ceil(7 / 2) = 4'], pads: [1, 1] },
    { name: 'avgpool explicit padding 2', draft: avgPool2d(2, { padding: 2 }), input: [6, 6, 1], shape: [5, 5, 1],
      params: 0, formulas: ['floor((6 - 2 + 2*2) / 2) + 1 = 5', 'floor((6 - 2 + 2*2) / 2) + 1 = 5'] },
    { name: 'activation keeps a 3-D shape', draft: activation('relu'), input: [10, 10, 3], shape: [10, 10, 3], params: 0 },
    { name: 'activation keeps a 1-D shape', draft: activation('tanh'), input: [7], shape: [7], params: 0 },
    { name: 'flatten 3-D', draft: flatten(), input: [7, 7, 16], shape: [784], params: 0 },
    { name: 'flatten 1-D', draft: flatten(), input: [120], shape: [120], params: 0 },
    { name: 'dense', draft: dense(120), input: [784], shape: [120], params: 94_200 },
    { name: 'softmax head', draft: softmax(), input: [84], shape: [10], params: 850 },
  ];

  it.each(rows)('$name', ({ draft, input: inputShape, shape, params, formulas, pads }) => {
    const { analysis, block } = analyzeOne(draft, inputShape);
    expect(block.outputShape).toEqual(shape);
    expect(block.params).toEqual({ trainable: params, nonTrainable: 0 });
    expect(block.arithmetic.map((a) => a.formula)).toEqual(formulas ?? []);
    if (pads) for (const a of block.arithmetic) expect([a.padBefore, a.padAfter]).toEqual(pads);
    expect(block.arithmetic.map((a) => a.axis)).toEqual(formulas ? ['height', 'width'] : []);
    expect(analysis.valid).toBe(true);
  });

  it('the input block reports the dataset shape', () => {
    const analysis = analyzeModel(chain(input(), flatten(), softmax()), { inputShape: [32, 32, 3], numClasses: 7 });
    expect(analysis.blocks.map((b) => b.outputShape)).toEqual([[32, 32, 3], [3072], [7]]);
    expect(analysis.outputShape).toEqual([7]);
    expect(analysis.totals.trainable).toBe(3072 * 7 + 7);
  });
});

describe('analyzeModel: LeNet-5', () => {
  it('has 61,706 parameters for 28x28x1 and 10 classes', () => {
    // conv1 5*5*1*6+6 = 156, conv2 5*5*6*16+16 = 2,416, dense 400*120+120 = 48,120,
    // dense 120*84+84 = 10,164, head 84*10+10 = 850: 61,706 in all.
    const analysis = analyzeModel(lenet5Mnist(), MNIST);
    expect(analysis.issues).toEqual([]);
    expect(analysis.valid).toBe(true);
    expect(analysis.totals).toEqual({ trainable: 61_706, nonTrainable: 0 });
    expect(analysis.outputShape).toEqual([10]);
    const shapes = Object.fromEntries(analysis.blocks.map((b) => [b.id, b.outputShape]));
    expect(shapes).toMatchObject({
      conv1: [28, 28, 6], pool1: [14, 14, 6], conv2: [10, 10, 16], pool2: [5, 5, 16], flatten: [400],
      dense1: [120], dense2: [84], output: [10],
    });
  });

  it('lists blocks in topological order even when the spec lists them shuffled', () => {
    const spec = lenet5Mnist();
    const shuffled: ModelSpec = { blocks: [...spec.blocks].reverse() };
    const analysis = analyzeModel(shuffled, MNIST);
    expect(analysis.blocks.map((b) => b.id)).toEqual(spec.blocks.map((b) => b.id));
    expect(analysis.totals.trainable).toBe(61_706);
  });
});

const block = (b: Record<string, unknown>) => b as unknown as BlockSpec;
const head = [block({ id: 'f', kind: 'flatten', inputs: ['x'] }), block({ id: 'out', kind: 'softmax', inputs: ['f'] })];
const withHead = (...blocks: BlockSpec[]): ModelSpec => ({
  blocks: [block({ id: 'in', kind: 'input', inputs: [] }), ...blocks, ...head],
});
const conv = (extra: Record<string, unknown>) =>
  block({ id: 'x', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 3, stride: 1, padding: 'valid', ...extra });

describe('analyzeModel: every issue code', () => {
  const cases: { code: string; spec: ModelSpec; data?: DataShape; blockId: string | null; values: object }[] = [
    { code: 'duplicateId', spec: withHead(conv({}), conv({})), blockId: 'x', values: { id: 'x' } },
    { code: 'unknownKind', spec: withHead(block({ id: 'x', kind: 'lstm', inputs: ['in'] })), blockId: 'x', values: { kind: 'lstm' } },
    { code: 'unknownInput', spec: withHead(conv({ inputs: ['ghost'] })), blockId: 'x', values: { input: 'ghost' } },
    { code: 'missingInput', spec: withHead(conv({ inputs: [] })), blockId: 'x', values: {} },
    { code: 'wrongInputCount', spec: withHead(conv({ inputs: ['in', 'in'] })), blockId: 'x', values: { expected: 1, actual: 2 } },
    { code: 'cycle', spec: withHead(conv({ inputs: ['f'] })), blockId: 'x', values: {} },
    { code: 'noInputBlock', spec: { blocks: [conv({ inputs: [] }), ...head] }, blockId: null, values: {} },
    { code: 'multipleInputBlocks', spec: withHead(conv({}), block({ id: 'in2', kind: 'input', inputs: [] })),
      blockId: 'in2', values: { count: 2 } },
    { code: 'noOutput', spec: chain(input(), flatten(), dense(10)), blockId: null, values: {} },
    { code: 'multipleOutputs', // the first sink in spec order is the output, later ones are extra
      spec: { blocks: [...withHead(conv({})).blocks, block({ id: 'out2', kind: 'softmax', inputs: ['f'] })] },
      blockId: 'out2', values: { count: 2 } },
    { code: 'outputNotLast', spec: chain(input(), flatten(), { kind: 'softmax', id: 's' }, { ...dense(3), id: 'd' }), blockId: 's',
      values: { next: 'd' } },
    { code: 'deadEnd', spec: withHead(conv({}), block({ id: 'dead', kind: 'activation', fn: 'relu', inputs: ['x'] })),
      blockId: 'dead', values: {} },
    { code: 'unreachable', spec: withHead(conv({}), block({ id: 'lone', kind: 'dense', units: 3, inputs: [] })),
      blockId: 'lone', values: {} },
    { code: 'invalidValue', spec: withHead(conv({ filters: 0 })), blockId: 'x', values: { field: 'filters', value: 0 } },
    { code: 'needsSpatialInput', spec: withHead(conv({})), data: { inputShape: [784], numClasses: 10 },
      blockId: 'x', values: { shape: '784' } },
    { code: 'denseNeedsFlatten', spec: chain(input(), { kind: 'dense', units: 5, id: 'd' }, softmax()), data: MNIST,
      blockId: 'd', values: { shape: '28×28×1' } },
    { code: 'kernelTooLarge', spec: withHead(conv({ kernel: 5 })), data: { inputShape: [4, 4, 1], numClasses: 2 },
      blockId: 'x', values: { kernel: '5×5', padding: 0, axis: 'both', input: 4, height: 4, width: 4 } },
    { code: 'tooFewInputs', spec: withHead(block({ id: 'x', kind: 'add', inputs: ['in'] })), blockId: 'x',
      values: { minimum: 2, actual: 1 } },
    { code: 'strideWithDilation', spec: withHead(conv({ stride: 2, dilation: [1, 3] })), blockId: 'x',
      values: { stride: 2, dilation: 3 } },
    { code: 'addShapeMismatch', spec: withHead(conv({ id: 'c' }), block({ id: 'x', kind: 'add', inputs: ['in', 'c'] })),
      blockId: 'x', values: { shapes: '28×28×1, 26×26×4' } },
    { code: 'concatMismatch', spec: withHead(conv({ id: 'c' }), block({ id: 'x', kind: 'concat', inputs: ['c', 'in'] })),
      blockId: 'x', values: { shapes: '26×26×4, 28×28×1' } },
    { code: 'biasBeforeBatchNorm', spec: withHead(conv({ id: 'c' }), block({ id: 'x', kind: 'batchnorm', inputs: ['c'] })),
      blockId: 'c', values: {} },
    { code: 'biasBeforeBatchNormMany', spec: withHead(conv({ id: 'c1' }), block({ id: 'b1', kind: 'batchnorm', inputs: ['c1'] }),
      conv({ id: 'c2', inputs: ['b1'] }), block({ id: 'b2', kind: 'batchnorm', inputs: ['c2'] }),
      conv({ id: 'c3', inputs: ['b2'] }), block({ id: 'x', kind: 'batchnorm', inputs: ['c3'] })),
    blockId: 'c1', values: { count: 3, blocks: 'c1, c2, c3' } },
    { code: 'strideDoesNotFit', spec: withHead(conv({ kernel: 5, stride: 2 })), blockId: 'x',
      values: { stride: 2, kernel: 5, padding: 0, axis: 'both', input: 28, dropped: 1 } },
    { code: 'needsTokens', spec: withHead(block({ id: 'x', kind: 'attention', inputs: ['in'], heads: 1 })), blockId: 'x',
      values: { shape: '28×28×1' } },
    { code: 'noTokens', spec: withHead(block({ id: 'p', kind: 'patchembed', inputs: ['in'], patch: 7, width: 8 }),
      block({ id: 'x', kind: 'batchnorm', inputs: ['p'] })), blockId: 'x', values: { shape: '16×8' } },
    { code: 'headsDoNotDivide', spec: withHead(block({ id: 'p', kind: 'patchembed', inputs: ['in'], patch: 7, width: 10 }),
      block({ id: 'x', kind: 'attention', inputs: ['p'], heads: 4 })), blockId: 'x', values: { heads: 4, width: 10 } },
    { code: 'tooLarge', spec: withHead(conv({ filters: 1e12 })), blockId: 'x',
      values: { elements: 26 * 26 * 1e12, limit: SIZE_LIMIT } },
    { code: 'tooManyParams', spec: chain(input(), flatten(), { kind: 'dense', units: 2_000_000, id: 'd' }, softmax()),
      data: { inputShape: [2000], numClasses: 2 }, blockId: 'd', values: { params: 2000 * 2e6 + 2e6, limit: SIZE_LIMIT } },
  ];

  it('covers every code the core can raise', () => {
    expect(cases.map((c) => c.code).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it.each(cases)('$code', ({ code, spec, data, blockId, values }) => {
    const analysis = analyzeModel(spec, data ?? MNIST);
    const found = analysis.issues.find((i) => i.code === code);
    const warning = WARNING_CODES.includes(code as IssueCode);
    expect(found).toEqual({ code, blockId, values, severity: warning ? 'warning' : 'error' });
    expect(analysis.valid).toBe(warning);
    expectWellFormed(analysis);
  });
});

describe('the bias-before-batch-norm warning', () => {
  it('is said once for a network with many such blocks (Keras ResNet-50), naming the first few', () => {
    const spec: ModelSpec = { blocks: [
      { id: 'in', kind: 'input', inputs: [] },
      ...[1, 2, 3, 4].flatMap((k) => [
        { id: `c${k}`, kind: 'conv2d', inputs: [k === 1 ? 'in' : `b${k - 1}`], filters: 2, kernel: 3, stride: 1, padding: 'same' },
        { id: `b${k}`, kind: 'batchnorm', inputs: [`c${k}`] },
      ]),
      { id: 'f', kind: 'flatten', inputs: ['b4'] },
      { id: 'out', kind: 'softmax', inputs: ['f'] },
    ] as ModelSpec['blocks'] };
    const issues = analyzeModel(spec, { inputShape: [8, 8, 1], numClasses: 2 }).issues;
    expect(issues).toEqual([{ code: 'biasBeforeBatchNormMany', blockId: 'c1', values: { count: 4, blocks: 'c1, c2, c3, …' }, severity: 'warning' }]);
  });
});
