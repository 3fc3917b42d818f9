import { describe, expect, it } from 'vitest';
import { GLYPH, legendRow, shownRunName, shownRunNames, SWATCH } from './legendLayout';
import { textWidth } from './runLabels';

const MARKS_EN = ['loss', 'accuracy', 'test', 'validation'];
const MARKS_KO = ['손실', '정확도', '테스트', '검증'];

/** Every item's [left, right] on the row, runs with their cut names, styles with or without words. */
function spans(runs: readonly string[], marks: readonly string[], width: number): [number, number][] {
  const row = legendRow(runs, marks, width);
  const runSpans = runs.map((l, i): [number, number] => {
    const x = row.runX[i]!;
    return [x, x + SWATCH + textWidth(shownRunName(l, row))];
  });
  const markSpans = marks.map((m, i): [number, number] => {
    const x = row.markX[i]!;
    return [x, x + (row.markWords ? GLYPH + textWidth(m) : GLYPH - 4)];
  });
  return [...runSpans, ...markSpans];
}

const overlaps = (s: [number, number][]) => s.some((a, i) => s.some((b, j) => i < j && a[0] < b[1] && b[0] < a[1]));

describe('legendRow', () => {
  it('keeps the styles\u2019 words when there is room, and nothing overlaps', () => {
    const runs = ['Run 1 (lr 0.001)', 'Run 2 (lr 0.01)'];
    expect(legendRow(runs, MARKS_EN, 700).markWords).toBe(true);
    expect(overlaps(spans(runs, MARKS_EN, 700))).toBe(false);
  });

  it('shrinks the styles to their marks on a narrow row (Korean, five runs) and still never overlaps', () => {
    const runs = ['실행 1 (lr 0.001 · Adam · 배치 32)', '실행 2', '실행 3 (lr 0.1)', '실행 4 (같은 설정)', '실행 5'];
    for (const width of [200, 320, 460, 520]) {
      const row = legendRow(runs, MARKS_KO, width);
      expect(row.markWords).toBe(false);
      expect(overlaps(spans(runs, MARKS_KO, width))).toBe(false);
      expect(Math.max(...spans(runs, MARKS_KO, width).map((s) => s[1]))).toBeLessThanOrEqual(width);
    }
  });

  it('places the styles at the right end of the row and the first run at its start', () => {
    const row = legendRow(['Run 1'], MARKS_EN, 600);
    expect(row.runX[0]).toBe(0);
    expect(row.markX[0]).toBeGreaterThan(300);
  });
});

describe('names told apart', () => {
  it('never cuts names that differ to the same text: the part that differs is what shows', () => {
    const ko = ['신경망 A', '신경망 B', '신경망 C', '신경망 D'];
    const row = legendRow(ko, MARKS_KO, 300);
    const shown = shownRunNames(ko, row);
    expect(new Set(shown).size).toBe(4);
    expect(shown[1]).toContain('B');
    const en = ['CIFAR-10 · network A', 'CIFAR-10 · network B', 'MNIST · network A'];
    const narrow = legendRow(en, MARKS_EN, 330);
    const cut = shownRunNames(en, narrow);
    expect(new Set(cut).size).toBe(3);
    for (const name of cut) expect(textWidth(name)).toBeLessThanOrEqual(narrow.runText + 0.01);
  });

  it('leaves names that fit, or that are the same, as they are', () => {
    const row = legendRow(['lr 0.1', 'lr 0.01'], MARKS_EN, 600);
    expect(shownRunNames(['lr 0.1', 'lr 0.01'], row)).toEqual(['lr 0.1', 'lr 0.01']);
  });
});
