// Turning a drawing or an uploaded picture into the network's input, pure and tested without a DOM.
// MNIST digits were size-normalised to fit a 20x20 box (anti-aliased), then centred by their centre of
// mass in a 28x28 field (LeCun et al.); a digit drawn large on the pad gets the same treatment, or the
// network would see something unlike anything it was trained on.

/** A greyscale image, row-major, values in [0, 1] (1 = ink). */
export interface Grey {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Area-averaging resample: every output pixel is the mean of the source area it covers (anti-aliased). */
export function resampleArea(src: Grey, x0: number, y0: number, w: number, h: number, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = w / outW;
  const sy = h / outH;
  for (let oy = 0; oy < outH; oy += 1) {
    const top = y0 + oy * sy;
    for (let ox = 0; ox < outW; ox += 1) {
      const left = x0 + ox * sx;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(top); y < Math.ceil(top + sy); y += 1) {
        const cy = Math.min(y + 1, top + sy) - Math.max(y, top);
        if (cy <= 0 || y < 0 || y >= src.height) continue;
        for (let x = Math.floor(left); x < Math.ceil(left + sx); x += 1) {
          const cx = Math.min(x + 1, left + sx) - Math.max(x, left);
          if (cx <= 0 || x < 0 || x >= src.width) continue;
          sum += (src.data[y * src.width + x] as number) * cx * cy;
          area += cx * cy;
        }
      }
      out[oy * outW + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/** The bounding box of pixels above `threshold`, or null for an empty image. */
export function inkBounds(img: Grey, threshold = 0.05): { x: number; y: number; w: number; h: number } | null {
  let minX = img.width;
  let minY = img.height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < img.height; y += 1) {
    for (let x = 0; x < img.width; x += 1) {
      if ((img.data[y * img.width + x] as number) <= threshold) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

/** Centre of mass (x, y) of an image's intensity; the middle when it is blank. */
export function centreOfMass(data: Float32Array, width: number, height: number): [number, number] {
  let total = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const v = data[y * width + x] as number;
      total += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return total > 0 ? [mx / total, my / total] : [width / 2, height / 2];
}

/**
 * MNIST-style: the ink's bounding box scaled (aspect kept) to fit `box` pixels, placed so its centre of mass
 * sits in the middle of an outW x outH field. An empty drawing gives an all-zero image.
 */
export function mnistify(img: Grey, outW: number, outH: number, box = Math.round((Math.min(outW, outH) * 20) / 28)): Float32Array {
  const out = new Float32Array(outW * outH);
  const bounds = inkBounds(img);
  if (!bounds) return out;
  const scale = box / Math.max(bounds.w, bounds.h);
  const w = Math.max(1, Math.round(bounds.w * scale));
  const h = Math.max(1, Math.round(bounds.h * scale));
  const digit = resampleArea(img, bounds.x, bounds.y, bounds.w, bounds.h, w, h);
  const [cx, cy] = centreOfMass(digit, w, h);
  const dx = Math.round(outW / 2 - cx);
  const dy = Math.round(outH / 2 - cy);
  for (let y = 0; y < h; y += 1) {
    const ty = y + dy;
    if (ty < 0 || ty >= outH) continue;
    for (let x = 0; x < w; x += 1) {
      const tx = x + dx;
      if (tx >= 0 && tx < outW) out[ty * outW + tx] = Math.min(1, digit[y * w + x] as number);
    }
  }
  return out;
}

/** Greyscale H*W to H*W*C (channels-last), repeating the grey value in every channel. */
export function toChannels(grey: Float32Array, channels: number): Float32Array {
  if (channels === 1) return grey;
  const out = new Float32Array(grey.length * channels);
  for (let i = 0; i < grey.length; i += 1) out.fill(grey[i] as number, i * channels, (i + 1) * channels);
  return out;
}

/**
 * RGBA bytes (as a canvas gives them) to H*W*C floats in [0, 1]. One channel: luminance, inverted when the
 * picture is mostly light, since MNIST-like datasets are light ink on a dark ground.
 */
export function rgbaToInput(rgba: Uint8ClampedArray | Uint8Array, channels: number): Float32Array {
  const n = rgba.length / 4;
  if (channels === 3) {
    const out = new Float32Array(n * 3);
    for (let i = 0; i < n; i += 1) for (let c = 0; c < 3; c += 1) out[i * 3 + c] = (rgba[i * 4 + c] as number) / 255;
    return out;
  }
  const grey = new Float32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    const v = (0.299 * (rgba[i * 4] as number) + 0.587 * (rgba[i * 4 + 1] as number) + 0.114 * (rgba[i * 4 + 2] as number)) / 255;
    grey[i] = v;
    sum += v;
  }
  if (n > 0 && sum / n > 0.5) for (let i = 0; i < n; i += 1) grey[i] = 1 - (grey[i] as number);
  return toChannels(grey, channels);
}
