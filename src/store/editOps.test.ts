import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { activation, chain, conv2d, dense, flatten, input, softmax } from '../model/presets';
import type { BlockSpec, ModelSpec } from '../model/spec';
import {
  addBlock, connect, disconnect, duplicateBlocks, moveBlocks, nextId, removeBlocks, setLayout, updateBlock,
} from './editOps';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;
const small = (): ModelSpec => chain(input(), conv2d(4, 3), flatten(), softmax());
const inputsOf = (spec: ModelSpec, id: string) => spec.blocks.find((b) => b.id === id)?.inputs;
const act = (id: string): BlockSpec => ({ id, kind: 'activation', fn: 'relu', inputs: [] });

describe('nextId', () => {
  it('takes the smallest free number for the kind', () => {
    const spec = small(); // input, conv1, flatten, output
    expect(nextId(spec, 'conv2d')).toBe('conv2');
    expect(nextId({ blocks: [...spec.blocks, { ...act('x'), id: 'conv2' }] }, 'conv2d')).toBe('conv3');
    expect(nextId(spec, 'add')).toBe('add1');
    expect(nextId(spec, 'conv2d', new Set(['conv2']))).toBe('conv3');
  });
  it('makes ids the core accepts', () => {
    for (const kind of ['input', 'conv2d', 'batchnorm', 'globalavgpool', 'softmax'] as const) {
      expect(nextId({ blocks: [] }, kind)).toMatch(/^[A-Za-z0-9][-A-Za-z0-9_.]{0,63}$/);
    }
  });
});

describe('addBlock', () => {
  it('inserts into a chain after the chosen block, keeping the network valid', () => {
    const spec = chain(input(), conv2d(4, 3), activation(), flatten(), softmax());
    const next = addBlock(spec, act('act9'), { after: 'act1' });
    expect(inputsOf(next, 'act9')).toEqual(['act1']);
    expect(inputsOf(next, 'flatten')).toEqual(['act9']);
    expect(analyzeModel(next, MNIST).valid).toBe(true);
    expect(spec.blocks).toHaveLength(5); // the original is untouched
  });
  it('starts a branch when the chosen block already feeds several', () => {
    const spec: ModelSpec = { blocks: [
      { id: 'in', kind: 'input', inputs: [] }, act('a'), act('b'),
    ].map((b) => (b.id === 'in' ? b : { ...b, inputs: ['in'] })) as BlockSpec[] };
    const next = addBlock(spec, act('c'), { after: 'in' });
    expect(inputsOf(next, 'c')).toEqual(['in']);
    expect(inputsOf(next, 'a')).toEqual(['in']);
    expect(inputsOf(next, 'b')).toEqual(['in']);
  });
  it('adds an unconnected block at a position, and refuses a duplicate id', () => {
    const next = addBlock(small(), act('a1'), { at: { x: 10, y: 20 } });
    expect(inputsOf(next, 'a1')).toEqual([]);
    expect(next.layout?.a1).toEqual({ x: 10, y: 20 });
    expect(addBlock(next, act('a1'))).toBe(next);
  });
  it('adds a second output beside the first, never in front of it, and the core names the extra output', () => {
    const spec = small(); // input, conv1, flatten, output
    const next = addBlock(spec, { id: 'output1', kind: 'softmax', inputs: [] }, { after: 'flatten' });
    expect(inputsOf(next, 'output')).toEqual(['flatten']);
    expect(inputsOf(next, 'output1')).toEqual(['flatten']);
    const issues = analyzeModel(next, MNIST).issues.map((i) => [i.code, i.blockId]);
    expect(issues).toEqual([['multipleOutputs', 'output1']]);
  });
  it('ignores an unknown "after"', () => {
    expect(inputsOf(addBlock(small(), act('a1'), { after: 'nope' }), 'a1')).toEqual([]);
  });
});

describe('removeBlocks', () => {
  it('drops the blocks, the connections that touched them and their positions; reconnects nothing', () => {
    const spec = moveBlocks(small(), { conv1: { x: 1, y: 2 }, flatten: { x: 3, y: 4 } });
    const next = removeBlocks(spec, ['conv1']);
    expect(next.blocks.map((b) => b.id)).toEqual(['input', 'flatten', 'output']);
    expect(inputsOf(next, 'flatten')).toEqual([]);
    expect(next.layout).toEqual({ flatten: { x: 3, y: 4 } });
    const analysis = analyzeModel(next, MNIST);
    expect(analysis.issues.find((i) => i.blockId === 'flatten')?.code).toBe('missingInput');
  });
  it('returns the same spec when nothing matches', () => {
    const spec = small();
    expect(removeBlocks(spec, ['zzz'])).toBe(spec);
  });
  it('forgets the training mode of a removed block, so a new block given its id starts trainable', () => {
    const spec: ModelSpec = { ...small(), training: { conv1: { mode: 'frozen' }, output: { mode: 'scaled', lrMultiplier: 0.1 } } };
    expect(removeBlocks(spec, ['conv1']).training).toEqual({ output: { mode: 'scaled', lrMultiplier: 0.1 } });
  });
});

describe('connect / disconnect', () => {
  const residual = (): ModelSpec => ({ blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'c1', kind: 'conv2d', filters: 1, kernel: 3, stride: 1, padding: 'same', inputs: ['in'] },
    { id: 'add1', kind: 'add', inputs: ['c1'] },
    { id: 'f', kind: 'flatten', inputs: ['add1'] },
    { id: 'out', kind: 'softmax', inputs: ['f'] },
  ] });
  it('adds an input to an add block, which then sums the skip connection', () => {
    const next = connect(residual(), 'in', 'add1');
    expect(inputsOf(next, 'add1')).toEqual(['c1', 'in']);
    expect(connect(next, 'in', 'add1')).toBe(next); // already connected
  });
  it('replaces the input of a single-input block', () => {
    const next = connect(small(), 'input', 'flatten');
    expect(inputsOf(next, 'flatten')).toEqual(['input']);
  });
  it('refuses self-loops and unknown ids without throwing', () => {
    const spec = small();
    expect(connect(spec, 'conv1', 'conv1')).toBe(spec);
    expect(connect(spec, 'ghost', 'conv1')).toBe(spec);
    expect(connect(spec, 'conv1', 'ghost')).toBe(spec);
  });
  it('disconnects one edge', () => {
    const next = disconnect(connect(residual(), 'in', 'add1'), 'c1', 'add1');
    expect(inputsOf(next, 'add1')).toEqual(['in']);
    const spec = small();
    expect(disconnect(spec, 'output', 'input')).toBe(spec);
  });
});

describe('updateBlock', () => {
  it('changes settings but never the id, kind or wiring', () => {
    const next = updateBlock(small(), 'conv1', { filters: 16, id: 'x', kind: 'dense', inputs: [] });
    const conv = next.blocks.find((b) => b.id === 'conv1');
    expect(conv).toMatchObject({ kind: 'conv2d', filters: 16, inputs: ['input'] });
  });
  it('keeps an invalid value so the analysis can explain it', () => {
    const next = updateBlock(small(), 'conv1', { kernel: 99 });
    const issue = analyzeModel(next, MNIST).issues.find((i) => i.blockId === 'conv1');
    expect(issue?.code).toBe('kernelTooLarge');
  });
});

describe('duplicateBlocks', () => {
  it('copies blocks with fresh ids, keeps inner edges and outside inputs, offsets positions', () => {
    const spec = moveBlocks(chain(input(), conv2d(4, 3), activation(), flatten(), dense(5), softmax()),
      { conv1: { x: 0, y: 100 } });
    const { spec: next, ids } = duplicateBlocks(spec, ['conv1', 'act1']);
    expect(ids).toEqual(['conv2', 'act2']);
    expect(inputsOf(next, 'conv2')).toEqual(['input']);
    expect(inputsOf(next, 'act2')).toEqual(['conv2']);
    expect(next.layout?.conv2).toEqual({ x: 40, y: 160 });
    expect(next.blocks).toHaveLength(spec.blocks.length + 2);
  });
  it('never copies the input block', () => {
    const spec = small();
    expect(duplicateBlocks(spec, ['input'])).toEqual({ spec, ids: [] });
  });
});

describe('moveBlocks / setLayout', () => {
  it('ignores unknown ids and non-finite positions', () => {
    const spec = small();
    expect(moveBlocks(spec, { ghost: { x: 1, y: 1 }, conv1: { x: NaN, y: 0 } })).toBe(spec);
    expect(moveBlocks(spec, { conv1: { x: 5, y: 6 } }).layout).toEqual({ conv1: { x: 5, y: 6 } });
  });
  it('replaces every position', () => {
    const spec = moveBlocks(small(), { conv1: { x: 5, y: 6 } });
    expect(setLayout(spec, { input: { x: 0, y: 0 } }).layout).toEqual({ input: { x: 0, y: 0 } });
  });
});
