// The live loss / accuracy chart as a framework-free D3 controller: create(el) -> {update, destroy}.
// It subscribes to the metric series itself and redraws at most once per animation frame, so a training
// run never causes a React render per batch.
import * as d3 from 'd3';
import { smoothEma, type Series, type SeriesPoint } from '../../metrics/series';
import { downsample } from './downsample';

export interface LossChartLabels {
  readonly loss: string;
  readonly accuracy: string;
  readonly step: string;
}

export interface LossChartOptions {
  readonly loss: Series;
  readonly accuracy: Series;
  readonly labels: LossChartLabels;
  readonly smoothing?: number;
}

export interface LossChart {
  setLabels(labels: LossChartLabels): void;
  /** Number of redraws so far (read by tests and the benchmark). */
  readonly draws: number;
  destroy(): void;
}

const MARGIN = { top: 30, right: 52, bottom: 34, left: 52 };

export function createLossChart(el: HTMLElement, opts: LossChartOptions): LossChart {
  let labels = opts.labels;
  let frame = 0;
  let draws = 0;
  const svg = d3.select(el).append('svg').attr('class', 'loss-chart').attr('role', 'img');
  const root = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const xAxis = root.append('g').attr('class', 'axis x');
  const yLossAxis = root.append('g').attr('class', 'axis y-loss');
  const yAccAxis = root.append('g').attr('class', 'axis y-acc');
  const rawLoss = root.append('path').attr('class', 'line loss raw');
  const lossLine = root.append('path').attr('class', 'line loss');
  const accLine = root.append('path').attr('class', 'line accuracy');
  const xLabel = root.append('text').attr('class', 'axis-label');
  const legend = root.append('g').attr('class', 'legend');

  const draw = () => {
    frame = 0;
    draws += 1;
    const width = Math.max(200, el.clientWidth) - MARGIN.left - MARGIN.right;
    const height = Math.max(160, el.clientHeight || 280) - MARGIN.top - MARGIN.bottom;
    svg.attr('width', width + MARGIN.left + MARGIN.right).attr('height', height + MARGIN.top + MARGIN.bottom);
    svg.attr('aria-label', `${labels.loss}, ${labels.accuracy}`).attr('data-points', opts.loss.length);

    const buckets = Math.max(50, Math.floor(width));
    const loss = downsample(opts.loss.points(), buckets);
    const acc = downsample(smoothEma(opts.accuracy.points(), opts.smoothing ?? 0.6), buckets);
    const smoothLoss = smoothEma(loss, opts.smoothing ?? 0.6);
    const xMax = Math.max(1, d3.max(loss, (p) => p.x) ?? 1);
    const x = d3.scaleLinear().domain([0, xMax]).range([0, width]);
    const yLoss = d3.scaleLinear().domain([0, Math.max(0.1, d3.max(loss, (p) => p.y) ?? 1)]).nice().range([height, 0]);
    const yAcc = d3.scaleLinear().domain([0, 1]).range([height, 0]);

    xAxis.attr('transform', `translate(0,${height})`).call(d3.axisBottom(x).ticks(6));
    yLossAxis.call(d3.axisLeft(yLoss).ticks(5));
    yAccAxis.attr('transform', `translate(${width},0)`).call(d3.axisRight(yAcc).ticks(5, '.0%'));
    const line = (y: d3.ScaleLinear<number, number>) =>
      d3.line<SeriesPoint>().x((p) => x(p.x)).y((p) => y(Number.isFinite(p.y) ? p.y : 0));
    rawLoss.attr('d', line(yLoss)(loss) ?? '');
    lossLine.attr('d', line(yLoss)(smoothLoss) ?? '');
    accLine.attr('d', line(yAcc)(acc) ?? '');
    xLabel.attr('x', width / 2).attr('y', height + 30).attr('text-anchor', 'middle').text(labels.step);
    drawLegend(legend, labels, width);
  };

  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };
  const offLoss = opts.loss.subscribe(schedule);
  const offAcc = opts.accuracy.subscribe(schedule);
  const resize = new ResizeObserver(schedule);
  resize.observe(el);
  schedule();

  return {
    setLabels(next) {
      labels = next;
      schedule();
    },
    get draws() {
      return draws;
    },
    destroy() {
      if (frame !== 0) cancelAnimationFrame(frame);
      offLoss();
      offAcc();
      resize.disconnect();
      svg.remove();
    },
  };
}

// The legend sits above the plot, where it can never hide the curves.
function drawLegend(g: d3.Selection<SVGGElement, unknown, null, undefined>, labels: LossChartLabels, width: number) {
  const items = [
    { cls: 'loss', text: labels.loss },
    { cls: 'accuracy', text: labels.accuracy },
  ];
  const rows = g.selectAll<SVGGElement, (typeof items)[number]>('g.item').data(items);
  const entered = rows.enter().append('g').attr('class', 'item');
  entered.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 0).attr('y2', 0);
  entered.append('text').attr('x', 24).attr('dy', '0.35em');
  const all = entered.merge(rows);
  all.attr('transform', (_d, i) => `translate(${i * Math.max(140, width / 3)},-18)`);
  all.select('line').attr('class', (d) => `line ${d.cls}`);
  all.select('text').text((d) => d.text);
}
