// Where the parts of the arithmetic diagram go, as plain numbers (tested without a DOM): the padded input
// grid on the left, the output grid to its right, the receptive field on the input image below them.
import { outputSize, paddedSize, type WindowGeometry } from './frames';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ArithLayout {
  /** Side of one grid cell, in pixels. */
  readonly cell: number;
  readonly input: Box;
  readonly output: Box;
  /** The input image, for the receptive field; null when not shown. */
  readonly image: Box | null;
  readonly imageCell: number;
  readonly width: number;
  readonly height: number;
}

export const LAYOUT = { margin: 12, title: 22, gap: 48, minCell: 3, maxCell: 26, caption: 26 } as const;

/** Fits both grids side by side in `maxWidth`; the image (if any) goes below at up to 8 px a pixel. */
export function arithLayout(g: WindowGeometry, maxWidth: number, image: readonly [number, number] | null): ArithLayout {
  const { margin, title, gap, minCell, maxCell, caption } = LAYOUT;
  const inH = paddedSize(g.height);
  const inW = paddedSize(g.width);
  const [outH, outW] = outputSize(g);
  const columns = inW + Math.max(outW, 1);
  const rows = Math.max(inH, outH, 1);
  const byWidth = Math.floor((maxWidth - 2 * margin - gap) / Math.max(columns, 1));
  const byHeight = Math.floor(520 / rows); // keeps a 60-cell grid from making the page scroll for ever
  const cell = Math.max(minCell, Math.min(maxCell, byWidth, byHeight));
  const top = margin + title;
  const input: Box = { x: margin, y: top, width: inW * cell, height: inH * cell };
  const output: Box = { x: input.x + input.width + gap, y: top, width: outW * cell, height: outH * cell };
  const gridsBottom = top + Math.max(input.height, output.height) + caption;
  let imageBox: Box | null = null;
  let imageCell = 0;
  if (image) {
    imageCell = Math.max(2, Math.min(8, Math.floor((maxWidth - 2 * margin) / image[1])));
    imageBox = { x: margin, y: gridsBottom + title, width: image[1] * imageCell, height: image[0] * imageCell };
  }
  const right = Math.max(output.x + output.width, imageBox ? imageBox.x + imageBox.width : 0) + margin;
  const bottom = (imageBox ? imageBox.y + imageBox.height + caption : gridsBottom) + margin;
  return { cell, input, output, image: imageBox, imageCell, width: Math.max(right, Math.min(maxWidth, 560)), height: bottom };
}
