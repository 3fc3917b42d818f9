import { describe, expect, it } from 'vitest';
import { BLOCK_FIELDS } from '../../model/blockFields';
import type { BlockSpec } from '../../model/spec';
import { formatField, parseField, visibleFields } from './fields';

const field = (kind: keyof typeof BLOCK_FIELDS, name: string) => {
  const f = BLOCK_FIELDS[kind].find((d) => d.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe('parseField', () => {
  it('reads whole numbers and refuses text, fractions and out-of-range values', () => {
    const filters = field('conv2d', 'filters');
    expect(parseField('conv2d', filters, ' 32 ')).toEqual({ ok: true, value: 32 });
    expect(parseField('conv2d', filters, 'abc')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseField('conv2d', filters, '')).toEqual({ ok: false, problem: 'notANumber' });
    expect(parseField('conv2d', filters, '2.5')).toEqual({ ok: false, problem: 'notWhole' });
    expect(parseField('conv2d', filters, '0')).toEqual({ ok: false, problem: 'tooSmall' });
    expect(parseField('conv2d', filters, '1e9')).toEqual({ ok: false, problem: 'tooLarge' });
  });
  it('reads sizes as one number or height×width', () => {
    const kernel = field('conv2d', 'kernel');
    expect(parseField('conv2d', kernel, '3')).toEqual({ ok: true, value: 3 });
    expect(parseField('conv2d', kernel, '3x5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseField('conv2d', kernel, '3 × 3')).toEqual({ ok: true, value: 3 });
    expect(parseField('conv2d', kernel, '1,7')).toEqual({ ok: true, value: [1, 7] });
    expect(parseField('conv2d', kernel, '3x')).toEqual({ ok: false, problem: 'size2' });
    expect(parseField('conv2d', kernel, '3x3x3')).toEqual({ ok: false, problem: 'size2' });
    expect(parseField('conv2d', kernel, '0x3').ok).toBe(false);
  });
  it('reads padding as valid, same or pixels', () => {
    const padding = field('conv2d', 'padding');
    expect(parseField('conv2d', padding, 'SAME')).toEqual({ ok: true, value: 'same' });
    expect(parseField('conv2d', padding, '2')).toEqual({ ok: true, value: 2 });
    expect(parseField('conv2d', padding, 'wide')).toEqual({ ok: false, problem: 'padding' });
  });
  it('reads rates with the exclusive bound', () => {
    const rate = field('dropout', 'rate');
    expect(parseField('dropout', rate, '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseField('dropout', rate, '1').ok).toBe(false);
  });
});

describe('formatField / visibleFields', () => {
  it('shows pairs as height×width and unset values as their default', () => {
    expect(formatField(field('conv2d', 'kernel'), [3, 5])).toBe('3×5');
    expect(formatField(field('conv2d', 'dilation'), undefined)).toBe('1');
  });
  it('shows alpha only for leaky ReLU and ELU', () => {
    const act = (fn: string) => ({ id: 'a', kind: 'activation', fn, inputs: [] }) as unknown as BlockSpec;
    expect(visibleFields(act('relu')).map((f) => f.name)).toEqual(['fn']);
    expect(visibleFields(act('elu')).map((f) => f.name)).toEqual(['fn', 'alpha']);
  });
});
