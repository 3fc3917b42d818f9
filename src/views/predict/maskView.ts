// The mask view as a framework-free controller: create(el, labels) -> {update, destroy}. For each chosen
// test image, the image, its true mask and the predicted mask laid over it, with the image's IoU, and a
// legend of the class colours. It is fed the latest report straight from the prediction channel, so an
// epoch's masks never cause a React render; a report of another run than the one drawn replaces it whole.
import type { ConfusionReport, MaskBatch } from '../../train/api/protocol';
import { classColour, maskOverlay, paintOverlay } from './maskPaint';

export interface MaskViewLabels {
  readonly classNames: readonly string[];
  readonly image: string;
  readonly truth: string;
  readonly predicted: string;
  /** "after epoch 3" */
  readonly heading: (epoch: number) => string;
  readonly iou: (value: number) => string;
  readonly none: string;
}

export interface MaskView {
  /** The run's latest report (null: none yet for this run, e.g. a new run before its first epoch). */
  update(report: ConfusionReport | null, runId: number | null): void;
  destroy(): void;
}

const SIZE = 96;

function canvasOf(batch: MaskBatch, k: number, mask: 'truth' | 'predicted' | null, title: string): HTMLCanvasElement {
  const [h, w, c] = batch.imageShape;
  const el = document.createElement('canvas');
  Object.assign(el, { width: w, height: h, title });
  el.className = 'pixelated';
  el.style.width = `${SIZE}px`;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', title);
  const image = batch.images.subarray(k * h * w * c, (k + 1) * h * w * c);
  const classes = mask === null ? null : batch[mask].subarray(k * h * w, (k + 1) * h * w);
  paintOverlay(el, maskOverlay(image, classes, h, w, c), h, w);
  return el;
}

function legendOf(names: readonly string[]): HTMLElement {
  const ul = document.createElement('ul');
  ul.className = 'mask-legend';
  names.forEach((name, c) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = classColour(c);
    li.append(swatch, name);
    ul.append(li);
  });
  return ul;
}

export function createMaskView(host: HTMLElement, labels: MaskViewLabels): MaskView {
  let shown: ConfusionReport | null | undefined;
  const draw = (report: ConfusionReport | null, runId: number | null) => {
    host.replaceChildren();
    host.dataset.run = runId === null ? '' : String(runId);
    host.dataset.epoch = report ? String(report.epoch) : '';
    const batch = report?.masks?.chosen;
    if (!report || !batch || batch.index.length === 0) {
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = labels.none;
      host.append(p);
      return;
    }
    const title = document.createElement('h3');
    title.textContent = labels.heading(report.epoch);
    const grid = document.createElement('div');
    grid.className = 'mask-grid';
    for (const text of [labels.image, labels.truth, labels.predicted, '']) {
      const head = document.createElement('span');
      head.className = 'mask-head';
      head.textContent = text;
      grid.append(head);
    }
    for (let k = 0; k < batch.index.length; k += 1) {
      const iou = document.createElement('span');
      iou.className = 'mask-iou';
      iou.dataset.value = String(batch.iou[k]);
      iou.textContent = labels.iou(batch.iou[k] as number);
      grid.append(canvasOf(batch, k, null, labels.image), canvasOf(batch, k, 'truth', labels.truth),
        canvasOf(batch, k, 'predicted', labels.predicted), iou);
    }
    host.append(title, legendOf(labels.classNames), grid);
  };
  return {
    update(report, runId) {
      if (report === shown && host.dataset.run === String(runId ?? '')) return;
      shown = report;
      draw(report, runId);
    },
    destroy() {
      host.replaceChildren();
    },
  };
}
