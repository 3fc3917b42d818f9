// Masks as pictures (pure, tested without a DOM): each class's colour over the image, the background left
// as it is, so the outline of what the network labelled shows against what is there.

/** Colours of classes 1.. (class 0, the background, is not painted); colour-blind-safe (Okabe-Ito). */
export const CLASS_COLOURS: readonly (readonly [number, number, number])[] = [
  [230, 159, 0], [86, 180, 233], [0, 158, 115], [240, 228, 66], [0, 114, 178], [213, 94, 0], [204, 121, 167],
];

/** The colour of a class as CSS; the background's is a light grey (in the legend only). */
export function classColour(c: number): string {
  if (c === 0) return 'rgb(200, 200, 200)';
  const [r, g, b] = CLASS_COLOURS[(c - 1) % CLASS_COLOURS.length]!;
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * RGBA pixels of an H*W*C byte image with `mask` (H*W classes) laid over it at `alpha`: the background
 * pixels keep the image, every other class is mixed with its colour. No mask: the image alone.
 */
export function maskOverlay(image: ArrayLike<number>, mask: ArrayLike<number> | null, h: number, w: number, c: number,
  alpha = 0.75): Uint8ClampedArray {
  const out = new Uint8ClampedArray(h * w * 4);
  for (let p = 0; p < h * w; p += 1) {
    const grey = image[p * c] as number;
    const rgb = c === 3 ? [grey, image[p * c + 1] as number, image[p * c + 2] as number] : [grey, grey, grey];
    const cls = mask ? (mask[p] as number) : 0;
    const colour = cls > 0 ? CLASS_COLOURS[(cls - 1) % CLASS_COLOURS.length]! : null;
    for (let k = 0; k < 3; k += 1) out[p * 4 + k] = colour ? (1 - alpha) * rgb[k]! + alpha * colour[k]! : rgb[k]!;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** Paints maskOverlay's pixels into a canvas of H x W pixels. */
export function paintOverlay(el: HTMLCanvasElement, pixels: Uint8ClampedArray, h: number, w: number): void {
  const g = el.getContext('2d');
  if (!g) return;
  const img = g.createImageData(w, h);
  img.data.set(pixels);
  g.putImageData(img, 0, 0);
}
