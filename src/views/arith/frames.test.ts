import { describe, expect, it } from 'vitest';
import { axisArithmetic } from '../../model/arithmetic';
import type { Padding } from '../../model/spec';
import {
  axisOutput, frameAt, frameCount, frameIndexOf, freePlayArithmetic, geometryFromArithmetic, outputSize,
  strideMisfits, type AxisWindow, type WindowGeometry,
} from './frames';

const axis = (input: number, kernel: number, stride = 1, pad = 0, dilation = 1): AxisWindow =>
  ({ input, kernel, stride, dilation, padBefore: pad, padAfter: pad });

describe('axisOutput', () => {
  it.each([
    [axis(28, 5, 1, 2), 28],
    [axis(28, 2, 2), 14],
    [axis(5, 3, 2, 1), 3],
    [axis(7, 3, 2), 3],
    [axis(7, 3, 1, 0, 2), 3],
    [axis(2, 3), 0],
  ])('window %o gives %i outputs', (a, out) => {
    expect(axisOutput(a)).toBe(out);
  });

  it('agrees with the model core for every small window, padding and dilation', () => {
    const paddings: Padding[] = ['valid', 'same', 0, 1, 2];
    for (let input = 1; input <= 9; input += 1) {
      for (let kernel = 1; kernel <= 4; kernel += 1) {
        for (let stride = 1; stride <= 3; stride += 1) {
          for (let dilation = 1; dilation <= 2; dilation += 1) {
            for (const padding of paddings) {
              const core = axisArithmetic('height', input, kernel, stride, padding, dilation);
              const g = geometryFromArithmetic([core, { ...core, axis: 'width' }]);
              expect(axisOutput(g!.height)).toBe(Math.max(core.output, 0));
            }
          }
        }
      }
    }
  });
});

describe('frameAt', () => {
  const g: WindowGeometry = { height: axis(5, 3, 2, 1), width: axis(4, 2, 1, 0) };

  it('slides row by row, one frame per output cell', () => {
    expect(outputSize(g)).toEqual([3, 3]);
    expect(frameCount(g)).toBe(9);
    const f = frameAt(g, 4);
    expect(f).toMatchObject({ outRow: 1, outCol: 1, top: 2, left: 1 });
    expect(f?.taps).toHaveLength(6);
    expect(frameAt(g, 9)).toBeNull();
    expect(frameAt(g, -1)).toBeNull();
    expect(frameAt(g, 1.5)).toBeNull();
  });

  it('marks the taps that read padding', () => {
    const first = frameAt(g, 0);
    // Top row of the first window is the padding row; the others read real cells.
    expect(first?.taps.map((t) => t.padding)).toEqual([true, true, false, false, false, false]);
    const last = frameAt(g, 8);
    expect(last?.taps.filter((t) => t.padding)).toHaveLength(2); // the bottom padding row
  });

  it('spreads dilated taps apart', () => {
    const dilated: WindowGeometry = { height: axis(7, 3, 1, 0, 2), width: axis(7, 3, 1, 0, 3) };
    expect(outputSize(dilated)).toEqual([3, 1]);
    const f = frameAt(dilated, 2);
    expect(f?.taps.map((t) => [t.row, t.col])).toEqual([
      [2, 0], [2, 3], [2, 6], [4, 0], [4, 3], [4, 6], [6, 0], [6, 3], [6, 6],
    ]);
  });

  it('maps an output cell back to its frame', () => {
    expect(frameIndexOf(g, 2, 1)).toBe(7);
    expect(frameAt(g, frameIndexOf(g, 2, 1)!)).toMatchObject({ outRow: 2, outCol: 1 });
    expect(frameIndexOf(g, 3, 0)).toBeNull();
  });

  it('has no frames when the window does not fit', () => {
    const g2: WindowGeometry = { height: axis(2, 3), width: axis(5, 3) };
    expect(frameCount(g2)).toBe(0);
    expect(frameAt(g2, 0)).toBeNull();
  });
});

describe('free play', () => {
  it('gives the formula and geometry of non-square windows', () => {
    const { axes, geometry } = freePlayArithmetic({
      inputH: 6, inputW: 9, kernelH: 3, kernelW: 1, strideH: 1, strideW: 2, dilationH: 1, dilationW: 1, padding: 'valid',
    });
    expect(axes[0].formula).toBe('floor((6 - 3) / 1) + 1 = 4');
    expect(axes[1].formula).toBe('floor((9 - 1) / 2) + 1 = 5');
    expect(outputSize(geometry)).toEqual([4, 5]);
  });

  it('warns when the stride leaves real input cells unread', () => {
    const fits = freePlayArithmetic({ inputH: 7, inputW: 7, kernelH: 3, kernelW: 3, strideH: 2, strideW: 2, dilationH: 1, dilationW: 1, padding: 0 });
    expect(strideMisfits(fits.axes)).toEqual([]);
    const misfit = freePlayArithmetic({ inputH: 8, inputW: 7, kernelH: 3, kernelW: 3, strideH: 2, strideW: 2, dilationH: 1, dilationW: 1, padding: 0 });
    expect(strideMisfits(misfit.axes)).toEqual([{ axis: 'height', dropped: 1 }]);
  });
});

describe('arithLayout', () => {
  it('keeps the output grid right of the input grid and the image below both', async () => {
    const { arithLayout } = await import('./layout');
    const g: WindowGeometry = { height: axis(14, 5), width: axis(14, 5) };
    const l = arithLayout(g, 600, [28, 28]);
    expect(l.output.x).toBeGreaterThan(l.input.x + l.input.width);
    expect(l.input.width).toBe(14 * l.cell);
    expect(l.output.width).toBe(10 * l.cell);
    expect(l.image!.y).toBeGreaterThan(l.input.y + l.input.height);
    expect(l.width).toBeLessThanOrEqual(600);
    expect(arithLayout(g, 600, null).image).toBeNull();
  });

  it('never shrinks a cell below the minimum, however wide the input', async () => {
    const { arithLayout, LAYOUT } = await import('./layout');
    const g: WindowGeometry = { height: axis(500, 3), width: axis(500, 3) };
    expect(arithLayout(g, 300, null).cell).toBe(LAYOUT.minCell);
  });
});
