import { describe, expect, it } from 'vitest';
import { formatCount } from './format';

describe('formatCount', () => {
  it('groups digits as the language does, the same as toLocaleString, in either order of calls', () => {
    expect(formatCount(1843, 'en')).toBe('1,843');
    expect(formatCount(1234567, 'ko')).toBe((1234567).toLocaleString('ko-KR'));
    expect(formatCount(60000, 'en')).toBe((60000).toLocaleString('en-US'));
    expect(formatCount(0, 'ko')).toBe('0');
  });
});
