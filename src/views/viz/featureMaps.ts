// Feature maps of every block as one canvas: a labelled grid of channel maps per block, painted from the
// latest probe snapshot into one ImageData and put once per animation frame at most. A framework-free
// controller: create(el, opts) -> {update, destroy}; the React wrapper only passes options.
import type { MapStack } from '../../train/api/probeTypes';
import { DIVERGING } from '../../paint/colors';
import { gridLayout, hitTile, type GridLayout } from '../../paint/layout';
import { channelScales, globalScale, type NormMode } from '../../paint/normalise';
import { createPixels, outlineTile, paintMap } from '../../paint/paint';
import type { ProbeChannel } from '../../paint/probeChannel';
import { vizCounters } from './counters';
import { createLifecycle } from '../charts/lifecycle';
import { describeCanvas } from './describe';

export interface MapSelection {
  readonly id: string;
  readonly channel: number;
}

export interface FeatureMapsOptions {
  readonly mode: NormMode;
  readonly selected: MapSelection | null;
  /** The label over a block's maps, e.g. "conv1 · 28×28 · 6 channels". */
  readonly label: (stack: MapStack) => string;
  readonly onSelect: (selection: MapSelection) => void;
}

export interface FeatureMaps {
  update(opts: Partial<FeatureMapsOptions>): void;
  destroy(): void;
}

const LABEL_HEIGHT = 18;
const ROW_GAP = 8;
const STRIP_HEIGHT = 12;

interface Row {
  readonly stack: MapStack;
  readonly layout: GridLayout;
  /** Top of the maps (below the label), canvas pixels. */
  readonly top: number;
}

/** Vectors (dense blocks) become one strip; maps a grid of tiles. */
function rowLayout(stack: MapStack, maxWidth: number): GridLayout {
  if (stack.height === 1 && stack.channels === 1) {
    const zoom = Math.max(1, Math.min(12, Math.floor(maxWidth / stack.width)));
    const width = stack.width * zoom;
    return { count: 1, cols: 1, rows: 1, tileWidth: width, tileHeight: STRIP_HEIGHT, gap: 0, width, height: STRIP_HEIGHT };
  }
  const zoom = stack.width <= 8 ? 6 : stack.width <= 16 ? 4 : 3;
  return gridLayout(stack.channels, stack.width, stack.height, { maxWidth, gap: 2, zoom });
}

export function layoutRows(stacks: readonly MapStack[], maxWidth: number): { rows: Row[]; height: number } {
  let y = 0;
  const rows = stacks.map((stack) => {
    const layout = rowLayout(stack, maxWidth);
    const row = { stack, layout, top: y + LABEL_HEIGHT };
    y += LABEL_HEIGHT + layout.height + ROW_GAP;
    return row;
  });
  return { rows, height: Math.max(1, y) };
}

export function createFeatureMaps(el: HTMLElement, channel: ProbeChannel, initial: FeatureMapsOptions): FeatureMaps {
  let opts = initial;
  let rows: Row[] = [];
  let lastStacks: readonly MapStack[] | null = null;
  const canvas = document.createElement('canvas');
  canvas.className = 'feature-maps-canvas';
  describeCanvas(canvas, ''); // an image once something is drawn
  el.appendChild(canvas);
  const g = canvas.getContext('2d');

  const draw = () => {
    const snap = channel.latest;
    const stacks = snap?.activations ?? [];
    const width = Math.max(200, life.size?.width ?? el.clientWidth);
    const laid = layoutRows(stacks, width);
    rows = laid.rows;
    if (canvas.width !== width || canvas.height !== laid.height) {
      canvas.width = width;
      canvas.height = laid.height;
    }
    if (!g) return;
    const px = createPixels(width, laid.height);
    const global = globalScale(stacks);
    for (const row of rows) paintRow(px, row, opts, global);
    // Rows are painted into one buffer so the page sees a single putImageData per frame.
    g.putImageData(new ImageData(px.data, px.width, px.height), 0, 0);
    g.fillStyle = '#333';
    g.font = '12px system-ui, sans-serif';
    for (const row of rows) g.fillText(opts.label(row.stack), 0, row.top - 5);
    canvas.dataset.step = String(snap?.step ?? 0);
    describeCanvas(canvas, rows.map((r) => opts.label(r.stack)).join('; '));
    vizCounters.featureMapDraws += 1;
    // A refresh is a draw showing new activations (not a resize or a gradient-only snapshot).
    if (stacks !== lastStacks && stacks.length > 0) vizCounters.featureMapRefreshes += 1;
    lastStacks = stacks;
  };
  const life = createLifecycle(draw, { element: el });
  const schedule = life.schedule;
  const onClick = (event: MouseEvent) => {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * canvas.width) / Math.max(1, box.width);
    const y = ((event.clientY - box.top) * canvas.height) / Math.max(1, box.height);
    const row = rows.find((r) => y >= r.top && y < r.top + r.layout.height);
    if (!row) return;
    const hit = hitTile(row.layout, row.stack.width, row.stack.height, x, y - row.top);
    if (hit) opts.onSelect({ id: row.stack.id, channel: hit.index });
  };
  canvas.addEventListener('click', onClick);
  life.listen(channel);
  life.onDestroy(() => {
    canvas.removeEventListener('click', onClick);
    canvas.remove();
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

function paintRow(px: ReturnType<typeof createPixels>, row: Row, opts: FeatureMapsOptions, global: number): void {
  const { stack, layout, top } = row;
  const scales = channelScales(stack, opts.mode, global);
  const shifted = { ...layout };
  const size = stack.height * stack.width;
  // Paint into a view of the buffer that starts at this row, so the grid helpers need no offsets.
  const view = { data: px.data.subarray(top * px.width * 4), width: px.width, height: px.height - top };
  for (let c = 0; c < stack.channels; c++) {
    paintMap(view, shifted, c, stack.values, c * size, stack.width, stack.height, DIVERGING, scales[c] ?? 0);
  }
  if (opts.selected?.id === stack.id && opts.selected.channel < stack.channels) {
    outlineTile(view, shifted, opts.selected.channel, [255, 140, 0]);
  }
}
