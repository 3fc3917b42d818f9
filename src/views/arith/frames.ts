// The convolution arithmetic animation as pure data: where a conv / pool window sits for every output
// cell, which padded-input cells its (possibly dilated) taps read, and which of those are padding zeros.
// The diagram only draws what these functions say, so the numbers are tested here, not in a browser.
import type { AxisArithmetic } from '../../model/analysis';
import { axisArithmetic, droppedPixels } from '../../model/arithmetic';
import type { Padding } from '../../model/spec';

/** One spatial axis of a sliding window. */
export interface AxisWindow {
  readonly input: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly padBefore: number;
  readonly padAfter: number;
}

export interface WindowGeometry {
  readonly height: AxisWindow;
  readonly width: AxisWindow;
}

/** d*(k-1)+1: the span of input cells a dilated kernel covers. */
export const reach = (a: AxisWindow): number => a.dilation * (a.kernel - 1) + 1;

/** The padded extent: input plus the zeros added before and after. */
export const paddedSize = (a: AxisWindow): number => a.input + a.padBefore + a.padAfter;

/** Output cells along the axis: floor((padded - reach) / stride) + 1, or 0 when the window does not fit. */
export function axisOutput(a: AxisWindow): number {
  const span = paddedSize(a) - reach(a);
  return span < 0 ? 0 : Math.floor(span / a.stride) + 1;
}

export function outputSize(g: WindowGeometry): [number, number] {
  return [axisOutput(g.height), axisOutput(g.width)];
}

export function frameCount(g: WindowGeometry): number {
  const [h, w] = outputSize(g);
  return h * w;
}

export interface Tap {
  /** Row and column in padded coordinates (0 = the first padding row / column). */
  readonly row: number;
  readonly col: number;
  /** True when the tap reads a padding zero rather than a real input cell. */
  readonly padding: boolean;
}

export interface Frame {
  readonly index: number;
  /** The output cell written in this frame. */
  readonly outRow: number;
  readonly outCol: number;
  /** Top-left of the window in padded coordinates. */
  readonly top: number;
  readonly left: number;
  /** Kernel taps, row by row. */
  readonly taps: readonly Tap[];
}

const isPad = (a: AxisWindow, padded: number) => padded < a.padBefore || padded >= a.padBefore + a.input;

/** Frame `index` (row-major over the output, as the window slides); null when out of range. */
export function frameAt(g: WindowGeometry, index: number): Frame | null {
  const [outH, outW] = outputSize(g);
  if (!Number.isInteger(index) || index < 0 || index >= outH * outW) return null;
  const outRow = Math.floor(index / outW);
  const outCol = index % outW;
  const top = outRow * g.height.stride;
  const left = outCol * g.width.stride;
  const taps: Tap[] = [];
  for (let i = 0; i < g.height.kernel; i += 1) {
    const row = top + i * g.height.dilation;
    for (let j = 0; j < g.width.kernel; j += 1) {
      const col = left + j * g.width.dilation;
      taps.push({ row, col, padding: isPad(g.height, row) || isPad(g.width, col) });
    }
  }
  return { index, outRow, outCol, top, left, taps };
}

/** The index of the frame that writes output cell (row, col), or null when outside the output. */
export function frameIndexOf(g: WindowGeometry, row: number, col: number): number | null {
  const [outH, outW] = outputSize(g);
  if (row < 0 || col < 0 || row >= outH || col >= outW) return null;
  return row * outW + col;
}

export function geometryFromArithmetic(axes: readonly AxisArithmetic[]): WindowGeometry | null {
  const h = axes.find((a) => a.axis === 'height');
  const w = axes.find((a) => a.axis === 'width');
  if (!h || !w) return null;
  const toWindow = (a: AxisArithmetic): AxisWindow => ({
    input: a.input, kernel: a.kernel, stride: a.stride, dilation: a.dilation ?? 1,
    padBefore: a.padBefore, padAfter: a.padAfter,
  });
  return { height: toWindow(h), width: toWindow(w) };
}

/** The free-play settings (non-square allowed). */
export interface FreePlay {
  readonly inputH: number;
  readonly inputW: number;
  readonly kernelH: number;
  readonly kernelW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padding: Padding;
}

export const DEFAULT_FREE_PLAY: FreePlay = {
  inputH: 7, inputW: 7, kernelH: 3, kernelW: 3, strideH: 2, strideW: 2, dilationH: 1, dilationW: 1, padding: 1,
};

/** What a set of free-play values means: the arithmetic per axis (with the formula) and the geometry. */
export function freePlayArithmetic(f: FreePlay): { axes: [AxisArithmetic, AxisArithmetic]; geometry: WindowGeometry } {
  const axes: [AxisArithmetic, AxisArithmetic] = [
    axisArithmetic('height', f.inputH, f.kernelH, f.strideH, f.padding, f.dilationH),
    axisArithmetic('width', f.inputW, f.kernelW, f.strideW, f.padding, f.dilationW),
  ];
  const geometry = geometryFromArithmetic(axes);
  if (!geometry) throw new Error('unreachable: both axes are present');
  return { axes, geometry };
}

export interface StrideFit {
  readonly axis: 'height' | 'width';
  /** Real input rows / columns at the far edge that no window reaches. */
  readonly dropped: number;
}

/** The axes on which the stride does not fit: some real input cells are never read. */
export function strideMisfits(axes: readonly AxisArithmetic[]): StrideFit[] {
  return axes.map((a) => ({ axis: a.axis, dropped: droppedPixels(a) })).filter((f) => f.dropped > 0);
}
