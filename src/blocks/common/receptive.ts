// The receptive-field steps the block kinds share. Forward (cost.ts): r_out = r_in + (k_eff - 1) * j_in,
// j_out = j_in * stride, per axis. Back (the arithmetic view): an interval of output cells maps to the
// input cells its windows read, [lo*s - p, hi*s - p + k_eff - 1].
import type { AxisArithmetic } from '../../model/analysis';
import type { Shape } from '../../model/spec';
import type { FieldState, Interval, ReceptiveStep, Span2 } from '../types';

type Pair = [number, number];
const AXES = [0, 1] as const;
const gridOf = (s: Shape): Pair => (s.length === 3 ? [s[0] as number, s[1] as number] : [1, 1]);

/** Output interval -> input interval of one window axis. */
export function windowBack(iv: Interval, stride: number, padBefore: number, span: number): Interval {
  return { lo: iv.lo * stride - padBefore, hi: iv.hi * stride - padBefore + span - 1 };
}

function axesOf(arithmetic: readonly AxisArithmetic[]) {
  const h = arithmetic.find((a) => a.axis === 'height');
  const w = arithmetic.find((a) => a.axis === 'width');
  return h === undefined || w === undefined ? null : [h, w] as const;
}

/** The input image: one pixel sees itself. */
export const START_FIELD: ReceptiveStep = {
  forward: (_ins, _a, _input, out) => (out.length === 3 ? { r: [1, 1], j: [1, 1], grid: gridOf(out) } : null),
  back: (span) => span,
};

/** A sliding window (convolution, pooling), read off the block's own arithmetic. */
export const WINDOW_FIELD: ReceptiveStep = {
  forward([f], arithmetic, _input, out) {
    const axes = axesOf(arithmetic);
    if (f === undefined || axes === null) return null;
    const r = AXES.map((a) => f.r[a] + (axes[a].effectiveKernel - 1) * f.j[a]) as Pair;
    return { r, j: AXES.map((a) => f.j[a] * axes[a].stride) as Pair, grid: gridOf(out) };
  },
  back(span, arithmetic) {
    const axes = axesOf(arithmetic);
    if (axes === null) return null;
    const [h, w] = axes;
    return {
      rows: windowBack(span.rows, h.stride, h.padBefore, h.effectiveKernel),
      cols: windowBack(span.cols, w.stride, w.padBefore, w.effectiveKernel),
    };
  },
};

/** Every output value mixes the whole grid the input still has (global pooling, dense, the head). */
export const WHOLE_FIELD: ReceptiveStep = {
  forward([f]) {
    if (f === undefined) return null;
    const r = AXES.map((a) => f.r[a] + (f.grid[a] - 1) * f.j[a]) as Pair;
    return { r, j: AXES.map((a) => f.j[a] * f.grid[a]) as Pair, grid: [1, 1] };
  },
  back: () => null,
};

/** Element-wise kinds keep the field; a flattened vector keeps the grid it came from. */
const keep = ([f]: readonly FieldState[], input: Shape | null): FieldState | null =>
  (f === undefined ? null : { ...f, grid: input !== null && input.length === 3 ? gridOf(input) : f.grid });

export const KEEP_FIELD: ReceptiveStep = { forward: (ins, _a, input) => keep(ins, input), back: (span) => span };

/** Flatten keeps the field forward, but there is no spatial layout to trace back through. */
export const FLATTEN_FIELD: ReceptiveStep = { forward: (ins, _a, input) => keep(ins, input), back: () => null };

/** A merge of branches sees the widest of their fields; traced back, every branch gets the same cells. */
export const MERGE_FIELD: ReceptiveStep = {
  forward(ins) {
    const f = ins[0];
    if (f === undefined) return null;
    const max = (pick: (x: FieldState) => readonly [number, number], a: 0 | 1) => Math.max(...ins.map((x) => pick(x)[a]));
    return { r: [max((x) => x.r, 0), max((x) => x.r, 1)], j: [max((x) => x.j, 0), max((x) => x.j, 1)], grid: f.grid };
  },
  back: (span: Span2) => span,
};

/**
 * A transposed convolution: one output pixel gathers from at most ceil(k_eff / s) input pixels per axis,
 * and neighbouring outputs lie 1/s input pixels apart. Traced back, output row o (o + crop in the full
 * output) reads the input rows i with i*s <= o + crop <= i*s + k_eff - 1.
 */
export const TRANSPOSE_FIELD: ReceptiveStep = {
  forward([f], arithmetic, _input, out) {
    const axes = axesOf(arithmetic);
    if (f === undefined || axes === null) return null;
    const r = AXES.map((a) => f.r[a] + (Math.ceil(axes[a].effectiveKernel / axes[a].stride) - 1) * f.j[a]) as Pair;
    return { r, j: AXES.map((a) => f.j[a] / axes[a].stride) as Pair, grid: gridOf(out) };
  },
  back(span, arithmetic) {
    const axes = axesOf(arithmetic);
    if (axes === null) return null;
    const one = (iv: Interval, a: AxisArithmetic): Interval => {
      const lo = Math.ceil((iv.lo + a.padBefore - a.effectiveKernel + 1) / a.stride);
      return { lo, hi: Math.max(lo, Math.floor((iv.hi + a.padBefore) / a.stride)) };
    };
    return { rows: one(span.rows, axes[0]), cols: one(span.cols, axes[1]) };
  },
};

/** Upsampling by an integer factor per axis (the scale in `arithmetic`'s stride; bilinear reads a neighbour). */
export const upsampleField = (reach: 0 | 1): ReceptiveStep => ({
  forward([f], arithmetic, _input, out) {
    const axes = axesOf(arithmetic);
    if (f === undefined || axes === null) return null;
    return { r: AXES.map((a) => f.r[a] + reach * f.j[a]) as Pair, j: AXES.map((a) => f.j[a] / axes[a].stride) as Pair, grid: gridOf(out) };
  },
  back(span, arithmetic) {
    const axes = axesOf(arithmetic);
    if (axes === null) return null;
    const one = (iv: Interval, s: number): Interval => ({ lo: Math.max(Math.floor(iv.lo / s) - reach, 0), hi: Math.floor(iv.hi / s) + reach });
    return { rows: one(span.rows, axes[0].stride), cols: one(span.cols, axes[1].stride) };
  },
});

/** A crop keeps the field; traced back, output row o is input row o + the rows cropped before. */
export const CROP_FIELD: ReceptiveStep = {
  forward: (ins, _a, input) => keep(ins, input),
  back(span, arithmetic) {
    const axes = axesOf(arithmetic);
    if (axes === null) return null;
    const shift = (iv: Interval, by: number): Interval => ({ lo: iv.lo + by, hi: iv.hi + by });
    return { rows: shift(span.rows, axes[0].padBefore), cols: shift(span.cols, axes[1].padBefore) };
  },
};
