// The input, its gradient saliency map and its Grad-CAM overlay side by side on one canvas, redrawn at
// most once per animation frame when a new saliency probe arrives.
import { HOT } from '../../paint/colors';
import { gridLayout } from '../../paint/layout';
import { absMax } from '../../paint/normalise';
import { heatOverlay, imageRgb } from '../../paint/overlay';
import { createPixels, paintMap, paintRgb } from '../../paint/paint';
import type { ProbeChannel } from '../../paint/probeChannel';
import { vizCounters } from './counters';
import { createLifecycle } from '../charts/lifecycle';
import { describeCanvas } from './describe';

export interface SaliencyLabels {
  readonly input: string;
  readonly saliency: string;
  readonly gradCam: (layer: string | null) => string;
}

export interface SaliencyView {
  update(labels: SaliencyLabels): void;
  destroy(): void;
}

const CAPTION = 16;

export function createSaliencyView(el: HTMLElement, channel: ProbeChannel, initial: SaliencyLabels): SaliencyView {
  let labels = initial;
  let lastSaliency: unknown = null;
  const canvas = document.createElement('canvas');
  canvas.className = 'saliency-canvas';
  describeCanvas(canvas, ''); // an image once something is drawn
  el.appendChild(canvas);
  const g = canvas.getContext('2d');

  const draw = () => {
    const snap = channel.latest;
    const s = snap?.saliency;
    if (!snap || !s || !g) return;
    const input = snap.input;
    const zoom = Math.max(1, Math.floor(168 / Math.max(input.width, input.height)));
    const layout = gridLayout(3, input.width, input.height, { maxWidth: 3 * input.width * zoom + 2 * 12, gap: 12, zoom });
    const width = layout.width;
    const height = layout.height + CAPTION;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const px = createPixels(width, height);
    paintRgb(px, layout, 0, imageRgb(input), 0, input.width, input.height, [0, 1]);
    paintMap(px, layout, 1, s.saliency, 0, s.width, s.height, HOT, absMax(s.saliency));
    if (s.gradCam) paintRgb(px, layout, 2, heatOverlay(input, s.gradCam, HOT), 0, input.width, input.height, [0, 1]);
    g.putImageData(new ImageData(px.data, width, height), 0, 0);
    g.fillStyle = '#333';
    g.font = '12px system-ui, sans-serif';
    const captions = [labels.input, labels.saliency, s.gradCam ? labels.gradCam(s.camLayer) : ''];
    captions.forEach((text, i) => g.fillText(text, i * (layout.tileWidth + layout.gap), height - 3, layout.tileWidth));
    canvas.dataset.step = String(snap.step);
    canvas.dataset.classIndex = String(s.classIndex);
    describeCanvas(canvas, captions.join('; '));
    vizCounters.saliencyDraws += 1;
  };
  // Its size follows the probed image, not the element: no redraw on resize.
  const life = createLifecycle(draw, { element: el, resize: false });
  const schedule = life.schedule;
  life.listen(channel, () => {
    const s = channel.latest?.saliency ?? null;
    const changed = s !== lastSaliency;
    lastSaliency = s;
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
