// Conv kernels of every conv layer (one row per output filter, one column per input channel; the first
// layer of an RGB input in colour) and the output layer's class templates, on one canvas redrawn at most
// once per animation frame when new weights arrive.
import type { ClassTemplates, KernelStack } from '../../train/api/probeTypes';
import { DIVERGING } from '../../paint/colors';
import { isRgbKernel, kernelRgb, templatePicture, type Picture } from '../../paint/kernels';
import { filtersPerRow, fixedGrid, gridLayout, kernelTile, type GridLayout } from '../../paint/layout';
import { absMax, extent } from '../../paint/normalise';
import { createPixels, paintMap, paintRgb, type Pixels } from '../../paint/paint';
import type { ProbeChannel } from '../../paint/probeChannel';
import { vizCounters } from './counters';
import { createLifecycle } from '../charts/lifecycle';
import { describeCanvas } from './describe';

export interface FiltersLabels {
  readonly kernels: (k: KernelStack) => string;
  readonly templates: (t: ClassTemplates) => string;
  readonly className: (k: number) => string;
}

export interface FiltersView {
  update(labels: FiltersLabels): void;
  destroy(): void;
}

const LABEL = 18;
const GAP = 10;

interface Section {
  readonly title: string;
  readonly layout: GridLayout;
  readonly top: number;
  readonly paint: (px: Pixels) => void;
  readonly captions?: readonly string[];
}

function kernelSection(k: KernelStack, maxWidth: number, top: number, title: string): Section {
  const size = k.kh * k.kw;
  if (isRgbKernel(k)) {
    const layout = gridLayout(k.outChannels, k.kw, k.kh, { maxWidth, gap: 3, zoom: 8 });
    const range = extent(k.values);
    return { title, layout, top, paint: (px) => {
      for (let o = 0; o < k.outChannels; o++) paintRgb(px, layout, o, kernelRgb(k, o).values, 0, k.kw, k.kh, range);
    } };
  }
  const scale = absMax(k.values); // one scale per layer: kernels of a layer compare with each other
  if (k.inChannels === 1) {
    const layout = gridLayout(k.outChannels, k.kw, k.kh, { maxWidth, gap: 3, zoom: 8 });
    return { title, layout, top, paint: (px) => {
      for (let o = 0; o < k.outChannels; o++) paintMap(px, layout, o, k.values, o * size, k.kw, k.kh, DIVERGING, scale);
    } };
  }
  // Each filter is a run of inChannels tiles; runs wrap side by side so a layer does not grow tall.
  const zoom = Math.max(2, Math.min(6, Math.floor(48 / Math.max(k.kw, k.kh))));
  const perRow = filtersPerRow(maxWidth, k.inChannels, k.kw * zoom + 2);
  const cols = perRow * (k.inChannels + 1);
  const layout = fixedGrid(Math.ceil(k.outChannels / perRow) * cols, cols, k.kw * zoom, k.kh * zoom, 2);
  return { title, layout, top, paint: (px) => {
    for (let o = 0; o < k.outChannels; o++) {
      for (let c = 0; c < k.inChannels; c++) {
        const tile = kernelTile(o, c, perRow, k.inChannels);
        paintMap(px, layout, tile, k.values, (o * k.inChannels + c) * size, k.kw, k.kh, DIVERGING, scale);
      }
    }
  } };
}

function templateSection(t: ClassTemplates, maxWidth: number, top: number, labels: FiltersLabels): Section {
  const pictures: Picture[] = Array.from({ length: t.classes }, (_, k) => templatePicture(t, k));
  const first = pictures[0] ?? { width: 1, height: 1 };
  const zoom = Math.max(2, Math.min(6, Math.floor(96 / Math.max(first.width, first.height))));
  const layout = gridLayout(t.classes, first.width, first.height, { maxWidth, gap: 16, zoom });
  const scale = absMax(t.values);
  const range = extent(t.values);
  return {
    title: labels.templates(t), layout, top,
    captions: pictures.map((_, k) => labels.className(k)),
    paint: (px) => pictures.forEach((p, k) => {
      if (p.channels === 3) paintRgb(px, layout, k, p.values, 0, p.width, p.height, range);
      else paintMap(px, layout, k, p.values, 0, p.width, p.height, DIVERGING, scale);
    }),
  };
}

export function createFilters(el: HTMLElement, channel: ProbeChannel, initial: FiltersLabels): FiltersView {
  let labels = initial;
  const canvas = document.createElement('canvas');
  canvas.className = 'filters-canvas';
  describeCanvas(canvas, ''); // an image once something is drawn
  el.appendChild(canvas);
  const g = canvas.getContext('2d');

  const draw = () => {
    const snap = channel.latest;
    const width = Math.max(200, life.size?.width ?? el.clientWidth);
    const sections: Section[] = [];
    let y = 0;
    for (const k of snap?.filters ?? []) {
      const s = kernelSection(k, width, y + LABEL, labels.kernels(k));
      sections.push(s);
      y = s.top + s.layout.height + GAP;
    }
    if (snap?.templates) {
      const s = templateSection(snap.templates, width, y + LABEL, labels);
      sections.push(s);
      y = s.top + s.layout.height + LABEL + GAP;
    }
    const height = Math.max(1, y);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    if (!g) return;
    const px = createPixels(width, height);
    for (const s of sections) {
      s.paint({ data: px.data.subarray(s.top * width * 4), width, height: height - s.top });
    }
    g.putImageData(new ImageData(px.data, width, height), 0, 0);
    drawText(g, sections);
    canvas.dataset.step = String(snap?.step ?? 0);
    describeCanvas(canvas, sections.map((s) => s.title).join('; '));
    vizCounters.filterDraws += 1;
  };
  const life = createLifecycle(draw, { element: el });
  const schedule = life.schedule;
  let lastFilters: unknown = null;
  life.listen(channel, () => {
    // Gradient- or saliency-only snapshots leave the weights shown as they are.
    const f = channel.latest?.filters ?? null;
    const changed = f !== lastFilters || f === null;
    lastFilters = f;
    return changed;
  });
  life.onDestroy(() => canvas.remove());
  schedule();
  return {
    update(next) {
      labels = next;
      schedule();
    },
    destroy: life.destroy,
  };
}

function drawText(g: CanvasRenderingContext2D, sections: readonly Section[]): void {
  g.fillStyle = '#333';
  g.font = '12px system-ui, sans-serif';
  for (const s of sections) {
    g.fillText(s.title, 0, s.top - 5);
    s.captions?.forEach((caption, i) => {
      const col = i % s.layout.cols;
      const row = Math.floor(i / s.layout.cols);
      const x = col * (s.layout.tileWidth + s.layout.gap);
      const y = s.top + row * (s.layout.tileHeight + s.layout.gap) + s.layout.tileHeight + 12;
      g.fillText(caption, x, y, s.layout.tileWidth);
    });
  }
}
