// Images for the saliency view: the input as RGB (grey inputs repeated over three channels) and a heat map
// laid over it, so Grad-CAM shows where on the digit the network looked.
import type { ProbeImage } from '../train/api/probeTypes';
import { colorIndex, type ColorMap } from './colors';

/** The input as HWC RGB in [0, 1]. */
export function imageRgb(image: ProbeImage): Float32Array {
  const n = image.height * image.width;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      out[i * 3 + c] = image.channels >= 3 ? (image.values[i * image.channels + c] ?? 0) : (image.values[i * image.channels] ?? 0);
    }
  }
  return out;
}

/** The input dimmed, mixed with `heat` coloured by `map` (scaled by its max) in proportion to the heat. */
export function heatOverlay(image: ProbeImage, heat: ArrayLike<number>, map: ColorMap, alpha = 0.6): Float32Array {
  const base = imageRgb(image);
  let max = 0;
  for (let i = 0; i < heat.length; i++) if ((heat[i] as number) > max && Number.isFinite(heat[i])) max = heat[i] as number;
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length / 3; i++) {
    const h = max > 0 && Number.isFinite(heat[i]) ? Math.max(0, (heat[i] as number) / max) : 0;
    const t = colorIndex(map, h, 1) * 3;
    const a = alpha * h;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = (1 - a) * 0.6 * (base[i * 3 + c] ?? 0) + (a * map.table[t + c]!) / 255;
  }
  return out;
}
