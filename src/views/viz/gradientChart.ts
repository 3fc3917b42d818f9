// Gradient flow over time as a D3 controller: per weighted layer, the gradient norm and the update-to-
// weight ratio on log axes, one line per layer (first layers in cool colours, last in warm, so a fan that
// opens towards the input shows gradients vanishing). Redraws at most once per animation frame.
import * as d3 from 'd3';
import { logDomain, logPoints } from '../../paint/logScale';
import type { GradientHistory, ProbeChannel } from '../../paint/probeChannel';
import { vizCounters } from './counters';
import { createLifecycle } from '../charts/lifecycle';

export interface GradientChartLabels {
  readonly gradNorm: string;
  readonly updateRatio: string;
  readonly step: string;
  /** Shown while there is nothing to draw; one line per '\n' (svg text does not wrap). */
  readonly empty: string;
}

export interface GradientChart {
  setLabels(labels: GradientChartLabels): void;
  destroy(): void;
}

const MARGIN = { top: 22, right: 110, bottom: 30, left: 56 };
const PANEL_HEIGHT = 170;

type Metric = 'gradNorm' | 'updateRatio';

export function createGradientChart(el: HTMLElement, channel: ProbeChannel, initial: GradientChartLabels): GradientChart {
  let labels = initial;
  let drawnLength = -1;
  const svg = d3.select(el).append('svg').attr('class', 'gradient-chart').attr('role', 'img');
  const panels = (['gradNorm', 'updateRatio'] as const).map((metric, i) => {
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top + i * (PANEL_HEIGHT + MARGIN.top + MARGIN.bottom)})`);
    return {
      metric, g,
      xAxis: g.append('g').attr('class', 'axis x'), yAxis: g.append('g').attr('class', 'axis y'),
      title: g.append('text').attr('class', 'axis-label').attr('y', -8),
      lines: g.append('g').attr('class', 'lines'), legend: g.append('g').attr('class', 'legend'),
    };
  });
  const empty = svg.append('text').attr('class', 'empty').attr('x', MARGIN.left).attr('y', MARGIN.top + 40);

  const draw = () => {
    const history = channel.gradients;
    drawnLength = history.steps.length;
    const width = Math.max(320, life.size?.width ?? el.clientWidth) - MARGIN.left - MARGIN.right;
    svg.attr('width', width + MARGIN.left + MARGIN.right).attr('height', 2 * (PANEL_HEIGHT + MARGIN.top + MARGIN.bottom));
    svg.attr('data-points', history.steps.length).attr('aria-label', `${labels.gradNorm}, ${labels.updateRatio}`);
    const lines = history.steps.length === 0 ? labels.empty.split('\n') : [];
    empty.selectAll('tspan').data(lines).join('tspan').attr('x', MARGIN.left).attr('dy', (_, i) => (i === 0 ? 0 : '1.3em')).text((d) => d);
    const x = d3.scaleLinear().domain([d3.min(history.steps) ?? 0, Math.max(1, d3.max(history.steps) ?? 1)]).range([0, width]);
    const color = d3.scaleSequential(d3.interpolateTurbo).domain([-0.5, Math.max(1, history.layers.length - 0.5)]);
    for (const p of panels) drawPanel(p, history, x, width, color, labels);
    vizCounters.gradientDraws += 1;
  };
  const life = createLifecycle(draw, { element: el });
  const schedule = life.schedule;
  life.listen(channel, () => channel.gradients.steps.length !== drawnLength);
  life.onDestroy(() => svg.remove());
  schedule();
  return {
    setLabels(next) {
      labels = next;
      schedule();
    },
    destroy: life.destroy,
  };
}

type Selection<T extends d3.BaseType> = d3.Selection<T, unknown, null, undefined>;

interface Panel {
  readonly metric: Metric;
  readonly xAxis: Selection<SVGGElement>;
  readonly yAxis: Selection<SVGGElement>;
  readonly title: Selection<SVGTextElement>;
  readonly lines: Selection<SVGGElement>;
  readonly legend: Selection<SVGGElement>;
}

function drawPanel(p: Panel, history: GradientHistory, x: d3.ScaleLinear<number, number>, width: number,
  color: (i: number) => string, labels: GradientChartLabels): void {
  const series = history.layers.map((layer, i) => ({ id: layer.id, i, points: logPoints(history.steps, layer[p.metric]) }));
  const y = d3.scaleLog().domain(logDomain(series.flatMap((s) => s.points.map((q) => q.y)))).range([PANEL_HEIGHT, 0]);
  p.xAxis.attr('transform', `translate(0,${PANEL_HEIGHT})`).call(d3.axisBottom(x).ticks(6));
  p.yAxis.call(d3.axisLeft(y).ticks(4, '.0e'));
  p.title.text(p.metric === 'gradNorm' ? labels.gradNorm : labels.updateRatio);
  const line = d3.line<{ x: number; y: number }>().x((q) => x(q.x)).y((q) => y(q.y));
  p.lines.selectAll<SVGPathElement, (typeof series)[number]>('path').data(series, (s) => s.id)
    .join('path').attr('class', 'line').attr('fill', 'none').attr('stroke-width', 1.5)
    .attr('stroke', (s) => color(s.i)).attr('data-layer', (s) => s.id).attr('d', (s) => line(s.points) ?? '');
  const items = p.legend.attr('transform', `translate(${width + 12},0)`)
    .selectAll<SVGGElement, (typeof series)[number]>('g.item').data(series, (s) => s.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'item');
      g.append('line').attr('x1', 0).attr('x2', 14).attr('stroke-width', 2);
      g.append('text').attr('x', 18).attr('dy', '0.35em').attr('font-size', 11);
      return g;
    });
  items.attr('transform', (s) => `translate(0,${s.i * 15})`);
  items.select('line').attr('stroke', (s) => color(s.i));
  items.select('text').text((s) => s.id);
}
