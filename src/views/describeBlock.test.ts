import { describe, expect, it } from 'vitest';
import { defaultBlock } from '../model/blockFields';
import { BLOCK_KINDS } from '../model/graph';
import { activation, conv2d, dense, dropout, maxPool2d } from '../model/presets';
import type { BlockSpec } from '../model/spec';
import { describeBlock } from './describeBlock';

const block = (draft: object): BlockSpec => ({ ...draft, id: 'b', inputs: [] }) as unknown as BlockSpec;

describe('describeBlock', () => {
  it.each([
    [conv2d(6, 5, { padding: 2 }), '6 @ 5×5, s1, p2'],
    [conv2d(8, [1, 7], { stride: [2, 1], padding: 'same' }), '8 @ 1×7, s2,1, same'],
    [conv2d(4, 3, { dilation: 2, useBias: false, activation: 'relu' }), '4 @ 3×3, s1, valid, d2, no bias, relu'],
    [maxPool2d(3, { stride: 2 }), '3×3, s2, valid'],
    [activation('leakyRelu', 0.1), 'leakyRelu α=0.1'],
    [dense(10, { activation: 'elu' }), '10, elu'],
    [dropout(0.25), '0.25'],
  ])('%j reads "%s"', (draft, text) => {
    expect(describeBlock(block(draft))).toBe(text);
  });

  it('describes every kind with defaults without throwing', () => {
    for (const kind of BLOCK_KINDS) expect(typeof describeBlock(defaultBlock(kind, 'x', []))).toBe('string');
  });
});
