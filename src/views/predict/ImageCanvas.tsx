import { memo, useEffect, useRef } from 'react';

/** Paints an H*W*C image (floats in [0, 1] or bytes) into a canvas of H x W pixels. */
export function paintImage(el: HTMLCanvasElement, data: ArrayLike<number>, h: number, w: number, c: number, bytes: boolean): void {
  const g = el.getContext('2d');
  if (!g) return;
  const img = g.createImageData(w, h);
  const k = bytes ? 1 : 255;
  for (let i = 0; i < h * w; i += 1) {
    const r = (data[i * c] as number) * k;
    img.data[i * 4] = r;
    img.data[i * 4 + 1] = c === 3 ? (data[i * c + 1] as number) * k : r;
    img.data[i * 4 + 2] = c === 3 ? (data[i * c + 2] as number) * k : r;
    img.data[i * 4 + 3] = 255;
  }
  g.putImageData(img, 0, 0);
}

/** A small image shown large with crisp pixels (the network's view of a drawing, a test example). */
export const ImageCanvas = memo(function ImageCanvas(
  { data, shape, bytes = false, size = 84, label }:
  { data: ArrayLike<number>; shape: readonly [number, number, number]; bytes?: boolean; size?: number; label?: string },
) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  useEffect(() => {
    if (ref.current) paintImage(ref.current, data, h, w, c, bytes);
  }, [data, h, w, c, bytes]);
  return <canvas ref={ref} width={w} height={h} className="pixelated" style={{ width: size, height: (size * h) / w }}
    role="img" aria-label={label} />;
});
