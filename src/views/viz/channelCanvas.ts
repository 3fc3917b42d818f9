// A canvas fed by the probe channel, shared by the transformer views: redrawn at most once per animation
// frame when the part of the latest snapshot it shows changes, and emptied (0 x 0, state 'none' or
// 'waiting') when that part is gone, so a view never shows a previous run's picture after the channel is
// cleared for a new run.
import type { ProbeChannel } from '../../paint/probeChannel';
import type { ProbeSnapshot } from '../../train/api/probeTypes';
import { createLifecycle } from '../charts/lifecycle';
import { describeCanvas } from './describe';

export interface CanvasView<L> {
  update(labels: L): void;
  destroy(): void;
}

export function createChannelCanvas<L, T>(el: HTMLElement, channel: ProbeChannel, className: string, initial: L,
  pick: (snapshot: ProbeSnapshot) => T | null | undefined,
  paint: (g: CanvasRenderingContext2D, canvas: HTMLCanvasElement, snapshot: ProbeSnapshot, shown: T, labels: L) => void): CanvasView<L> {
  let labels = initial;
  let shown: unknown = null;
  const canvas = document.createElement('canvas');
  canvas.className = className;
  el.appendChild(canvas);
  const g = canvas.getContext('2d');
  const draw = () => {
    const snap = channel.latest;
    const part = snap ? pick(snap) : null;
    if (!snap || !part || !g) {
      canvas.width = 0;
      canvas.height = 0;
      canvas.dataset.state = snap ? 'none' : 'waiting';
      describeCanvas(canvas, '');
      return;
    }
    paint(g, canvas, snap, part, labels);
    canvas.dataset.state = 'drawn';
    canvas.dataset.step = String(snap.step);
  };
  const life = createLifecycle(draw, { element: el, resize: false });
  life.listen(channel, () => {
    const now = channel.latest ? (pick(channel.latest) ?? null) : null;
    const changed = now !== shown || now === null;
    shown = now;
    return changed;
  });
  life.onDestroy(() => canvas.remove());
  life.schedule();
  return {
    update(next) {
      labels = next;
      life.schedule();
    },
    destroy: life.destroy,
  };
}
