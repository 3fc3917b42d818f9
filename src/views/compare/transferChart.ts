// The transfer comparison as a plot: test accuracy against the share of labels (1%, 10%, 100% on a log axis),
// one line per way (linear probe, fine-tune, from scratch), as cs231n draws "how much data". A framework-free
// controller: create(el) -> {update, destroy}, redrawn at most once per animation frame.
import * as d3 from 'd3';
import { LABEL_SHARES, type LabelShare } from '../../data/labelShare';
import { TRANSFER_WAYS, type TransferTable, type TransferWay } from '../../project/transferMatrix';
import { createLifecycle } from '../charts/lifecycle';
import { drawLegend, RUN_COLOURS } from './compareChart';

export interface TransferChartLabels {
  readonly share: string;
  readonly accuracy: string;
  readonly ways: Record<TransferWay, string>;
}

export interface TransferChart {
  update(table: TransferTable, labels: TransferChartLabels): void;
  destroy(): void;
}

const W = 480;
const H = 220;
const M = { top: 12, right: 16, bottom: 34, left: 48 };

type Point = { share: LabelShare; accuracy: number };

const pointsOf = (table: TransferTable, way: TransferWay): Point[] =>
  LABEL_SHARES.flatMap((share) => {
    const accuracy = table[way][share];
    return typeof accuracy === 'number' ? [{ share, accuracy }] : [];
  }).sort((a, b) => a.share - b.share);

export function createTransferChart(el: HTMLElement): TransferChart {
  const svg = d3.select(el).append('svg').attr('viewBox', `0 0 ${W} ${H + 24}`).attr('class', 'compare-chart transfer-chart')
    .attr('role', 'img');
  const plot = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);
  const innerH = H - M.top - M.bottom;
  const xAxis = plot.append('g').attr('transform', `translate(0,${innerH})`);
  const yAxis = plot.append('g');
  const xLabel = svg.append('text').attr('x', W / 2).attr('y', H - 4).attr('text-anchor', 'middle').attr('class', 'axis-label');
  const yLabel = svg.append('text').attr('transform', `translate(12,${H / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('class', 'axis-label');
  const lines = plot.append('g');
  const legend = svg.append('g').attr('transform', `translate(${M.left},${H + 14})`);
  let state: { table: TransferTable; labels: TransferChartLabels } | null = null;

  const draw = () => {
    if (!state) return;
    const { table, labels } = state;
    const x = d3.scaleLog().domain([0.01, 1]).range([0, W - M.left - M.right]);
    const y = d3.scaleLinear().domain([0, 1]).range([innerH, 0]);
    xAxis.call(d3.axisBottom(x).tickValues([...LABEL_SHARES]).tickFormat((v) => `${Number(v) * 100}%`));
    yAxis.call(d3.axisLeft(y).ticks(5).tickFormat((v) => `${Math.round(Number(v) * 100)}%`));
    xLabel.text(labels.share);
    yLabel.text(labels.accuracy);
    const line = d3.line<Point>().x((p) => x(p.share)).y((p) => y(p.accuracy));
    const colour = (way: TransferWay) => RUN_COLOURS[TRANSFER_WAYS.indexOf(way)] as string;
    const ways = lines.selectAll<SVGGElement, TransferWay>('g').data(TRANSFER_WAYS).join('g').attr('data-way', (w) => w);
    ways.selectAll<SVGPathElement, TransferWay>('path').data((w) => [w]).join('path')
      .attr('fill', 'none').attr('stroke-width', 2).attr('stroke', colour).attr('d', (w) => line(pointsOf(table, w)) ?? '');
    ways.selectAll<SVGCircleElement, Point & { way: TransferWay }>('circle')
      .data((w) => pointsOf(table, w).map((p) => ({ ...p, way: w }))).join('circle')
      .attr('r', 3.5).attr('fill', (p) => colour(p.way)).attr('cx', (p) => x(p.share)).attr('cy', (p) => y(p.accuracy));
    drawLegend(legend, TRANSFER_WAYS.map((w) => ({ label: labels.ways[w], colour: colour(w) })), 150);
  };
  const life = createLifecycle(draw, { element: el, resize: false });
  life.onDestroy(() => svg.remove());
  return {
    update(table, labels) {
      state = { table, labels };
      life.schedule();
    },
    destroy: life.destroy,
  };
}
