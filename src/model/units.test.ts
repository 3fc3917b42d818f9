import { describe, expect, it } from 'vitest';
import { flopsOf, formatBytes, groupDigits } from './units';

describe('formatBytes', () => {
  it('writes binary units, and names them so', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(28 * 28 * 6 * 4)).toBe('18.4 KiB'); // LeNet-5's conv1 output, one example
    expect(formatBytes(123_456)).toBe('121 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(5 * 1024 ** 4, 'ko')).toBe('5,120 GiB');
  });

  it('writes numbers the way the language does', () => {
    expect(formatBytes(2.5 * 1024 ** 2, 'ko')).toBe('2.5 MiB');
    expect(formatBytes(5000, 'en')).toBe('4.9 KiB');
  });

  it('never throws on bad input', () => {
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-5)).toBe('0 B');
  });

  it('counts two FLOPs per multiply-add', () => {
    expect(flopsOf(117_600)).toBe(235_200);
  });
});

describe('groupDigits', () => {
  it('writes what toLocaleString writes for English and Korean, without Intl', () => {
    const values = [0, 7, 999, 1000, 1843, 60000, 1234567, 12.5, 0.25, 3.14159, 1234.5678, 99.95, 1e15, -1234.5, 0.0004];
    for (const v of values) {
      for (const digits of [0, 1, 3]) {
        for (const locale of ['en-US', 'ko-KR']) {
          expect(groupDigits(v, digits), `${v} ${digits} ${locale}`).toBe(v.toLocaleString(locale, { maximumFractionDigits: digits }));
        }
      }
    }
  });
});
