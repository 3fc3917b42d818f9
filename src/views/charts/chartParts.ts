// Pieces of the training-curves chart drawn with D3: the legend (runs and what each mark means) and the
// hover read-out. Kept apart from lossChart.ts so each file stays small.
import type * as d3 from 'd3';
import { GLYPH, legendRow, shownRunNames, SWATCH } from './legendLayout';
import { textWidth } from './runLabels';

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
  /** The test mean IoU point of a segmentation run (dashed ring). */
  readonly meanIoU?: string;
}

/**
 * The legend's line styles; the IoU ring only where a run on the chart has IoU points, the score's dashed
 * curve only where the run's score is known per batch (a detector's mAP is known per epoch only).
 */
export function legendStyles(marks: LegendMarks, short: LegendMarks, withIoU: boolean, perBatch = true) {
  return [
    { key: 'loss', text: short.loss, title: marks.loss, dash: null, marker: null },
    ...(perBatch ? [{ key: 'accuracy', text: short.accuracy, title: marks.accuracy, dash: '5 3', marker: null }] : []),
    { key: 'test', text: short.testAccuracy, title: marks.testAccuracy, dash: null, marker: 'filled' },
    { key: 'validation', text: short.validation, title: marks.validation, dash: null, marker: 'hollow' },
    ...(withIoU ? [{ key: 'iou', text: short.meanIoU ?? 'IoU', title: marks.meanIoU ?? 'IoU', dash: '2 2', marker: 'hollow' }] : []),
  ] as const;
}

/**
 * One row above the plot, where it never hides a curve: the runs from the left, the line styles at the
 * right (their short words, or only their marks on a narrow row; the full name is each item's tooltip).
 */
export function drawLegend(g: Group, runs: readonly LegendRun[], marks: LegendMarks, short: LegendMarks, width: number,
  withIoU = false, perBatch = true): void {
  const styles = legendStyles(marks, short, withIoU, perBatch);
  const row = legendRow(runs.map((r) => r.label), styles.map((d) => d.text), width);
  const runItems = g.selectAll<SVGGElement, LegendRun>('g.run').data(runs).join((enter) => {
    const item = enter.append('g').attr('class', 'run');
    item.append('rect').attr('width', 12).attr('height', 4).attr('y', -2);
    item.append('text').attr('x', SWATCH).attr('dy', '0.35em');
    item.append('title');
    return item;
  });
  runItems.attr('transform', (_d, i) => `translate(${row.runX[i] ?? 0},0)`).attr('opacity', (d) => (d.current ? 1 : 0.7));
  runItems.select('rect').attr('fill', (d) => d.colour);
  const shown = shownRunNames(runs.map((r) => r.label), row);
  runItems.select('text').text((_d, i) => shown[i] ?? '');
  runItems.select('title').text((d) => d.title || d.label);

  const styleItems = g.selectAll<SVGGElement, (typeof styles)[number]>('g.style').data(styles).join((enter) => {
    const item = enter.append('g').attr('class', 'style');
    // A transparent box under the mark, so the tooltip shows on hover even when only the mark is drawn.
    item.append('rect').attr('class', 'hit').attr('x', -2).attr('y', -7).attr('height', 14).attr('fill', 'transparent');
    item.append('line').attr('x1', 0).attr('x2', 16).attr('stroke', '#555').attr('stroke-width', 1.5);
    item.append('circle').attr('cx', 8).attr('r', 3.5).attr('stroke', '#555');
    item.append('text').attr('x', GLYPH - 2).attr('dy', '0.35em');
    item.append('title');
    return item;
  });
  styleItems.attr('transform', (_d, i) => `translate(${row.markX[i] ?? 0},0)`).attr('data-key', (d) => d.key);
  styleItems.select('rect.hit').attr('width', (d) => (row.markWords ? GLYPH + textWidth(d.text) : GLYPH - 2));
  styleItems.select('text').text((d) => (row.markWords ? d.text : ''));
  styleItems.select('title').text((d) => d.title);
  styleItems.select('line').attr('stroke-dasharray', (d) => d.dash).attr('display', (d) => (d.marker ? 'none' : null));
  styleItems.select('circle').attr('display', (d) => (d.marker ? null : 'none')).attr('stroke-dasharray', (d) => (d.marker ? d.dash : null))
    .attr('fill', (d) => (d.marker === 'filled' ? '#555' : '#fff'));
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
