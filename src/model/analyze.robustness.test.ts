// The edges of analyzeModel: one message per mistake (no cascades), every bad value named, and no
// input at all, however broken, that makes it throw.
import { describe, expect, it } from 'vitest';
import type { ModelAnalysis } from './analysis';
import { canConnect } from './connect';
import { measureModel } from './cost';
import { BLOCK_KINDS } from './graph';
import { formatSummary } from './summary';
import { analyzeModel, ISSUE_CODES, ISSUE_VALUE_KEYS, SIZE_LIMIT } from './analyze';
import {
  activation, chain, conv2d, dense, flatten, input, lenet5Mnist, maxPool2d, softmax, type BlockDraft,
} from './presets';
import type { DataShape, ModelSpec, Shape } from './spec';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
const errors = (a: ModelAnalysis) => a.issues.filter((i) => i.severity === 'error');
const around = (draft: BlockDraft) => chain(input(), { ...draft, id: 'b' }, flatten(), softmax());
const onInput = (draft: BlockDraft, inputShape: Shape) => analyzeModel(around(draft), { inputShape, numClasses: 10 });

describe('one mistake, one message', () => {
  it('blocks after an error get no shape and no issue of their own', () => {
    const spec = chain(input(), { ...conv2d(4, 9), id: 'b' }, flatten(), dense(10), softmax());
    const analysis = analyzeModel(spec, { inputShape: [4, 4, 1], numClasses: 10 });
    expect(errors(analysis)).toEqual([expect.objectContaining({ code: 'kernelTooLarge', blockId: 'b' })]);
    expect(analysis.blocks.map((b) => b.outputShape)).toEqual([[4, 4, 1], null, null, null, null]);
    expect(analysis.totals.trainable).toBe(0);
    expect(analysis.outputShape).toBeNull();
    // the arithmetic stays, so the student can see why the output is empty
    expect(analysis.blocks[1]?.arithmetic[0]?.formula).toBe('floor((4 - 9) / 1) + 1 = -4');
  });

  it('blocks after a cycle are not flagged, only the blocks on it', () => {
    const spec: ModelSpec = {
      blocks: [
        { id: 'in', kind: 'input', inputs: [] },
        { id: 'a', kind: 'activation', fn: 'relu', inputs: ['b'] },
        { id: 'b', kind: 'activation', fn: 'relu', inputs: ['a'] },
        { id: 'f', kind: 'flatten', inputs: ['b'] },
        { id: 'out', kind: 'softmax', inputs: ['f'] },
      ],
    };
    const codes = analyzeModel(spec, MNIST).issues.map((i) => `${i.code}@${i.blockId}`);
    expect(codes.sort()).toEqual(['cycle@a', 'cycle@b', 'deadEnd@in']);
  });

  it('a lone block waiting to be wired gets one message, not "no input" and "dead end"', () => {
    const spec: ModelSpec = { blocks: [...around(flatten()).blocks, { id: 'new', kind: 'dense', units: 4, inputs: [] }] };
    expect(analyzeModel(spec, MNIST).issues.map((i) => i.code)).toEqual(['unreachable']);
  });

  it('a block that reads from itself is a cycle', () => {
    const spec: ModelSpec = { blocks: [{ id: 'in', kind: 'input', inputs: [] }, { id: 'x', kind: 'flatten', inputs: ['x'] }] };
    expect(analyzeModel(spec, MNIST).issues.map((i) => i.code)).toContain('cycle');
  });

  it('an input block with inputs is told it takes none', () => {
    const spec: ModelSpec = { blocks: [{ id: 'in', kind: 'input', inputs: ['f'] }, ...around(flatten()).blocks.slice(1)] };
    const fixed = { blocks: spec.blocks.map((b) => (b.id === 'b' ? { ...b, inputs: ['in'] } : b)) };
    expect(analyzeModel(fixed, MNIST).issues).toContainEqual(
      expect.objectContaining({ code: 'wrongInputCount', blockId: 'in', values: { expected: 0, actual: 1 } }));
  });
});

describe('windows that do not fit', () => {
  it('kernelTooLarge names the one axis that fails', () => {
    const analysis = onInput(conv2d(2, 5), [28, 4, 1]);
    expect(analysis.issues).toEqual([expect.objectContaining({
      code: 'kernelTooLarge', values: { kernel: '5×5', padding: 0, axis: 'width', input: 4, height: 28, width: 4 },
    })]);
  });

  it('explicit padding can make a large kernel fit; "same" always fits', () => {
    expect(onInput(conv2d(2, 5, { padding: 1 }), [4, 4, 1]).blocks[1]?.outputShape).toEqual([2, 2, 2]);
    expect(onInput(conv2d(2, 9, { padding: 'same' }), [4, 4, 1]).blocks[1]?.outputShape).toEqual([4, 4, 2]);
  });

  it('warns once per axis that loses pixels, and keeps the network valid', () => {
    const analysis = onInput(conv2d(2, 5, { stride: 2 }), [28, 27, 1]);
    expect(analysis.valid).toBe(true);
    expect(analysis.issues).toEqual([expect.objectContaining({
      code: 'strideDoesNotFit', severity: 'warning',
      values: { stride: 2, kernel: 5, padding: 0, axis: 'height', input: 28, dropped: 1 },
    })]);
    expect(analysis.blocks[1]?.outputShape).toEqual([12, 12, 2]);
  });

  it('does not warn when only padding zeros are skipped (3x3, stride 2, padding 1)', () => {
    expect(onInput(conv2d(2, 3, { stride: 2, padding: 1 }), [28, 28, 1]).issues).toEqual([]);
  });

  it('"same" still drops pixels at the edge when the stride does not fit', () => {
    const analysis = onInput(maxPool2d(3, { stride: 3, padding: 'same' }), [10, 10, 1]);
    expect(analysis.issues.map((i) => [i.code, i.values.dropped])).toEqual([]);
    const lossy = onInput(maxPool2d(2, { stride: 2 }), [11, 11, 1]);
    expect(lossy.issues.map((i) => [i.code, i.values.dropped])).toEqual([['strideDoesNotFit', 1]]);
  });

  it('a window smaller than its stride skips pixels by design and is not flagged (1x1 projection)', () => {
    expect(onInput(conv2d(4, 1, { stride: 2 }), [8, 8, 1]).issues).toEqual([]);
    expect(onInput(maxPool2d(1, { stride: 3, padding: 'same' }), [11, 11, 1]).issues).toEqual([]);
  });
});

describe('invalid values', () => {
  // Drafts with a field overwritten by something the types would not allow: what a link may carry.
  const set = (draft: BlockDraft, field: string, value: unknown) => ({ field, value, draft: { ...draft, [field]: value } as BlockDraft });
  const rows = [
    ...[0, -1, 2.5, NaN, Infinity, '3', null].map((value) => set(conv2d(1, 3), 'filters', value)),
    set(conv2d(1, 3), 'kernel', 0),
    set(conv2d(1, 3), 'stride', -2),
    set(conv2d(1, 3), 'padding', -1),
    set(conv2d(1, 3), 'padding', 1.5),
    set(conv2d(1, 3), 'padding', 'full'),
    set(maxPool2d(2), 'size', NaN),
    set(maxPool2d(2), 'stride', 0),
    set(dense(3), 'units', 1.5),
    set(activation(), 'fn', 'gelu'),
  ];

  it.each(rows)('$field = $value', ({ field, draft, value }) => {
    const data = draft.kind === 'dense' ? { inputShape: [5], numClasses: 2 } : MNIST;
    const analysis = analyzeModel(around(draft), data);
    const shown = value === null ? 'null' : value;
    expect(analysis.issues).toEqual([expect.objectContaining({ code: 'invalidValue', blockId: 'b', values: { field, value: shown } })]);
    expect(analysis.valid).toBe(false);
  });

  it('checks the data shape too', () => {
    const bad = analyzeModel(around(flatten()), { inputShape: [28, 0, 1], numClasses: 0 });
    expect(bad.issues.map((i) => [i.blockId, i.values.field, i.values.value])).toEqual([
      ['input', 'inputShape', '28×0×1'],
    ]);
    const noClasses = analyzeModel(around(flatten()), { inputShape: [3], numClasses: 0 });
    expect(noClasses.issues.map((i) => [i.blockId, i.values.field])).toEqual([['output', 'numClasses']]);
  });

  it('ids must be usable as layer names', () => {
    const spec: ModelSpec = { blocks: around(flatten()).blocks.map((b) => (b.id === 'b' ? { ...b, id: 'a b' } : b)) };
    expect(analyzeModel(spec, MNIST).issues).toContainEqual(
      expect.objectContaining({ code: 'invalidValue', blockId: 'a b', values: { field: 'id', value: 'a b' } }));
  });

  it('refuses sizes no browser could hold', () => {
    const analysis = onInput(conv2d(1, 3, { padding: 1e12 }), [28, 28, 1]);
    expect(analysis.issues.map((i) => [i.code, i.values.limit])).toEqual([['tooLarge', SIZE_LIMIT]]);
  });
});

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('garbage never throws', () => {
  const junk: unknown[] = [0, -1, 1, 2, 3, 5, 28, 2.5, NaN, Infinity, -Infinity, 1e12, 1e300, 'same', 'valid', 'x', '',
    null, undefined, {}, [], [1], true, 'relu', 'softmax', 'input'];

  it.each([null, undefined, {}, { blocks: 'x' }, { blocks: [null, 1, 'x', {}, []] }])('spec %j', (spec) => {
    expect(() => analyzeModel(spec as unknown as ModelSpec, MNIST)).not.toThrow();
    expect(analyzeModel(spec as unknown as ModelSpec, null as unknown as DataShape).valid).toBe(false);
  });

  it('thousands of random specs: no throw, and the result is consistent', () => {
    const next = random(20240601);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const kinds = [...BLOCK_KINDS, 'add', 'concat', 'lstm', 7];
    for (let round = 0; round < 3000; round++) {
      const ids = ['in', 'a', 'b', 'c', 'd', 'e', pick(junk)];
      const blocks = Array.from({ length: Math.floor(next() * 8) }, () => ({
        id: next() < 0.9 ? pick(ids) : pick(junk),
        kind: pick(kinds),
        inputs: next() < 0.9 ? Array.from({ length: Math.floor(next() * 3) }, () => pick(next() < 0.8 ? ids : junk)) : pick(junk),
        filters: next() < 0.7 ? pick([1, 4, 8]) : pick(junk),
        kernel: next() < 0.7 ? pick([1, 3, 5]) : pick(junk),
        size: next() < 0.7 ? pick([2, 3]) : pick(junk),
        stride: next() < 0.7 ? pick([1, 2]) : pick(junk),
        padding: next() < 0.7 ? pick(['valid', 'same', 0, 1, 2]) : pick(junk),
        units: next() < 0.7 ? pick([3, 10]) : pick(junk),
        fn: next() < 0.7 ? pick(['relu', 'tanh', 'leakyRelu', 'elu']) : pick(junk),
        dilation: next() < 0.7 ? pick([1, 2, [1, 2]]) : pick(junk),
        useBias: next() < 0.7 ? pick([true, false, undefined]) : pick(junk),
        activation: next() < 0.7 ? pick(['relu', undefined, 'linear']) : pick(junk),
        init: next() < 0.7 ? pick(['heNormal', undefined]) : pick(junk),
        alpha: next() < 0.7 ? pick([0.1, undefined]) : pick(junk),
        rate: next() < 0.7 ? pick([0, 0.5]) : pick(junk),
        momentum: next() < 0.7 ? pick([0.9, undefined]) : pick(junk),
        epsilon: next() < 0.7 ? pick([1e-3, undefined]) : pick(junk),
      }));
      const data = next() < 0.8 ? MNIST : { inputShape: pick([[28, 28, 1], [5], [4, 4, 1], junk, [1e6, 1e6, 3]]), numClasses: pick(junk) };
      const spec = { blocks } as unknown as ModelSpec;
      const analysis = analyzeModel(spec, data as DataShape);
      expectConsistent(analysis);
      // the helpers beside the analysis take the same garbage without throwing
      const cost = measureModel(spec, analysis, data as DataShape);
      expect(Number.isFinite(cost.totals.macs) && Number.isFinite(cost.totals.activations)).toBe(true);
      formatSummary(spec, analysis, { cost });
      canConnect(spec, data as DataShape, String(pick(ids)), String(pick(ids)));
    }
  });

  it('thousands of mutated LeNets: no throw, consistent, and some still valid', () => {
    const next = random(7);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const fields = ['filters', 'kernel', 'size', 'stride', 'padding', 'units', 'fn', 'kind', 'inputs', 'id'];
    const values = [...junk, 1, 2, 3, 4, 7, 9, 'maxpool2d', 'dense', ['input'], ['conv1'], ['pool2', 'act1']];
    let valid = 0;
    for (let round = 0; round < 3000; round++) {
      const blocks = lenet5Mnist().blocks.map((b) => ({ ...b }) as Record<string, unknown>);
      for (let m = Math.floor(next() * 3); m >= 0; m--) {
        const target = pick(blocks);
        target[pick(fields)] = pick(values);
      }
      if (next() < 0.1) blocks.splice(Math.floor(next() * blocks.length), 1);
      const inputShape = pick([[28, 28, 1], [28, 28, 1], [12, 12, 1], [32, 32, 3], [9, 30, 2], [5]]);
      const analysis = analyzeModel({ blocks } as unknown as ModelSpec, { inputShape, numClasses: pick([10, 2]) });
      expectConsistent(analysis);
      if (analysis.valid) valid++;
    }
    expect(valid).toBeGreaterThan(100);
  });
});

function expectConsistent(analysis: ModelAnalysis) {
  expect(analysis.valid).toBe(errors(analysis).length === 0);
  let total = 0;
  for (const b of analysis.blocks) {
    total += b.params.trainable;
    expect(Number.isSafeInteger(b.params.trainable) && b.params.trainable >= 0).toBe(true);
    if (b.outputShape !== null) expect(b.outputShape.every((d) => Number.isInteger(d) && d > 0)).toBe(true);
  }
  expect(analysis.totals.trainable).toBe(total);
  const fixed = analysis.blocks.reduce((n, b) => n + b.params.nonTrainable, 0);
  expect(analysis.totals.nonTrainable).toBe(fixed);
  for (const issue of analysis.issues) {
    expect(ISSUE_CODES).toContain(issue.code);
    const keys = ISSUE_VALUE_KEYS[issue.code as keyof typeof ISSUE_VALUE_KEYS];
    expect(Object.keys(issue.values).sort()).toEqual([...keys].sort());
  }
}
