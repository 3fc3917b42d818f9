// Live thumbnails inside the network's blocks: the input image, a few feature maps of each conv / activation
// / pool / BN block, a bar strip for dense and softmax blocks. One controller for every block (one frame
// scheduler, one IntersectionObserver), drawing each thumbnail at one canvas pixel per map cell (CSS scales
// it up), once per animation frame at most, and only the thumbnails that can be seen in the network strip.
import type { MapStack, ProbeImage } from '../../train/api/probeTypes';
import { DIVERGING, GREYS } from '../../paint/colors';
import { fixedGrid, type GridLayout } from '../../paint/layout';
import { channelScales } from '../../paint/normalise';
import { createPixels, paintMap, paintRgb } from '../../paint/paint';
import type { ProbeChannel } from '../../paint/probeChannel';
import { createLifecycle } from '../charts/lifecycle';
import { setText } from '../charts/setText';
import { FRAME_BUDGET_MS } from '../charts/frameQueue';
import { vizCounters } from './counters';

/** What a block's thumbnail shows: the probed image, maps, or one bar per unit (probabilities for 'classes'). */
export type ThumbKind = 'image' | 'maps' | 'bars' | 'classes';

/** Maps shown per block in the strip (the detail pane shows them all). */
export const THUMB_MAPS = 6;
const GAP = 1;
const BAR_HEIGHT = 24;
const MAX_BARS = 64;

export interface Thumbnails {
  /** Starts drawing `id`'s output into `canvas`; returns the detach. */
  attach(id: string, kind: ThumbKind, canvas: HTMLCanvasElement, caption?: HTMLElement | null): () => void;
  /**
   * Whether the probes on hand belong to an earlier network or dataset than the one on screen: then every
   * thumbnail is blank (an MNIST "7" must not stand in a CIFAR-10 network's input block).
   */
  setStale(stale: boolean): void;
  /** The caption under the class probabilities: "7 98%". */
  setCaption(text: (classIndex: number, percent: string) => string): void;
  destroy(): void;
}

interface Entry {
  readonly id: string;
  readonly kind: ThumbKind;
  readonly canvas: HTMLCanvasElement;
  readonly caption: HTMLElement | null;
  visible: boolean;
  /** The data last drawn (a stack, an image or probabilities), so an unchanged block is not repainted. */
  drawn: unknown;
}

/** Up to THUMB_MAPS maps in two rows (or one, for three or fewer), one canvas pixel per cell. */
export function thumbLayout(stack: Pick<MapStack, 'channels' | 'width' | 'height'>): GridLayout {
  const count = Math.min(stack.channels, THUMB_MAPS);
  const cols = count <= 3 ? count : Math.ceil(count / 2);
  return fixedGrid(count, Math.max(1, cols), Math.max(1, stack.width), Math.max(1, stack.height), GAP);
}

function put(canvas: HTMLCanvasElement, px: ReturnType<typeof createPixels>): void {
  if (canvas.width !== px.width || canvas.height !== px.height) {
    canvas.width = px.width;
    canvas.height = px.height;
  }
  context(canvas)?.putImageData(new ImageData(px.data, px.width, px.height), 0, 0);
}

/**
 * The thumbnails are painted from pixel buffers on the CPU a few times a second: a CPU-backed canvas
 * (willReadFrequently) takes them without a round trip through the GPU process, which on a machine without a
 * GPU rasterises in software on the same cores as training.
 */
const context = (canvas: HTMLCanvasElement) => canvas.getContext('2d', { willReadFrequently: true });

function drawMaps(canvas: HTMLCanvasElement, stack: MapStack): void {
  if (stack.height === 1 && stack.channels === 1) return drawBars(canvas, stack.values, false);
  const layout = thumbLayout(stack);
  const px = createPixels(Math.max(1, layout.width), Math.max(1, layout.height));
  const scales = channelScales(stack, 'channel', 0);
  const size = stack.width * stack.height;
  for (let c = 0; c < layout.count; c++) {
    paintMap(px, layout, c, stack.values, c * size, stack.width, stack.height, DIVERGING, scales[c] ?? 0);
  }
  put(canvas, px);
}

function drawImage(canvas: HTMLCanvasElement, image: ProbeImage): void {
  const layout = fixedGrid(1, 1, image.width, image.height, 0);
  const px = createPixels(image.width, image.height);
  if (image.channels === 3) paintRgb(px, layout, 0, image.values, 0, image.width, image.height, [0, 1]);
  else {
    // HWC with one channel is also channel-major: the first map of a one-channel stack.
    paintMap(px, layout, 0, image.values, 0, image.width, image.height, GREYS, 1);
  }
  put(canvas, px);
}

/** One bar per unit (the first MAX_BARS), height by |value| against the largest, coloured by sign. */
function drawBars(canvas: HTMLCanvasElement, values: ArrayLike<number>, probabilities: boolean): void {
  const n = Math.min(values.length, MAX_BARS);
  const barWidth = n <= 16 ? 4 : 2;
  const width = Math.max(1, n * barWidth);
  if (canvas.width !== width || canvas.height !== BAR_HEIGHT) {
    canvas.width = width;
    canvas.height = BAR_HEIGHT;
  }
  const g = context(canvas);
  if (!g) return;
  let max = probabilities ? 1 : 0;
  if (!probabilities) for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(Number(values[i]) || 0));
  g.clearRect(0, 0, width, BAR_HEIGHT);
  for (let i = 0; i < n; i++) {
    const v = Number(values[i]) || 0;
    const h = max > 0 ? Math.max(1, Math.round((Math.abs(v) / max) * BAR_HEIGHT)) : 1;
    g.fillStyle = probabilities ? '#1f4e79' : v >= 0 ? '#b2182b' : '#2166ac';
    g.fillRect(i * barWidth, BAR_HEIGHT - h, barWidth - (barWidth > 2 ? 1 : 0), h);
  }
}

/** The most likely class and its probability, or null for no probabilities. */
export function topClass(p: ArrayLike<number>): { index: number; p: number } | null {
  let best = -1;
  for (let i = 0; i < p.length; i++) if (best < 0 || (p[i] as number) > (p[best] as number)) best = i;
  return best < 0 ? null : { index: best, p: p[best] as number };
}

/** Nothing to show (no probes, or probes of another network): an empty thumbnail, never an old picture. */
function blank(e: Entry): void {
  e.drawn = null;
  e.canvas.width = 1;
  e.canvas.height = 1;
  context(e.canvas)?.clearRect(0, 0, 1, 1);
  e.canvas.dataset.step = '0';
  if (e.caption) setText(e.caption, '');
}

export function createThumbnails(host: Element, channel: ProbeChannel): Thumbnails {
  let captionText = (k: number, percent: string) => `${k} ${percent}%`;
  const entries = new Set<Entry>();
  const byCanvas = new Map<Element, Entry>();

  let stale = false;
  const dataFor = (e: Entry): unknown => {
    const snap = channel.latest;
    if (!snap || stale) return null;
    if (e.kind === 'image') return snap.input;
    if (e.kind === 'classes') return snap.probabilities;
    return snap.activations.find((s) => s.id === e.id) ?? null;
  };

  const draw = () => {
    let painted = 0;
    const start = performance.now();
    for (const e of entries) {
      if (!e.visible) continue;
      const data = dataFor(e);
      if (data === e.drawn) continue;
      if (data === null) {
        blank(e);
        continue;
      }
      // A frame's share spent: the thumbnails not yet painted (still behind the probe) go next frame.
      if (painted > 0 && performance.now() - start >= FRAME_BUDGET_MS) {
        frames.schedule();
        break;
      }
      e.drawn = data;
      if (e.kind === 'image') drawImage(e.canvas, data as ProbeImage);
      else if (e.kind === 'classes') {
        drawBars(e.canvas, data as Float32Array, true);
        const top = topClass(data as Float32Array);
        if (e.caption && top) setText(e.caption, captionText(top.index, (100 * top.p).toFixed(0)));
      }
      else drawMaps(e.canvas, data as MapStack);
      e.canvas.dataset.step = String(channel.latest?.step ?? 0);
      painted += 1;
    }
    if (painted > 0) vizCounters.thumbnailRefreshes += 1;
  };
  // Thumbnails keep their own pixel size (CSS scales them): no redraw on resize.
  const frames = createLifecycle(draw, { element: host, resize: false });
  frames.listen(channel);
  const observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((seen) => {
    for (const s of seen) {
      const e = byCanvas.get(s.target);
      if (e) e.visible = s.isIntersecting;
    }
    frames.schedule();
  }, { root: host, rootMargin: '40px' });

  return {
    setStale(next) {
      if (next === stale) return;
      stale = next;
      for (const e of entries) e.drawn = undefined;
      frames.schedule();
    },
    attach(id, kind, canvas, caption = null) {
      const entry: Entry = { id, kind, canvas, caption, visible: observer === null, drawn: null };
      entries.add(entry);
      byCanvas.set(canvas, entry);
      observer?.observe(canvas);
      frames.schedule();
      return () => {
        observer?.unobserve(canvas);
        entries.delete(entry);
        byCanvas.delete(canvas);
      };
    },
    setCaption(text) {
      captionText = text;
      for (const e of entries) e.drawn = null;
      frames.schedule();
    },
    destroy() {
      frames.destroy();
      observer?.disconnect();
      entries.clear();
      byCanvas.clear();
    },
  };
}
