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

// Pixels are written as whole 32-bit words (one store instead of four) in the platform's byte order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function packRgba(r: number, g: number, b: number): number {
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

function wordsOf(px: Pixels): Uint32Array {
  return new Uint32Array(px.data.buffer, px.data.byteOffset, px.width * px.height);
}

/** Fills a rectangle of the buffer with one packed colour, clipped to the buffer. */
function fillWords(words: Uint32Array, px: Pixels, x0: number, y0: number, w: number, h: number, rgba: number): void {
  const xa = Math.max(0, x0);
  const x1 = Math.min(px.width, x0 + w);
  if (x1 <= xa) return;
  const y1 = Math.min(px.height, y0 + h);
  for (let y = Math.max(0, y0); y < y1; y++) words.fill(rgba, y * px.width + xa, y * px.width + x1);
}

/**
 * Paints map `index` of a channel-major stack (values[c * h * w + y * w + x]) into its tile, each map
 * pixel a zoom x zoom block coloured by `map` under that channel's scale.
 */
export function paintMap(px: Pixels, layout: GridLayout, tile: number, values: ArrayLike<number>, offset: number,
  mapWidth: number, mapHeight: number, map: ColorMap, scale: number): void {
  const { x: ox, y: oy } = tileOrigin(layout, tile);
  const words = wordsOf(px);
  // The map's colour table packed once (a table has 256 entries), and each map column's and row's pixel
  // span on the buffer computed once, clipped to it: the loop below then only stores words.
  const packed = packedTable(map);
  const xs = spans(ox, layout.tileWidth, mapWidth, px.width);
  const ys = spans(oy, layout.tileHeight, mapHeight, px.height);
  for (let y = 0; y < mapHeight; y++) {
    const top = ys[y] as number;
    const bottom = ys[y + 1] as number;
    if (bottom <= top) continue;
    for (let x = 0; x < mapWidth; x++) {
      const left = xs[x] as number;
      const right = xs[x + 1] as number;
      if (right <= left) continue;
      const colour = packed[colorIndex(map, values[offset + y * mapWidth + x] as number, scale)] as number;
      for (let row = top; row < bottom; row++) {
        const base = row * px.width;
        for (let col = left; col < right; col++) words[base + col] = colour;
      }
    }
  }
}

/** Where each of `count` cells spread over `size` pixels from `origin` begins, clipped to [0, limit]; count + 1 entries. */
function spans(origin: number, size: number, count: number, limit: number): Int32Array {
  const at = new Int32Array(count + 1);
  const zoom = size / count;
  for (let i = 0; i <= count; i++) at[i] = Math.max(0, Math.min(limit, origin + Math.round(i * zoom)));
  return at;
}

const packedTables = new WeakMap<ColorMap, Uint32Array>();

function packedTable(map: ColorMap): Uint32Array {
  let packed = packedTables.get(map);
  if (!packed) {
    const t = map.table;
    packed = Uint32Array.from({ length: Math.floor(t.length / 3) }, (_, i) => packRgba(t[i * 3]!, t[i * 3 + 1]!, t[i * 3 + 2]!));
    packedTables.set(map, packed);
  }
  return packed;
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
  // Clamped: the packed word takes each channel's 8 bits as they are, unlike the clamped byte array.
  const to255 = (v: number) => (Number.isFinite(v) ? Math.min(255, Math.max(0, Math.round(((v - lo) / span) * 255))) : 0);
  const words = wordsOf(px);
  for (let y = 0; y < mapHeight; y++) {
    for (let x = 0; x < mapWidth; x++) {
      const o = offset + (y * mapWidth + x) * 3;
      fillWords(words, px, ox + Math.round(x * zx), oy + Math.round(y * zy), Math.round((x + 1) * zx) - Math.round(x * zx),
        Math.round((y + 1) * zy) - Math.round(y * zy),
        packRgba(to255(values[o] as number), to255(values[o + 1] as number), to255(values[o + 2] as number)));
    }
  }
}

/** A tile outline, marking the map that is enlarged. */
export function outlineTile(px: Pixels, layout: GridLayout, tile: number, rgb: readonly [number, number, number]): void {
  const { x, y } = tileOrigin(layout, tile);
  const colour = packRgba(...rgb);
  const words = wordsOf(px);
  fillWords(words, px, x, y, layout.tileWidth, 1, colour);
  fillWords(words, px, x, y + layout.tileHeight - 1, layout.tileWidth, 1, colour);
  fillWords(words, px, x, y, 1, layout.tileHeight, colour);
  fillWords(words, px, x + layout.tileWidth - 1, y, 1, layout.tileHeight, colour);
}
