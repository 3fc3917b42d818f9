// Pieces of the training-curves chart drawn with D3: the legend (runs and what each mark means) and the
// hover read-out. Kept apart from lossChart.ts so each file stays small.
import type * as d3 from 'd3';
import { truncateLabel } from './runLabels';

export type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface LegendRun {
  readonly label: string;
  /** The full name, shown as a tooltip (the label is cut to its share of the row). */
  readonly title: string;
  readonly colour: string;
  readonly current: boolean;
}

export interface LegendMarks {
  readonly loss: string;
  readonly accuracy: string;
  readonly testAccuracy: string;
  readonly validation: string;
}

/** Two rows above the plot, where they never hide a curve: the runs, then the line styles. */
export function drawLegend(g: Group, runs: readonly LegendRun[], marks: LegendMarks, width: number): void {
  const runItems = g.selectAll<SVGGElement, LegendRun>('g.run').data(runs).join((enter) => {
    const item = enter.append('g').attr('class', 'run');
    item.append('rect').attr('width', 14).attr('height', 4).attr('y', -2);
    item.append('text').attr('x', 20).attr('dy', '0.35em');
    item.append('title');
    return item;
  });
  // One row, each run an equal share of it (the plot and the right margin); a longer name is cut.
  const step = Math.max(64, (width + 44) / Math.max(runs.length, 1));
  runItems.attr('transform', (_d, i) => `translate(${i * step},-58)`).attr('opacity', (d) => (d.current ? 1 : 0.7));
  runItems.select('rect').attr('fill', (d) => d.colour);
  runItems.select('text').text((d) => truncateLabel(d.label, step - 28));
  runItems.select('title').text((d) => d.title || d.label);

  const styles = [
    { key: 'loss', text: marks.loss, dash: null, marker: null },
    { key: 'accuracy', text: marks.accuracy, dash: '5 3', marker: null },
    { key: 'test', text: marks.testAccuracy, dash: null, marker: 'filled' },
    { key: 'validation', text: marks.validation, dash: null, marker: 'hollow' },
  ] as const;
  const styleItems = g.selectAll<SVGGElement, (typeof styles)[number]>('g.style').data(styles).join((enter) => {
    const item = enter.append('g').attr('class', 'style');
    item.append('line').attr('x1', 0).attr('x2', 18).attr('stroke', '#555').attr('stroke-width', 1.5);
    item.append('circle').attr('cx', 9).attr('r', 3.5).attr('stroke', '#555');
    item.append('text').attr('x', 24).attr('dy', '0.35em');
    return item;
  });
  // Placed one after another by the measured width of their labels, so long translations (Hangul is about
  // twice as wide a character as Latin) never overlap; a row that would overflow wraps onto the next.
  styleItems.select('text').text((d) => d.text);
  const widths = styleItems.select<SVGTextElement>('text').nodes().map((n, i) =>
    measuredWidth(n) ?? 6.5 * (styles[i]?.text.length ?? 0));
  let cursor = 0;
  let row = 0;
  const at = styles.map((_d, i) => {
    const w = 34 + (widths[i] ?? 0);
    if (cursor > 0 && cursor + w > width + 40) {
      cursor = 0;
      row += 1;
    }
    const pos = [cursor, row] as const;
    cursor += w;
    return pos;
  });
  styleItems.attr('transform', (_d, i) => `translate(${at[i]?.[0] ?? 0},${-40 + 14 * (at[i]?.[1] ?? 0)})`);
  styleItems.select('line').attr('stroke-dasharray', (d) => d.dash).attr('display', (d) => (d.marker ? 'none' : null));
  styleItems.select('circle').attr('display', (d) => (d.marker ? null : 'none'))
    .attr('fill', (d) => (d.marker === 'filled' ? '#555' : '#fff'));
}

// Measuring forces a layout in the middle of a draw, and the legend redraws with every metrics batch while
// its labels rarely change: each label's width is measured once per text.
const measured = new WeakMap<SVGTextElement, { readonly text: string; readonly width: number }>();

/** The rendered width of an SVG label, or null where nothing is laid out (a detached or hidden chart). */
function measuredWidth(node: SVGTextElement): number | null {
  const text = node.textContent ?? '';
  const known = measured.get(node);
  if (known?.text === text) return known.width;
  const w = typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : 0;
  if (w <= 0) return null;
  measured.set(node, { text, width: w });
  return w;
}

/** The hover read-out: a vertical rule at the batch and one line of text per value. */
export function drawReadout(g: Group, x: number | null, lines: readonly string[], width: number, height: number): void {
  g.attr('display', x === null ? 'none' : null);
  if (x === null) return;
  g.select('line.rule').attr('x1', x).attr('x2', x).attr('y1', 0).attr('y2', height);
  const boxWidth = 12 + 7 * Math.max(...lines.map((l) => l.length), 4);
  const left = x + boxWidth + 12 > width ? x - boxWidth - 8 : x + 8;
  const box = g.select<SVGGElement>('g.box').attr('transform', `translate(${left},6)`);
  box.select('rect').attr('width', boxWidth).attr('height', lines.length * 15 + 8);
  box.selectAll<SVGTextElement, string>('text').data(lines).join('text')
    .attr('x', 6).attr('y', (_d, i) => 16 + i * 15).text((d) => d);
}

export function createReadout(parent: Group): Group {
  const g = parent.append('g').attr('class', 'readout').attr('display', 'none').attr('pointer-events', 'none');
  g.append('line').attr('class', 'rule');
  const box = g.append('g').attr('class', 'box');
  box.append('rect').attr('rx', 4);
  return g;
}
