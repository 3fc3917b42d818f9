// The convolution arithmetic diagram as a framework-free D3 controller: the kernel's taps on the padded
// input, the output cells written so far, and the receptive field on the input image. Grids are drawn
// with a constant number of elements (areas plus one path of grid lines), so a 60x60 input costs the same
// as a 5x5 one; a step moves a few rects, and redraws happen at most once per animation frame.
import * as d3 from 'd3';
import { frameAt, frameCount, frameIndexOf, outputSize, paddedSize, reach, type WindowGeometry } from './frames';
import { arithLayout, type ArithLayout, type Box } from './layout';
import type { ReceptiveField } from '../../model/receptiveField';
import { createLifecycle } from '../charts/lifecycle';

export interface ArithLabels {
  readonly input: string;
  readonly output: string;
  readonly image: string;
  /** Caption under the grids for the current frame. */
  readonly caption: (f: { step: number; steps: number; row: number; col: number }) => string;
  readonly field: (rf: ReceptiveField) => string;
}

export interface ArithScene {
  readonly geometry: WindowGeometry;
  /** The receptive field of an output cell on the network's input image; absent in free play. */
  readonly fieldOf?: (row: number, col: number) => ReceptiveField | null;
  readonly imageSize?: readonly [number, number] | null;
}

export interface ArithDiagram {
  show(scene: ArithScene, labels: ArithLabels): void;
  /** Jumps to a frame (clamped to the frames there are) and stops playing. */
  setStep(step: number): void;
  /** Moves by `delta` frames and stops playing. */
  step(delta: number): void;
  play(stepsPerSecond: number): void;
  pause(): void;
  readonly playing: boolean;
  readonly current: number;
  readonly steps: number;
  destroy(): void;
}

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

function gridPath(box: Box, rows: number, cols: number, cell: number): string {
  // Grid lines stop being readable below 4 px a cell: draw only the border then.
  if (cell < 4) return `M${box.x},${box.y}h${box.width}v${box.height}h${-box.width}Z`;
  const parts: string[] = [];
  for (let r = 0; r <= rows; r += 1) parts.push(`M${box.x},${box.y + r * cell}h${cols * cell}`);
  for (let c = 0; c <= cols; c += 1) parts.push(`M${box.x + c * cell},${box.y}v${rows * cell}`);
  return parts.join('');
}

const place = (sel: d3.Selection<SVGRectElement, unknown, null, undefined>, x: number, y: number, w: number, h: number) =>
  sel.attr('x', x).attr('y', y).attr('width', Math.max(0, w)).attr('height', Math.max(0, h));

export function createArithDiagram(el: HTMLElement, onStep?: (step: number) => void): ArithDiagram {
  const svg = d3.select(el).append('svg').attr('class', 'arith-diagram').attr('role', 'img');
  const root = svg.append('g') as G;
  const titles = { input: root.append('text').attr('class', 'grid-title'), output: root.append('text').attr('class', 'grid-title'),
    image: root.append('text').attr('class', 'grid-title') };
  const padArea = root.append('rect').attr('class', 'pad-area');
  const realArea = root.append('rect').attr('class', 'real-area');
  const inputGrid = root.append('path').attr('class', 'grid-lines');
  const reachBox = root.append('rect').attr('class', 'window-reach');
  const taps = root.append('g').attr('class', 'taps');
  const outArea = root.append('rect').attr('class', 'out-area');
  const writtenRows = root.append('rect').attr('class', 'written');
  const writtenCells = root.append('rect').attr('class', 'written');
  const currentCell = root.append('rect').attr('class', 'current');
  const outGrid = root.append('path').attr('class', 'grid-lines');
  const link = root.append('line').attr('class', 'window-link');
  const caption = root.append('text').attr('class', 'caption');
  const imageArea = root.append('rect').attr('class', 'image-area');
  const imageGrid = root.append('path').attr('class', 'grid-lines faint');
  const fieldBox = root.append('rect').attr('class', 'field');
  const fieldText = root.append('text').attr('class', 'caption');

  let scene: ArithScene | null = null;
  let labels: ArithLabels | null = null;
  let layout: ArithLayout | null = null;
  let current = 0;
  let timer = 0;
  let rate = 4;
  let lastTick = 0;
  let carry = 0;

  const steps = () => (scene ? frameCount(scene.geometry) : 0);

  const drawStatic = () => {
    if (!scene || !labels) return;
    const g = scene.geometry;
    const l = arithLayout(g, Math.max(320, el.clientWidth || 640), scene.imageSize ?? null);
    layout = l;
    svg.attr('width', l.width).attr('height', l.height).attr('viewBox', `0 0 ${l.width} ${l.height}`);
    const [outH, outW] = outputSize(g);
    titles.input.attr('x', l.input.x).attr('y', l.input.y - 8).text(labels.input);
    titles.output.attr('x', l.output.x).attr('y', l.output.y - 8).text(labels.output);
    place(padArea, l.input.x, l.input.y, l.input.width, l.input.height);
    place(realArea, l.input.x + g.width.padBefore * l.cell, l.input.y + g.height.padBefore * l.cell,
      g.width.input * l.cell, g.height.input * l.cell);
    inputGrid.attr('d', gridPath(l.input, paddedSize(g.height), paddedSize(g.width), l.cell));
    place(outArea, l.output.x, l.output.y, l.output.width, l.output.height);
    outGrid.attr('d', outH * outW > 0 ? gridPath(l.output, outH, outW, l.cell) : '');
    const img = l.image;
    titles.image.attr('display', img ? null : 'none');
    for (const sel of [imageArea, imageGrid, fieldBox, fieldText]) sel.attr('display', img ? null : 'none');
    if (img && scene.imageSize) {
      titles.image.attr('x', img.x).attr('y', img.y - 8).text(labels.image);
      place(imageArea, img.x, img.y, img.width, img.height);
      imageGrid.attr('d', gridPath(img, scene.imageSize[0], scene.imageSize[1], l.imageCell));
    }
  };

  const drawFrame = () => {
    if (!scene || !labels || !layout) return;
    const g = scene.geometry;
    const l = layout;
    const f = frameAt(g, current);
    svg.attr('data-step', f ? current : -1).attr('data-steps', steps());
    const tapData = f ? f.taps : [];
    taps.selectAll<SVGRectElement, unknown>('rect').data(tapData).join('rect')
      .attr('class', (t) => (t.padding ? 'tap pad' : 'tap'))
      .attr('x', (t) => l.input.x + t.col * l.cell + 1).attr('y', (t) => l.input.y + t.row * l.cell + 1)
      .attr('width', Math.max(1, l.cell - 2)).attr('height', Math.max(1, l.cell - 2));
    for (const sel of [reachBox, writtenRows, writtenCells, currentCell, link]) sel.attr('display', f ? null : 'none');
    if (!f) {
      caption.attr('x', l.input.x).attr('y', l.input.y + l.input.height + 18).text('');
      return;
    }
    const [, outW] = outputSize(g);
    place(reachBox, l.input.x + f.left * l.cell, l.input.y + f.top * l.cell, reach(g.width) * l.cell, reach(g.height) * l.cell);
    place(writtenRows, l.output.x, l.output.y, outW * l.cell, f.outRow * l.cell);
    place(writtenCells, l.output.x, l.output.y + f.outRow * l.cell, f.outCol * l.cell, l.cell);
    const cx = l.output.x + f.outCol * l.cell;
    const cy = l.output.y + f.outRow * l.cell;
    place(currentCell, cx, cy, l.cell, l.cell);
    link.attr('x1', l.input.x + (f.left + reach(g.width)) * l.cell).attr('y1', l.input.y + f.top * l.cell)
      .attr('x2', cx).attr('y2', cy);
    caption.attr('x', l.input.x).attr('y', Math.max(l.input.y + l.input.height, l.output.y + l.output.height) + 18)
      .text(labels.caption({ step: current + 1, steps: steps(), row: f.outRow, col: f.outCol }));
    drawField(f.outRow, f.outCol);
  };

  const drawField = (row: number, col: number) => {
    const img = layout?.image;
    const rf = scene?.fieldOf?.(row, col) ?? null;
    if (!img || !rf || !labels || !layout) {
      fieldBox.attr('display', 'none');
      fieldText.text('');
      return;
    }
    const c = layout.imageCell;
    fieldBox.attr('display', null);
    place(fieldBox, img.x + rf.clippedCols.lo * c, img.y + rf.clippedRows.lo * c,
      (rf.clippedCols.hi - rf.clippedCols.lo + 1) * c, (rf.clippedRows.hi - rf.clippedRows.lo + 1) * c);
    fieldBox.attr('data-rows', `${rf.rows.lo},${rf.rows.hi}`).attr('data-cols', `${rf.cols.lo},${rf.cols.hi}`);
    fieldText.attr('x', img.x).attr('y', img.y + img.height + 18).text(labels.field(rf));
  };

  // A resize lays the grids out again before the frame is drawn; it draws whether or not it is on screen
  // (its play loop is the animation itself).
  const life = createLifecycle(drawFrame, { element: el, onScreenOnly: false, resize: () => drawStatic() });
  const schedule = life.schedule;

  const setStep = (step: number) => {
    const n = steps();
    const next = n === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.round(step)));
    if (next !== current) {
      current = next;
      onStep?.(current);
    }
    schedule();
  };

  // The play loop advances by elapsed time, so the speed is the same on a 60 Hz and a 144 Hz screen.
  const tick = (now: number) => {
    timer = requestAnimationFrame(tick);
    carry += ((now - lastTick) / 1000) * rate;
    lastTick = now;
    if (carry < 1) return;
    const advance = Math.floor(carry);
    carry -= advance;
    const n = steps();
    if (n > 0) setStep((current + advance) % n);
  };

  // Clicking an output cell shows that cell's window and receptive field.
  svg.on('click', (event: MouseEvent) => {
    if (!scene || !layout) return;
    const [px, py] = d3.pointer(event, svg.node());
    const row = Math.floor((py - layout.output.y) / layout.cell);
    const col = Math.floor((px - layout.output.x) / layout.cell);
    const index = px >= layout.output.x ? frameIndexOf(scene.geometry, row, col) : null;
    if (index === null) return;
    stopPlaying();
    setStep(index);
  });

  const stopPlaying = () => {
    if (timer !== 0) cancelAnimationFrame(timer);
    timer = 0;
    svg.attr('data-playing', 'false');
  };

  life.onDestroy(() => {
    stopPlaying();
    svg.remove();
  });

  return {
    show(next, nextLabels) {
      scene = next;
      labels = nextLabels;
      svg.attr('aria-label', `${nextLabels.input} → ${nextLabels.output}`);
      drawStatic();
      setStep(current);
    },
    setStep(step) {
      stopPlaying();
      setStep(step);
    },
    step(delta) {
      stopPlaying();
      setStep(current + delta);
    },
    play(stepsPerSecond) {
      rate = stepsPerSecond;
      if (timer !== 0) return;
      if (current >= steps() - 1) setStep(0);
      lastTick = performance.now();
      carry = 0;
      svg.attr('data-playing', 'true');
      timer = requestAnimationFrame(tick);
    },
    pause: stopPlaying,
    get playing() {
      return timer !== 0;
    },
    get current() {
      return current;
    },
    get steps() {
      return steps();
    },
    destroy: life.destroy,
  };
}
