// The training curves as a framework-free D3 controller: create(el) -> {update..., destroy}. Per-batch loss
// (raw and smoothed) and accuracy, per-epoch test and validation points, the learning rate in a strip
// below, earlier runs overlaid in their own colours, a log-scale option and a hover read-out. It subscribes
// to the metric series itself and redraws at most once per animation frame, so a training run never
// causes a React render per batch.
import * as d3 from 'd3';
import { columnsOf, smoothColumn, smoothEma, type Columns, type Series, type SeriesPoint } from '../../metrics/series';
import { drawable, firstAbove, hasExploded, lossDomain, nearestIndex, runColour } from './chartMath';
import { chartFrame, LR_GAP } from './chartFrame';
import { createReadout, drawLegend, drawReadout, type Group, type LegendMarks } from './chartParts';
import { downsample, downsampleColumns, stepChanges } from './downsample';
import type { RunName } from './runLabels';
import type { SavedRuns } from '../../metrics/savedRuns';
import './charts.css';
import { createLifecycle } from './lifecycle';
import { createRunHistory, type EpochPoint, type RunCurves } from './runHistory';

export interface LossChartLabels extends LegendMarks {
  readonly step: string;
  readonly learningRate: string;
  /** The line styles' words in the legend row (short: "loss", "test"); the full names are their tooltips. */
  readonly shortMarks: LegendMarks;
  /** Legend names of the runs on the chart (in the order given), e.g. by the settings in which they differ. */
  readonly runNames: (runs: readonly number[]) => readonly RunName[];
  /** False where the run's score is known per epoch only (a detector's mAP): the legend names no score curve. */
  readonly perBatch?: boolean;
  /** Beside the mark where an exploded run leaves the plot ("diverged"). */
  readonly exploded?: string;
  /** Hover lines, e.g. "Batch 120", "Loss 0.412 (smoothed 0.398)". */
  readonly readout: (v: Readout) => string[];
}

export interface Readout {
  readonly step: number;
  readonly loss: number;
  readonly smoothLoss: number;
  readonly accuracy: number | null;
  readonly learningRate: number | null;
  readonly others: readonly { readonly run: number; readonly name: string; readonly loss: number }[];
}

export type { EpochPoint } from './runHistory';

export interface LossChartOptions {
  readonly loss: Series;
  readonly accuracy: Series;
  readonly labels: LossChartLabels;
  readonly smoothing?: number;
  readonly logScale?: boolean;
  /** How many earlier runs stay overlaid. */
  readonly keepRuns?: number;
  /** A reopened project's earlier runs, overlaid with this session's. */
  readonly saved?: SavedRuns;
}

export interface LossChart {
  setLabels(labels: LossChartLabels): void;
  setOptions(opts: { smoothing?: number; logScale?: boolean }): void;
  /** A new run begins: the curves of the one before join the overlaid runs. */
  startRun(run: number): void;
  setEpochs(points: readonly EpochPoint[]): void;
  addLearningRate(step: number, rate: number): void;
  /** Number of redraws so far (read by tests and the benchmark). */
  readonly draws: number;
  destroy(): void;
}


/** Each chart's clip path needs an id of its own on the page. */
let charts = 0;

export function createLossChart(el: HTMLElement, opts: LossChartOptions): LossChart {
  let labels = opts.labels;
  let smoothing = opts.smoothing ?? 0.6;
  let logScale = opts.logScale ?? false;
  let draws = 0;
  let hoverX: number | null = null;
  const runs = createRunHistory(opts.loss, opts.accuracy, opts.keepRuns ?? 4);
  const svg = d3.select(el).append('svg').attr('class', 'loss-chart').attr('role', 'img');
  const root = svg.append('g') as Group;
  const xAxis = root.append('g').attr('class', 'axis x');
  const yLossAxis = root.append('g').attr('class', 'axis y-loss');
  const yAccAxis = root.append('g').attr('class', 'axis y-acc');
  const lrAxis = root.append('g').attr('class', 'axis y-lr');
  const pastLayer = root.append('g').attr('class', 'past-runs');
  const rawLoss = root.append('path').attr('class', 'line loss raw');
  const lossLine = root.append('path').attr('class', 'line loss');
  const accLine = root.append('path').attr('class', 'line accuracy');
  const epochLayer = root.append('g').attr('class', 'epoch-points');
  const lrLine = root.append('path').attr('class', 'line learning-rate');
  const lrLabel = root.append('text').attr('class', 'axis-label lr-label');
  const xLabel = root.append('text').attr('class', 'axis-label');
  const legend = root.append('g').attr('class', 'legend') as Group;
  // The loss curves stay inside the plot: an exploded run is cut at the top and marked where it leaves.
  const clipId = `loss-plot-${(charts += 1)}`;
  const clip = svg.insert('defs', ':first-child').append('clipPath').attr('id', clipId).append('rect').attr('y', -2);
  for (const layer of [pastLayer, rawLoss, lossLine, accLine]) layer.attr('clip-path', `url(#${clipId})`);
  const explodedLayer = root.append('g').attr('class', 'exploded-marks');
  const readout = createReadout(root);
  const hover = root.append('rect').attr('class', 'hover-target').attr('fill', 'transparent');

  // Parts that change only with their inputs (the y axes, the legend) are redrawn only when their key changes:
  // a redraw of every axis and of the translated legend was most of a draw while training, and a long frame.
  const drawn = new Map<string, string>();
  let labelsVersion = 0;
  const when = (part: string, key: string, paint: () => void) => {
    if (drawn.get(part) === key) return;
    drawn.set(part, key);
    paint();
  };

  /**
   * A run's curves at the chart's resolution: the loss downsampled (and smoothed from that), the accuracy
   * smoothed step by step and then downsampled. Read from columns in place: a live run of thousands of steps
   * is not copied into an object per step a few times a second.
   */
  let scratch = new Float64Array(0);
  const curves = (r: RunCurves, loss: Columns, accuracy: Columns, lastX: number, buckets: number) => {
    const points = drawable(downsampleColumns(loss, buckets), logScale);
    if (scratch.length < accuracy.y.length) scratch = new Float64Array(Math.max(accuracy.y.length, 2 * scratch.length));
    return { r, lastX, loss: points, smooth: drawable(smoothEma(points, smoothing), logScale),
      acc: downsampleColumns({ x: accuracy.x, y: smoothColumn(accuracy.y, smoothing, scratch) }, buckets) };
  };
  type Curves = ReturnType<typeof curves>;
  // An earlier run's curves do not change: worked out again only for another size or setting.
  const kept = new WeakMap<RunCurves, { key: string; loss: unknown; accuracy: unknown; value: Curves }>();
  const arrayCurves = (r: RunCurves, buckets: number): Curves => {
    const key = `${buckets} ${smoothing} ${logScale}`;
    const hit = kept.get(r);
    if (hit && hit.key === key && hit.loss === r.loss && hit.accuracy === r.accuracy) return hit.value;
    const value = curves(r, columnsOf(r.loss), columnsOf(r.accuracy), r.loss.at(-1)?.x ?? 0, buckets);
    kept.set(r, { key, loss: r.loss, accuracy: r.accuracy, value });
    return value;
  };
  /** The current run is in the series (until they are cleared, when the run history keeps a copy). */
  const live = () => opts.loss.length > 0;

  const draw = () => {
    draws += 1;
    // The svg is absolutely placed in its host (charts.css), so the host's size is the box it is given.
    const box = life.size ?? { width: el.clientWidth, height: el.clientHeight };
    const frame = chartFrame(box.width || 480, box.height || 300, runs.current.lr.length > 0);
    const { width, height, fullHeight, margin } = frame;
    // An attribute set, even to the value it has, makes the browser lay the svg out again in that frame.
    when('frame', `${frame.svgWidth} ${frame.svgHeight} ${margin.left} ${margin.top} ${width} ${fullHeight}`, () => {
      svg.attr('width', frame.svgWidth).attr('height', frame.svgHeight);
      root.attr('transform', `translate(${margin.left},${margin.top})`);
      hover.attr('width', width).attr('height', fullHeight);
      clip.attr('width', width).attr('height', height + 4);
      // The axis name sits in the corner under the loss axis's labels, beside the first batch tick.
      xLabel.attr('x', -14).attr('y', fullHeight + 15).attr('text-anchor', 'end');
    });
    when('names', `${labelsVersion} ${runs.past.length} ${logScale}`, () => {
      svg.attr('aria-label', `${labels.loss}, ${labels.accuracy}`)
        .attr('data-runs', runs.past.length + 1).attr('data-scale', logScale ? 'log' : 'linear');
      xLabel.text(labels.step);
    });
    svg.attr('data-points', opts.loss.length);
    const { past, current } = runs;
    const buckets = Math.max(50, Math.floor(width));
    const shown = [...past.map((r) => arrayCurves(r, buckets)),
      live() ? curves(current, opts.loss.columns(), opts.accuracy.columns(), opts.loss.last()?.x ?? 0, buckets)
        : arrayCurves(current, buckets)];
    const xMax = Math.max(1, ...shown.map((s) => s.lastX));
    // A nice domain (the last batch rounded up to the next tick) moves only when the curve reaches its end, so
    // the x axis is redrawn a few times per run, not on every draw.
    const x = d3.scaleLinear().domain([0, xMax]).range([0, width]).nice(frame.xTicks);
    const [lo, hi] = lossDomain(shown.map((s) => s.loss), logScale);
    const yLoss = (logScale ? d3.scaleLog() : d3.scaleLinear()).domain([lo, hi]).range([height, 0]).nice();
    const yAcc = d3.scaleLinear().domain([0, 1]).range([height, 0]);
    drawExploded(shown.map((s) => ({ run: s.r.run, loss: s.loss })), x, yLoss.domain()[1] ?? hi);
    when('x', `${x.domain().join()} ${width} ${fullHeight} ${frame.xTicks}`, () => {
      xAxis.attr('transform', `translate(0,${fullHeight})`).call(d3.axisBottom(x).ticks(frame.xTicks).tickSizeOuter(0));
    });
    when('yLoss', `${yLoss.domain().join()} ${height} ${frame.yTicks} ${logScale}`, () => {
      yLossAxis.call(d3.axisLeft(yLoss).ticks(frame.yTicks, logScale ? '~g' : undefined).tickSizeOuter(0));
      if (logScale) thinLogLabels(yLossAxis, frame.yTicks);
    });
    // A detector's mAP is written 0 to 1 (as its table does), an accuracy as a percentage.
    const scoreFormat = labels.perBatch === false ? '.1f' : '.0%';
    when('yAcc', `${width} ${height} ${frame.yTicks} ${scoreFormat}`, () => {
      yAccAxis.attr('transform', `translate(${width},0)`).call(d3.axisRight(yAcc).ticks(frame.yTicks, scoreFormat).tickSizeOuter(0));
    });
    const line = (y: (v: number) => number) => d3.line<SeriesPoint>().x((p) => x(p.x)).y((p) => y(p.y));
    const lossPath = line((v) => yLoss(v) ?? 0);
    const accPath = line(yAcc);

    pastLayer.selectAll<SVGGElement, (typeof shown)[number]>('g.past').data(shown.slice(0, -1), (d) => String(d.r.run))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'past');
        g.append('path').attr('class', 'line loss past');
        g.append('path').attr('class', 'line accuracy past');
        return g;
      })
      .each(function drawPast(d) {
        const g = d3.select(this);
        g.select('path.loss').attr('d', lossPath(d.smooth) ?? '').style('stroke', runColour(d.r.run));
        g.select('path.accuracy').attr('d', accPath(d.acc) ?? '').style('stroke', runColour(d.r.run));
      });
    const now = shown.at(-1);
    const colour = runColour(current.run);
    // Inline styles: the page's stylesheet colours .line by metric, a run's colour has to win over it.
    when('colour', colour, () => {
      for (const path of [rawLoss, lossLine, accLine]) path.style('stroke', colour);
    });
    rawLoss.attr('d', lossPath(now?.loss ?? []) ?? '');
    lossLine.attr('d', lossPath(now?.smooth ?? []) ?? '');
    accLine.attr('d', accPath(now?.acc ?? []) ?? '');
    drawEpochs(x, yAcc, colour);
    drawLearningRate(x, frame.lrStrip > 0 ? height + LR_GAP : null, fullHeight, frame.lrTicks, buckets);
    const runIds = [...past, current].map((r) => r.run);
    const withIoU = current.epochs.some((e) => e.testMeanIoU !== undefined && !Number.isNaN(e.testMeanIoU));
    const perBatch = labels.perBatch ?? true;
    when('legend', `${runIds.join()} ${labelsVersion} ${margin.left} ${margin.top} ${frame.svgWidth} ${withIoU} ${perBatch}`, () => {
      const names = labels.runNames(runIds);
      legend.attr('transform', `translate(${4 - margin.left},${-margin.top / 2})`);
      drawLegend(legend, [...past, current].map((r, i) => ({ label: names[i]?.short ?? String(r.run), title: names[i]?.full ?? '',
        colour: runColour(r.run), current: r === current })), labels, labels.shortMarks, frame.svgWidth - 8, withIoU, perBatch);
    });
    drawHover(x, width, fullHeight, now?.smooth ?? []);
  };

  /** A mark at the top of the plot where each exploded run leaves it, in the run's colour. */
  const drawExploded = (runsShown: readonly { run: number; loss: readonly SeriesPoint[] }[], x: d3.ScaleLinear<number, number>, top: number) => {
    const marks = runsShown.flatMap((r) => {
      const out = hasExploded(r.loss) ? firstAbove(r.loss, top) : null;
      return out ? [{ run: r.run, x: Math.round(x(out.x)) }] : [];
    });
    svg.attr('data-exploded', marks.length);
    when('exploded', `${marks.map((m) => `${m.run}@${m.x}`).join()} ${labelsVersion}`, () => {
      explodedLayer.selectAll<SVGTextElement, (typeof marks)[number]>('text').data(marks).join('text')
        .attr('class', 'exploded-mark').attr('x', (d) => d.x).attr('y', 10).attr('text-anchor', 'start')
        .style('fill', (d) => runColour(d.run)).text(`▲ ${labels.exploded ?? ''}`.trim());
    });
  };

  const drawEpochs = (x: d3.ScaleLinear<number, number>, yAcc: d3.ScaleLinear<number, number>, colour: string) => {
    const marks = runs.current.epochs.flatMap((e) => [
      ...(e.test === undefined || Number.isNaN(e.test) ? [] : [{ x: e.x, y: e.test, kind: 'test' }]),
      ...(e.validation === undefined || Number.isNaN(e.validation) ? [] : [{ x: e.x, y: e.validation, kind: 'validation' }]),
      ...(e.testMeanIoU === undefined || Number.isNaN(e.testMeanIoU) ? [] : [{ x: e.x, y: e.testMeanIoU, kind: 'iou' }]),
    ]);
    // The points move only when an epoch ends or the axes change.
    when('epochs', `${colour} ${marks.map((d) => `${d.kind} ${x(d.x)} ${yAcc(d.y)}`).join()}`, () => {
      epochLayer.selectAll<SVGCircleElement, (typeof marks)[number]>('circle').data(marks).join('circle')
        .attr('class', (d) => `epoch-point ${d.kind}`).attr('r', 4).attr('cx', (d) => x(d.x)).attr('cy', (d) => yAcc(d.y))
        .style('stroke', colour).style('fill', (d) => (d.kind === 'test' ? colour : '#fff'))
        .style('stroke-dasharray', (d) => (d.kind === 'iou' ? '2 2' : null));
    });
  };

  /** The learning rate in its strip from `top` to `bottom` (none when `top` is null: no rates, or no room). */
  const drawLearningRate = (x: d3.ScaleLinear<number, number>, top: number | null, bottom: number, ticks: number, buckets: number) => {
    const rates = runs.current.lr;
    when('lrStrip', `${top} ${labelsVersion}`, () => {
      lrAxis.attr('display', top === null ? 'none' : null);
      lrLabel.text(top === null ? '' : labels.learningRate);
      if (top !== null) lrLabel.attr('x', 4).attr('y', top + 8);
      if (top === null) lrLine.attr('d', '');
    });
    if (top === null) return;
    const hi = d3.max(rates, (p) => p.y) ?? 0;
    // The line stays below the strip's label (a constant rate runs along the top of its range).
    const y = d3.scaleLinear().domain([0, hi > 0 ? hi : 1]).range([bottom, top + 12]);
    const exp = d3.format('.0e');
    when('lr', `${y.domain().join()} ${top} ${bottom} ${ticks}`, () => {
      lrAxis.call(d3.axisLeft(y).ticks(ticks).tickFormat((v) => (Number(v) === 0 ? '0' : exp(Number(v)))).tickSizeOuter(0));
    });
    // A rate is logged every batch: the steps it changes at draw the same line, averaged to the chart's width
    // when it changes every batch (a cosine schedule).
    const steps = downsample(stepChanges(rates), buckets);
    lrLine.attr('d', d3.line<SeriesPoint>().x((p) => x(p.x)).y((p) => y(p.y)).curve(d3.curveStepAfter)(steps) ?? '');
  };

  const drawHover = (x: d3.ScaleLinear<number, number>, width: number, height: number, smooth: SeriesPoint[]) => {
    const { past, current } = runs;
    // Copied only while the pointer is over the plot.
    const points = hoverX === null ? null : live() ? { loss: opts.loss.points(), accuracy: opts.accuracy.points() } : current;
    const p = points && hoverX !== null ? points.loss[nearestIndex(points.loss, x.invert(hoverX))] : undefined;
    if (!points || !p) {
      when('readout', 'none', () => {
        drawReadout(readout, null, [], width, height);
        svg.attr('data-hover-step', null);
      });
      return;
    }
    const names = labels.runNames([...past, current].map((r) => r.run));
    const at = (points: readonly SeriesPoint[]) => points[nearestIndex(points, p.x)]?.y ?? null;
    const lines = labels.readout({
      step: p.x, loss: p.y, smoothLoss: at(smooth) ?? p.y, accuracy: at(points.accuracy),
      learningRate: at(current.lr),
      others: past.flatMap((r, i) => (r.loss.length ? [{ run: r.run, name: names[i]?.full ?? String(r.run), loss: at(r.loss) ?? Number.NaN }] : [])),
    });
    when('readout', `${p.x} ${x(p.x)} ${width} ${height} ${lines.join('\n')}`, () => {
      svg.attr('data-hover-step', p.x);
      drawReadout(readout, x(p.x), lines, width, height);
    });
  };

  const life = createLifecycle(draw, { element: el });
  const schedule = life.schedule;
  hover.on('pointermove', (event: PointerEvent) => {
    hoverX = d3.pointer(event)[0];
    schedule();
  }).on('pointerleave', () => {
    hoverX = null;
    schedule();
  });
  life.listen(opts.loss);
  life.listen(opts.accuracy);
  const saved = opts.saved;
  if (saved) {
    runs.setSaved(saved.get());
    life.onDestroy(saved.subscribe(() => runs.setSaved(saved.get())));
    life.listen(saved);
  }
  life.onDestroy(() => {
    runs.dispose();
    svg.remove();
  });
  schedule();

  return {
    setLabels(next) {
      labels = next;
      labelsVersion += 1;
      schedule();
    },
    setOptions(next) {
      smoothing = next.smoothing ?? smoothing;
      logScale = next.logScale ?? logScale;
      schedule();
    },
    startRun(run) {
      runs.startRun(run);
      schedule();
    },
    setEpochs(points) {
      runs.current.epochs = [...points];
      schedule();
    },
    addLearningRate(step, rate) {
      const { lr } = runs.current;
      const last = lr.at(-1);
      if (last && step <= last.x) return;
      lr.push({ x: step, y: rate });
      schedule();
    },
    get draws() {
      return draws;
    },
    destroy: life.destroy,
  };
}

/** A log axis labels every power and the steps between when asked for a few ticks: keep at most `count` labels. */
function thinLogLabels(axis: d3.Selection<SVGGElement, unknown, null, undefined>, count: number): void {
  const labelled = axis.selectAll<SVGTextElement, unknown>('.tick text').nodes().filter((n) => (n.textContent ?? '') !== '');
  const every = Math.ceil(labelled.length / Math.max(1, count));
  labelled.forEach((n, i) => {
    if (every > 1 && i % every !== 0) n.textContent = '';
  });
}
