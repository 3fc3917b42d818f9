// Small canvas painters for the understanding views: images (bytes or floats in [0, 1]), crops that may
// reach past the image's edges, heat overlays and histograms. Pure drawing, no state.
import type { Histogram, ImageShape } from '../../train/api/understandProtocol';

type Pixels = ArrayLike<number>;

/** Paints one image scaled by `scale` at (x, y); `offset` is the index of its first value in `data`. */
export function paintImage(ctx: CanvasRenderingContext2D, data: Pixels, shape: ImageShape, x: number, y: number, scale: number,
  options: { offset?: number; bytes?: boolean; crop?: readonly [number, number, number, number] } = {}): void {
  const { height, width, channels } = shape;
  const [top, left, ch, cw] = options.crop ?? [0, 0, height, width];
  const img = ctx.createImageData(cw, ch);
  const k = options.bytes ? 1 : 255;
  const offset = options.offset ?? 0;
  for (let r = 0; r < ch; r++) {
    for (let c = 0; c < cw; c++) {
      const sy = top + r;
      const sx = left + c;
      const o = (r * cw + c) * 4;
      if (sy < 0 || sx < 0 || sy >= height || sx >= width) {
        // Outside the image (the field reaches into the padding): a checker of two greys.
        const v = (r + c) % 2 === 0 ? 200 : 230;
        img.data.set([v, v, v, 255], o);
        continue;
      }
      const i = offset + (sy * width + sx) * channels;
      const g = (data[i] as number) * k;
      const rgb = channels >= 3 ? [g, (data[i + 1] as number) * k, (data[i + 2] as number) * k] : [g, g, g];
      img.data.set([rgb[0] as number, rgb[1] as number, rgb[2] as number, 255], o);
    }
  }
  const tmp = new OffscreenCanvas(cw, ch);
  tmp.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tmp, x, y, cw * scale, ch * scale);
}

/** A red heat overlay of rows x cols values in [0, max] over a w x h area. */
export function paintHeat(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, rows: number, cols: number,
  cells: (r: number, c: number) => [number, number, number, number], max: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = Math.max(0, (values[r * cols + c] as number) / (max || 1));
      const [x, y, w, h] = cells(r, c);
      ctx.fillStyle = `rgba(220, 40, 30, ${(0.75 * v).toFixed(3)})`;
      ctx.fillRect(x, y, w, h);
    }
  }
}

/** Bars of a histogram filling the canvas, heights on a square-root scale; the bin holding zero is drawn darker. */
export function paintHistogram(canvas: HTMLCanvasElement, histogram: Histogram, colour: string): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const counts = histogram.counts;
  const max = Math.max(1, ...counts);
  const bar = width / counts.length;
  const span = histogram.max - histogram.min;
  const zeroBin = span > 0 ? Math.min(counts.length - 1, Math.floor(((0 - histogram.min) / span) * counts.length)) : 0;
  counts.forEach((n, i) => {
    const h = n === 0 ? 0 : Math.max(1, Math.sqrt(n / max) * (height - 2));
    ctx.fillStyle = i === zeroBin && histogram.min <= 0 && histogram.max >= 0 ? '#333' : colour;
    ctx.fillRect(i * bar, height - h, Math.max(1, bar - 1), h);
  });
}

/** A diverging grey for a perturbation: 0 -> mid grey, +-limit -> white / black. */
export function perturbationPixels(original: Float32Array, adversarial: Float32Array, limit: number): Float32Array {
  return adversarial.map((v, i) => Math.min(1, Math.max(0, 0.5 + (v - (original[i] as number)) / (2 * (limit || 1)))));
}

export const CLASS_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
export const classColour = (c: number): string => CLASS_COLOURS[c % CLASS_COLOURS.length] as string;
