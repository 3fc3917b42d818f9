// One feature map enlarged, with the value under the pointer: the "click a map to enlarge it" part of the
// feature-map view. Redraws when new activations arrive (at most once per animation frame).
import type { MapStack } from '../../train/api/probeTypes';
import { DIVERGING } from '../../paint/colors';
import { absMax, type NormMode } from '../../paint/normalise';
import { createPixels, paintMap } from '../../paint/paint';
import type { ProbeChannel } from '../../paint/probeChannel';
import type { MapSelection } from './featureMaps';
import { createLifecycle } from '../charts/lifecycle';

export interface MapDetailOptions {
  readonly selection: MapSelection;
  readonly mode: NormMode;
  readonly globalScale: () => number;
  /** Text for the value under the pointer, e.g. "x 3, y 7: 0.512". */
  readonly valueText: (x: number, y: number, value: number) => string;
}

export interface MapDetail {
  update(opts: Partial<MapDetailOptions>): void;
  destroy(): void;
}

const SIZE = 224;

export function findStack(channel: ProbeChannel, id: string): MapStack | undefined {
  return channel.latest?.activations.find((s) => s.id === id);
}

export function createMapDetail(canvas: HTMLCanvasElement, readout: HTMLElement, channel: ProbeChannel,
  initial: MapDetailOptions): MapDetail {
  let opts = initial;
  let pointer: { x: number; y: number } | null = null;
  const g = canvas.getContext('2d');

  const scaleOf = (stack: MapStack, offset: number, size: number): number => {
    if (opts.mode === 'global') return opts.globalScale();
    if (opts.mode === 'layer') return absMax(stack.values, 0, size * stack.channels);
    return absMax(stack.values, offset, offset + size);
  };
  const showValue = (stack: MapStack) => {
    if (!pointer) return;
    const x = Math.floor((pointer.x * stack.width) / Math.max(1, canvas.clientWidth));
    const y = Math.floor((pointer.y * stack.height) / Math.max(1, canvas.clientHeight));
    if (x < 0 || y < 0 || x >= stack.width || y >= stack.height) return;
    const size = stack.width * stack.height;
    const value = stack.values[opts.selection.channel * size + y * stack.width + x] ?? Number.NaN;
    readout.textContent = opts.valueText(x, y, value);
  };
  const draw = () => {
    const stack = findStack(channel, opts.selection.id);
    if (!stack || !g || opts.selection.channel >= stack.channels) return;
    const zoom = Math.max(1, Math.floor(SIZE / Math.max(stack.width, stack.height)));
    const width = stack.width * zoom;
    const height = stack.height === 1 ? 24 : stack.height * zoom;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const layout = { count: 1, cols: 1, rows: 1, tileWidth: width, tileHeight: height, gap: 0, width, height };
    const px = createPixels(width, height);
    const size = stack.width * stack.height;
    const offset = opts.selection.channel * size;
    paintMap(px, layout, 0, stack.values, offset, stack.width, stack.height, DIVERGING, scaleOf(stack, offset, size));
    g.putImageData(new ImageData(px.data, width, height), 0, 0);
    showValue(stack);
  };
  // Its size follows the map, not the element: no redraw on resize.
  const life = createLifecycle(draw, { element: canvas, resize: false });
  const schedule = life.schedule;
  const onMove = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
    const stack = findStack(channel, opts.selection.id);
    if (stack) showValue(stack);
  };
  const onLeave = () => {
    pointer = null;
    readout.textContent = '';
  };
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerleave', onLeave);
  life.listen(channel);
  life.onDestroy(() => {
    canvas.removeEventListener('pointermove', onMove);
    canvas.removeEventListener('pointerleave', onLeave);
  });
  schedule();
  return {
    update(next) {
      opts = { ...opts, ...next };
      schedule();
    },
    destroy: life.destroy,
  };
}
