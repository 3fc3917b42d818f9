// Colour maps as 256-entry RGB lookup tables, built once from a few stops: painting a map is then one
// table read per pixel. Diverging (blue - white - red, ColorBrewer's 7-class RdBu) for signed values, with
// white at zero; sequential ("hot": black - red - yellow - white) for magnitudes such as saliency.
// RdBu is chosen because it stays readable with colour-blind vision: ColorBrewer lists it as colour-blind
// safe, and colors.test.ts checks it under simulated protanopia, deuteranopia and tritanopia (the sign stays
// visible from |x| = 0.15, and lightness alone orders the magnitude). Red-green scales fail that check.

export type Rgb = readonly [number, number, number];

export interface ColorMap {
  /** 256 * 3 bytes. */
  readonly table: Uint8ClampedArray;
  /** The value range the table spans: [-1, 1] for diverging maps, [0, 1] for sequential ones. */
  readonly signed: boolean;
}

function fromStops(stops: readonly Rgb[], signed: boolean): ColorMap {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const at = (i / 255) * (stops.length - 1);
    const lo = Math.min(Math.floor(at), stops.length - 2);
    const f = at - lo;
    const a = stops[lo] as Rgb;
    const b = stops[lo + 1] as Rgb;
    for (let k = 0; k < 3; k++) table[i * 3 + k] = Math.round(a[k]! + (b[k]! - a[k]!) * f);
  }
  return { table, signed };
}

export const DIVERGING: ColorMap = fromStops(
  [[5, 48, 97], [33, 102, 172], [146, 197, 222], [247, 247, 247], [244, 165, 130], [178, 24, 43], [103, 0, 31]],
  true,
);

export const HOT: ColorMap = fromStops([[0, 0, 0], [150, 0, 0], [255, 80, 0], [255, 220, 0], [255, 255, 255]], false);

export const GREYS: ColorMap = fromStops([[0, 0, 0], [255, 255, 255]], false);

/**
 * The table index of a value under a scale: signed maps put -scale..scale on 0..255 (0 in the middle),
 * sequential maps put 0..scale there. Non-finite values and a zero scale land on the neutral colour.
 */
export function colorIndex(map: ColorMap, value: number, scale: number): number {
  if (!Number.isFinite(value) || !(scale > 0)) return map.signed ? 128 : 0;
  const t = map.signed ? (value / scale + 1) / 2 : value / scale;
  return Math.max(0, Math.min(255, Math.round(t * 255)));
}

export function colorOf(map: ColorMap, value: number, scale: number): Rgb {
  const i = colorIndex(map, value, scale) * 3;
  return [map.table[i]!, map.table[i + 1]!, map.table[i + 2]!];
}

export const cssColor = (rgb: Rgb): string => `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
