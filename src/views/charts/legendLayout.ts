// The chart's legend as one row (pure, tested without a DOM): the line styles at the right end, the runs
// sharing what is left at the left. When the row is too narrow for the styles' words, they shrink to their
// marks alone (the words stay in their tooltips), and a run's name is cut to its share of the row.
import { PART_SEPARATOR, textWidth, truncateLabel } from './runLabels';

/** Width of a run's colour swatch and the space after it; of a style's line or dot and the space after it. */
export const SWATCH = 16;
export const GLYPH = 22;
const ITEM_GAP = 10;
/** A run gets at least this much of the row before the styles give up their words. */
const MIN_RUN = 64;

export interface LegendRow {
  /** Left edge of each run's item, and the pixels its name may take. */
  readonly runX: readonly number[];
  readonly runText: number;
  /** Left edge of each style's item. */
  readonly markX: readonly number[];
  /** Whether the styles show their words (else only their marks). */
  readonly markWords: boolean;
}

export function legendRow(runLabels: readonly string[], markTexts: readonly string[], width: number): LegendRow {
  const withWords = markTexts.map((t) => GLYPH + textWidth(t) + ITEM_GAP);
  const fullMarks = withWords.reduce((a, b) => a + b, 0);
  const runs = runLabels.length;
  const markWords = width - fullMarks >= runs * MIN_RUN;
  const markWidths = markWords ? withWords : markTexts.map(() => GLYPH);
  const marksWidth = markWidths.reduce((a, b) => a + b, 0);
  // Runs share what is left, no more than the longest name needs (so short names stay together).
  const longest = Math.max(0, ...runLabels.map((l) => SWATCH + textWidth(l) + ITEM_GAP));
  const share = runs === 0 ? 0 : Math.max(0, Math.min(longest, (width - marksWidth) / runs));
  const markX: number[] = [];
  let x = width - marksWidth;
  for (const w of markWidths) {
    markX.push(x);
    x += w;
  }
  return {
    runX: runLabels.map((_l, i) => i * share),
    runText: Math.max(0, share - SWATCH - ITEM_GAP),
    markX,
    markWords,
  };
}

/** A run's name as the row shows it: cut to its share, or only its swatch when the share is too small. */
export const shownRunName = (label: string, row: LegendRow): string =>
  (row.runText >= 20 ? truncateLabel(label, row.runText) : '');

/** The parts (" · ") of `label` that some other label lacks, and the words they start with in common removed. */
function differingTail(label: string, others: readonly string[]): string {
  const split = (l: string) => l.split(PART_SEPARATOR);
  const kept = split(label).filter((part) => !others.every((o) => split(o).includes(part)));
  const own = (kept.length > 0 ? kept : split(label)).join(PART_SEPARATOR);
  const words = own.split(' ');
  const otherWords = others.map((o) => split(o).filter((p) => !split(label).includes(p)).join(PART_SEPARATOR).split(' '));
  let common = 0;
  while (common < words.length - 1 && otherWords.every((w) => w[common] === words[common])) common += 1;
  return common > 0 ? `…${words.slice(common).join(' ')}` : own;
}

/**
 * The runs' names as the row shows them, told apart: names that differ never show as the same cut text
 * ("network A" and "network B" both cut to "network…"); such names show what differs ("…A", "…B").
 */
export function shownRunNames(labels: readonly string[], row: LegendRow): string[] {
  const cut = labels.map((l) => shownRunName(l, row));
  return labels.map((label, i) => {
    const clash = labels.filter((other, j) => j !== i && other !== label && cut[j] === cut[i] && cut[i] !== '');
    return clash.length === 0 ? cut[i]! : truncateLabel(differingTail(label, clash), row.runText);
  });
}
