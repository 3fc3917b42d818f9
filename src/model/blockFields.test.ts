// The inspector's field descriptors: defaults make valid blocks, validation as you type agrees with them.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { BLOCK_FIELDS, defaultBlock, dropBiasBeforeBatchNorm, validateField } from './blockFields';
import { BLOCK_KINDS, isOutputKind, MERGE_KINDS } from './graph';
import type { BlockKind, BlockSpec, ModelSpec } from './spec';

/** Kinds that read tokens: after a patch embedding at its defaults instead of a convolution. */
const ON_TOKENS: readonly BlockKind[] = ['classtoken', 'posembed', 'layernorm', 'attention', 'mlp', 'tokenpool'];

/** input -> conv (to have an image) -> [block under test, twice for merges] -> flatten -> softmax. */
function around(kind: BlockKind): ModelSpec {
  const conv = ON_TOKENS.includes(kind) ? defaultBlock('patchembed', 'c', ['in']) : { ...defaultBlock('conv2d', 'c', ['in']), useBias: false } as BlockSpec;
  const before = [defaultBlock('input', 'in', []), conv];
  const tested = defaultBlock(kind, 'x', MERGE_KINDS.has(kind) ? ['c', 'c'] : ['c']);
  return { blocks: [...before, tested, defaultBlock('flatten', 'f', ['x']), defaultBlock('softmax', 'out', ['f'])] };
}

describe('defaultBlock', () => {
  // Output heads end a network (nothing may follow them): the per-pixel one is checked on its own below.
  it.each(BLOCK_KINDS.filter((k) => !['input', 'flatten', 'dense'].includes(k) && !isOutputKind(k)))('%s with defaults is valid', (kind) => {
    const analysis = analyzeModel(around(kind), { inputShape: [12, 12, 3], numClasses: 10 });
    expect(analysis.issues).toEqual([]);
  });

  it('a per-pixel classifier with defaults ends a network on the image, with a score per class at every pixel', () => {
    const spec: ModelSpec = { blocks: [defaultBlock('input', 'in', []), defaultBlock('conv2d', 'c', ['in']), defaultBlock('pixelsoftmax', 'out', ['c'])] };
    const analysis = analyzeModel(spec, { inputShape: [12, 12, 3], numClasses: 4 });
    expect(analysis.issues).toEqual([]);
    expect(analysis.outputShape).toEqual([12, 12, 4]);
    const flat: ModelSpec = { blocks: [defaultBlock('input', 'in', []), defaultBlock('flatten', 'f', ['in']), defaultBlock('pixelsoftmax', 'out', ['f'])] };
    expect(analyzeModel(flat, { inputShape: [12, 12, 3], numClasses: 4 }).issues.map((i) => i.code)).toEqual(['needsSpatialInput']);
  });

  it('a dense block with defaults is valid after flatten', () => {
    const spec: ModelSpec = { blocks: [
      defaultBlock('input', 'in', []), defaultBlock('flatten', 'f', ['in']), defaultBlock('dense', 'd', ['f']),
      defaultBlock('softmax', 'out', ['d']),
    ] };
    expect(analyzeModel(spec, { inputShape: [4, 4, 1], numClasses: 3 }).issues).toEqual([]);
  });

  it('sets every field to its default and wires the given inputs', () => {
    expect(defaultBlock('conv2d', 'k', ['a'])).toEqual({
      kind: 'conv2d', id: 'k', inputs: ['a'], filters: 16, kernel: 3, stride: 1, padding: 'same', dilation: 1,
      useBias: true, activation: 'linear', init: 'glorotUniform',
    });
    expect(defaultBlock('activation', 'a', [])).toEqual({ kind: 'activation', id: 'a', inputs: [], fn: 'relu' });
  });

  it('every default passes its own validation', () => {
    for (const kind of BLOCK_KINDS) {
      for (const field of BLOCK_FIELDS[kind]) {
        expect([kind, field.name, validateField(kind, field.name, field.default)]).toEqual([kind, field.name, null]);
      }
    }
  });
});

describe('validateField', () => {
  it.each([
    ['conv2d', 'filters', 0, 'tooSmall'],
    ['conv2d', 'filters', 2.5, 'notWhole'],
    ['conv2d', 'filters', Number.NaN, 'notANumber'],
    ['conv2d', 'filters', '8', 'notANumber'],
    ['conv2d', 'filters', 5000, 'tooLarge'],
    ['conv2d', 'kernel', [3, 0], 'tooSmall'],
    ['conv2d', 'kernel', [3], 'notANumber'],
    ['conv2d', 'padding', 'full', 'notANumber'],
    ['conv2d', 'padding', -1, 'tooSmall'],
    ['conv2d', 'activation', 'gelu', 'notAnOption'],
    ['conv2d', 'useBias', 'yes', 'notAnOption'],
    ['dropout', 'rate', 1, 'tooLarge'],
    ['dropout', 'rate', -0.1, 'tooSmall'],
    ['dense', 'kernel', 3, 'unknownField'],
  ] as const)('%s.%s = %s -> %s', (kind, field, value, problem) => {
    expect(validateField(kind, field, value)).toBe(problem);
  });

  it.each([
    ['conv2d', 'kernel', [1, 7]], ['conv2d', 'padding', 'valid'], ['conv2d', 'padding', 2], ['dropout', 'rate', 0],
    ['dropout', 'rate', 0.99], ['activation', 'alpha', 0.3], ['conv2d', 'init', 'largeNormal'], ['dense', 'useBias', false],
  ] as const)('%s.%s = %s is fine', (kind, field, value) => {
    expect(validateField(kind, field, value)).toBeNull();
  });
});

describe('dropBiasBeforeBatchNorm', () => {
  it('turns the bias off where batch norm follows, and the warning goes away', () => {
    const spec: ModelSpec = { blocks: [
      defaultBlock('input', 'in', []), defaultBlock('conv2d', 'c', ['in']), defaultBlock('batchnorm', 'bn', ['c']),
      defaultBlock('conv2d', 'c2', ['bn']), defaultBlock('flatten', 'f', ['c2']), defaultBlock('softmax', 'out', ['f']),
    ] };
    const data = { inputShape: [8, 8, 1], numClasses: 2 };
    expect(analyzeModel(spec, data).issues.map((i) => `${i.code}@${i.blockId}`)).toEqual(['biasBeforeBatchNorm@c']);
    const fixed = dropBiasBeforeBatchNorm(spec);
    expect(analyzeModel(fixed, data).issues).toEqual([]);
    expect(fixed.blocks.find((b) => b.id === 'c')).toMatchObject({ useBias: false });
    expect(fixed.blocks.find((b) => b.id === 'c2')).toMatchObject({ useBias: true });
  });
});
