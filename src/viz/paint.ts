// Writing maps into RGBA pixel buffers (an ImageData's data), scaled up by whole pixels. Pure array work,
// so it is unit-tested; the views only hand the buffer to putImageData.
import { colorIndex, type ColorMap } from './colors';
import { tileOrigin, type GridLayout } from './layout';

export interface Pixels {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly width: number;
  readonly height: number;
}

export function createPixels(width: number, height: number): Pixels {
  return { data: new Uint8ClampedArray(Math.max(0, width * height * 4)), width, height };
}

/** Fills a rectangle of the buffer with one colour, clipped to the buffer. */
function fillRect(px: Pixels, x0: number, y0: number, w: number, h: number, r: number, g: number, b: number): void {
  const x1 = Math.min(px.width, x0 + w);
  const y1 = Math.min(px.height, y0 + h);
  for (let y = Math.max(0, y0); y < y1; y++) {
    for (let x = Math.max(0, x0); x < x1; x++) {
      const o = (y * px.width + x) * 4;
      px.data[o] = r;
      px.data[o + 1] = g;
      px.data[o + 2] = b;
      px.data[o + 3] = 255;
    }
  }
}

/**
 * Paints map `index` of a channel-major stack (values[c * h * w + y * w + x]) into its tile, each map
 * pixel a zoom x zoom block coloured by `map` under that channel's scale.
 */
export function paintMap(px: Pixels, layout: GridLayout, tile: number, values: ArrayLike<number>, offset: number,
  mapWidth: number, mapHeight: number, map: ColorMap, scale: number): void {
  const { x: ox, y: oy } = tileOrigin(layout, tile);
  const zx = layout.tileWidth / mapWidth;
  const zy = layout.tileHeight / mapHeight;
  for (let y = 0; y < mapHeight; y++) {
    for (let x = 0; x < mapWidth; x++) {
      const i = colorIndex(map, values[offset + y * mapWidth + x] as number, scale) * 3;
      fillRect(px, ox + Math.round(x * zx), oy + Math.round(y * zy), Math.round((x + 1) * zx) - Math.round(x * zx),
        Math.round((y + 1) * zy) - Math.round(y * zy), map.table[i]!, map.table[i + 1]!, map.table[i + 2]!);
    }
  }
}

/**
 * Paints an HWC image of 3 channels into a tile as colour: each channel scaled by min-max over the
 * whole image (so a kernel's colour balance shows, as in the AlexNet first-layer pictures).
 */
export function paintRgb(px: Pixels, layout: GridLayout, tile: number, values: ArrayLike<number>, offset: number,
  mapWidth: number, mapHeight: number, range: readonly [number, number]): void {
  const { x: ox, y: oy } = tileOrigin(layout, tile);
  const zx = layout.tileWidth / mapWidth;
  const zy = layout.tileHeight / mapHeight;
  const [lo, hi] = range;
  const span = hi > lo ? hi - lo : 1;
  const to255 = (v: number) => (Number.isFinite(v) ? Math.round(((v - lo) / span) * 255) : 0);
  for (let y = 0; y < mapHeight; y++) {
    for (let x = 0; x < mapWidth; x++) {
      const o = offset + (y * mapWidth + x) * 3;
      fillRect(px, ox + Math.round(x * zx), oy + Math.round(y * zy), Math.round((x + 1) * zx) - Math.round(x * zx),
        Math.round((y + 1) * zy) - Math.round(y * zy), to255(values[o] as number), to255(values[o + 1] as number),
        to255(values[o + 2] as number));
    }
  }
}

/** A tile outline, marking the map that is enlarged. */
export function outlineTile(px: Pixels, layout: GridLayout, tile: number, rgb: readonly [number, number, number]): void {
  const { x, y } = tileOrigin(layout, tile);
  const [r, g, b] = rgb;
  fillRect(px, x, y, layout.tileWidth, 1, r, g, b);
  fillRect(px, x, y + layout.tileHeight - 1, layout.tileWidth, 1, r, g, b);
  fillRect(px, x, y, 1, layout.tileHeight, r, g, b);
  fillRect(px, x + layout.tileWidth - 1, y, 1, layout.tileHeight, r, g, b);
}
