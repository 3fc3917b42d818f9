// Where tiles go on a canvas: a grid that fills the available width, and the way back from a pointer
// position to the tile under it (for click-to-enlarge and hover values).

export interface GridLayout {
  readonly count: number;
  readonly cols: number;
  readonly rows: number;
  /** Size of one tile in canvas pixels (the map's size times the zoom). */
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly gap: number;
  readonly width: number;
  readonly height: number;
}

export interface GridOptions {
  readonly maxWidth: number;
  readonly gap?: number;
  /** Wanted zoom (canvas pixels per map pixel); shrunk, down to 1, when a tile would not fit. */
  readonly zoom?: number;
}

export function gridLayout(count: number, mapWidth: number, mapHeight: number, opts: GridOptions): GridLayout {
  const gap = opts.gap ?? 2;
  const n = Math.max(0, Math.floor(count));
  const fitZoom = Math.floor((opts.maxWidth + gap) / Math.max(1, mapWidth) - gap / Math.max(1, mapWidth));
  const zoom = Math.max(1, Math.min(opts.zoom ?? 3, fitZoom));
  const tileWidth = Math.max(1, mapWidth) * zoom;
  const tileHeight = Math.max(1, mapHeight) * zoom;
  const cols = Math.max(1, Math.min(n, Math.floor((opts.maxWidth + gap) / (tileWidth + gap))));
  const rows = n === 0 ? 0 : Math.ceil(n / cols);
  return {
    count: n, cols, rows, tileWidth, tileHeight, gap,
    width: n === 0 ? 0 : cols * tileWidth + (cols - 1) * gap,
    height: rows === 0 ? 0 : rows * tileHeight + (rows - 1) * gap,
  };
}

export function tileOrigin(layout: GridLayout, index: number): { x: number; y: number } {
  const col = index % layout.cols;
  const row = Math.floor(index / layout.cols);
  return { x: col * (layout.tileWidth + layout.gap), y: row * (layout.tileHeight + layout.gap) };
}

/** The tile and the map pixel under canvas point (x, y), or null over a gap or outside. */
export function hitTile(layout: GridLayout, mapWidth: number, mapHeight: number, x: number, y: number):
  { index: number; px: number; py: number } | null {
  if (x < 0 || y < 0) return null;
  const col = Math.floor(x / (layout.tileWidth + layout.gap));
  const row = Math.floor(y / (layout.tileHeight + layout.gap));
  const inX = x - col * (layout.tileWidth + layout.gap);
  const inY = y - row * (layout.tileHeight + layout.gap);
  if (col >= layout.cols || inX >= layout.tileWidth || inY >= layout.tileHeight) return null;
  const index = row * layout.cols + col;
  if (index >= layout.count) return null;
  const px = Math.floor((inX * mapWidth) / layout.tileWidth);
  const py = Math.floor((inY * mapHeight) / layout.tileHeight);
  return { index, px, py };
}

/** Rows and columns close to a square holding n cells, wider than tall (a flat vector shown as a block). */
export function nearSquare(n: number): [number, number] {
  if (n <= 0) return [0, 0];
  const cols = Math.ceil(Math.sqrt(n));
  return [Math.ceil(n / cols), cols];
}

/** A grid with a set number of columns (one row per output filter, one column per input channel). */
export function fixedGrid(count: number, cols: number, tileWidth: number, tileHeight: number, gap: number): GridLayout {
  const c = Math.max(1, cols);
  const rows = count <= 0 ? 0 : Math.ceil(count / c);
  const used = Math.min(c, Math.max(0, count));
  return {
    count: Math.max(0, count), cols: c, rows, tileWidth, tileHeight, gap,
    width: used === 0 ? 0 : used * tileWidth + (used - 1) * gap,
    height: rows === 0 ? 0 : rows * tileHeight + (rows - 1) * gap,
  };
}

/** How many filters (each a run of `inChannels` tiles of `tileStep` pixels) fit side by side. */
export function filtersPerRow(maxWidth: number, inChannels: number, tileStep: number): number {
  return Math.max(1, Math.floor((maxWidth + 2) / Math.max(1, inChannels * tileStep + tileStep)));
}

/**
 * The grid index of input channel c of filter o when filters sit perRow to a grid row, each followed by
 * one empty tile that separates it from the next.
 */
export function kernelTile(o: number, c: number, perRow: number, inChannels: number): number {
  const row = Math.floor(o / perRow);
  const col = (o % perRow) * (inChannels + 1) + c;
  return row * perRow * (inChannels + 1) + col;
}
