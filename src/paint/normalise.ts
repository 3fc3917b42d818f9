// How a stack of maps is scaled to colours: by each channel's own largest magnitude (every map uses the
// full colour range: shapes show, sizes do not compare), by the layer's (channels compare within a
// block), or by the largest over every block shown (blocks compare: vanishing activations show as pale).
import type { MapStack } from '../train/api/probeTypes';

export type NormMode = 'channel' | 'layer' | 'global';
export const NORM_MODES: readonly NormMode[] = ['channel', 'layer', 'global'];

/** Largest |value| of values[from, to), ignoring non-finite ones; 0 when there are none. */
export function absMax(values: ArrayLike<number>, from = 0, to = values.length): number {
  let max = 0;
  for (let i = from; i < to; i++) {
    const v = Math.abs(values[i] as number);
    if (v > max && Number.isFinite(v)) max = v;
  }
  return max;
}

/** One scale per channel of `stack`: the magnitude that gets the strongest colour. */
export function channelScales(stack: MapStack, mode: NormMode, globalScale: number): Float32Array {
  const size = stack.height * stack.width;
  const scales = new Float32Array(stack.channels);
  if (mode === 'global') return scales.fill(globalScale);
  if (mode === 'layer') return scales.fill(absMax(stack.values, 0, size * stack.channels));
  for (let c = 0; c < stack.channels; c++) scales[c] = absMax(stack.values, c * size, (c + 1) * size);
  return scales;
}

/** The largest magnitude over every stack (the 'global' scale). */
export function globalScale(stacks: readonly MapStack[]): number {
  return stacks.reduce((max, s) => Math.max(max, absMax(s.values)), 0);
}

/** Min and max of finite values (NaN-safe); [0, 0] when there are none. */
export function extent(values: ArrayLike<number>, from = 0, to = values.length): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
