import { describe, expect, it } from 'vitest';
import { fileName, INLINED_PROPERTIES, styleText } from './saveImage';

describe('fileName', () => {
  it('adds the extension once and strips characters file systems reject', () => {
    expect(fileName('loss curve', 'png')).toBe('loss-curve.png');
    expect(fileName('a/b:c*?', 'svg')).toBe('a-b-c.svg');
    expect(fileName('chart.svg', 'svg')).toBe('chart.svg');
    expect(fileName('chart.svg', 'png')).toBe('chart.svg.png');
  });

  it('falls back to a name when nothing usable is left', () => {
    expect(fileName('  ', 'png')).toBe('chart.png');
    expect(fileName('///', 'svg')).toBe('chart.svg');
  });
});

describe('styleText', () => {
  it('inlines the presentation properties and leaves out defaults', () => {
    const values: Record<string, string> = { fill: 'none', stroke: 'rgb(1, 2, 3)', 'font-weight': 'normal', display: 'auto' };
    const text = styleText((p) => values[p] ?? '');
    expect(text).toBe('fill:none;stroke:rgb(1, 2, 3)');
  });

  it('asks for every listed property', () => {
    const asked: string[] = [];
    styleText((p) => {
      asked.push(p);
      return '';
    });
    expect(asked).toEqual([...INLINED_PROPERTIES]);
  });
});
