// The side-by-side runs' loss curves overlaid, one colour per run (d3's Tableau 10), with the run now
// training drawn live from the metric series. A framework-free controller: create(el) -> {update, destroy},
// redrawn at most once per animation frame through the shared frame scheduler.
import * as d3 from 'd3';
import type { Series, SeriesPoint } from '../../metrics/series';
import { downsampleColumns } from '../charts/downsample';
import { createLifecycle } from '../charts/lifecycle';

export const RUN_COLOURS = d3.schemeTableau10;

export interface CompareCurve {
  readonly label: string;
  readonly points: readonly SeriesPoint[];
}

/** A row of swatches with their names under a chart, `spacing` apart. */
export function drawLegend(legend: d3.Selection<SVGGElement, unknown, null, undefined>,
  entries: readonly { label: string; colour: string }[], spacing: number): void {
  const items = legend.selectAll<SVGGElement, { label: string; colour: string }>('g').data(entries).join((enter) => {
    const g = enter.append('g');
    g.append('rect').attr('width', 14).attr('height', 4).attr('y', -2);
    g.append('text').attr('x', 20).attr('dy', '0.35em').attr('class', 'axis-label');
    return g;
  });
  items.attr('transform', (_d, i) => `translate(${i * spacing},0)`);
  items.select('rect').attr('fill', (d) => d.colour);
  items.select('text').text((d) => d.label);
}

export interface CompareChart {
  /** Finished runs, and the label of the one training now (drawn from the live series), or null. */
  update(curves: readonly CompareCurve[], liveLabel: string | null, labels: { step: string; loss: string }): void;
  destroy(): void;
}

const W = 560;
const H = 240;
const M = { top: 12, right: 12, bottom: 34, left: 48 };

export function createCompareChart(el: HTMLElement, live: Series): CompareChart {
  const svg = d3.select(el).append('svg').attr('viewBox', `0 0 ${W} ${H + 24}`).attr('class', 'compare-chart')
    .attr('role', 'img');
  const plot = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);
  const xAxis = plot.append('g').attr('transform', `translate(0,${H - M.top - M.bottom})`);
  const yAxis = plot.append('g');
  const xLabel = svg.append('text').attr('x', W / 2).attr('y', H - 4).attr('text-anchor', 'middle').attr('class', 'axis-label');
  const yLabel = svg.append('text').attr('transform', `translate(12,${H / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('class', 'axis-label');
  const lines = plot.append('g');
  const legend = svg.append('g').attr('transform', `translate(${M.left},${H + 14})`);
  let state: { curves: readonly CompareCurve[]; liveLabel: string | null; labels: { step: string; loss: string } } =
    { curves: [], liveLabel: null, labels: { step: '', loss: '' } };

  const draw = () => {
    const all = state.liveLabel === null ? state.curves
      : [...state.curves, { label: state.liveLabel, points: downsampleColumns(live.columns(), 400) }];
    const finite = all.flatMap((c) => c.points.filter((p) => Number.isFinite(p.y)));
    const x = d3.scaleLinear().domain([0, d3.max(finite, (p) => p.x) ?? 1]).range([0, W - M.left - M.right]);
    const y = d3.scaleLinear().domain([0, Math.min(d3.max(finite, (p) => p.y) ?? 1, 20)]).nice().range([H - M.top - M.bottom, 0]);
    xAxis.call(d3.axisBottom(x).ticks(6));
    yAxis.call(d3.axisLeft(y).ticks(5));
    xLabel.text(state.labels.step);
    yLabel.text(state.labels.loss);
    const line = d3.line<SeriesPoint>().defined((p) => Number.isFinite(p.y)).x((p) => x(p.x)).y((p) => y(Math.min(p.y, y.domain()[1] as number)));
    lines.selectAll<SVGPathElement, CompareCurve>('path').data(all).join('path')
      .attr('fill', 'none').attr('stroke-width', 2)
      .attr('stroke', (_d, i) => RUN_COLOURS[i % RUN_COLOURS.length] as string)
      .attr('data-run', (d) => d.label)
      .attr('d', (d) => line(d.points as SeriesPoint[]) ?? '');
    drawLegend(legend, all.map((c, i) => ({ label: c.label, colour: RUN_COLOURS[i % RUN_COLOURS.length] as string })), 130);
  };
  // A viewBox scales it to its element: no redraw on resize.
  const life = createLifecycle(draw, { element: el, resize: false });
  const schedule = life.schedule;
  life.listen(live, () => state.liveLabel !== null);
  life.onDestroy(() => svg.remove());
  return {
    update(curves, liveLabel, labels) {
      state = { curves, liveLabel, labels };
      schedule();
    },
    destroy: life.destroy,
  };
}
