// The kernel lab's convolution, in plain TypeScript: a small kernel slid over a grey or colour image, each
// channel on its own (as image filters do; a CNN layer would also sum over channels). Like every CNN
// library it computes cross-correlation (the kernel is not flipped), so a kernel reads as it is drawn.
// The output has the input's size: the border is filled by zero padding, by copying the edge pixel
// (replicate) or by mirroring the image about its edge pixel (reflect, OpenCV's default).

export type PaddingMode = 'zero' | 'replicate' | 'mirror';
export const PADDING_MODES: readonly PaddingMode[] = ['zero', 'replicate', 'mirror'];

/** An image as floats, HWC, row-major: data[(y * width + x) * channels + c]. */
export interface LabImage {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Float32Array;
}

/** A square kernel of odd size, row-major. */
export interface Kernel {
  readonly size: number;
  readonly values: readonly number[];
}

export function makeImage(width: number, height: number, channels: number, data?: ArrayLike<number>): LabImage {
  const n = width * height * channels;
  if (!(width >= 1 && height >= 1 && channels >= 1)) throw new Error(`image size ${width}x${height}x${channels} is empty`);
  if (data && data.length !== n) throw new Error(`expected ${n} values for ${width}x${height}x${channels}, got ${data.length}`);
  return { width, height, channels, data: data ? Float32Array.from(data) : new Float32Array(n) };
}

export function checkKernel(k: Kernel): void {
  if (!(k.size >= 1 && k.size % 2 === 1)) throw new Error(`a kernel needs an odd size, got ${k.size}`);
  if (k.values.length !== k.size * k.size) throw new Error(`a ${k.size}x${k.size} kernel needs ${k.size * k.size} values`);
}

/** Where a coordinate outside 0..n-1 reads from, or -1 for zero padding. */
export function sourceIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zero') return -1;
  if (mode === 'replicate') return i < 0 ? 0 : n - 1;
  if (n === 1) return 0;
  // Mirror about the edge pixel (…, 2, 1 | 0, 1, 2 … n-1 | n-2, …), folded for kernels wider than the image.
  const period = 2 * (n - 1);
  const m = ((i % period) + period) % period;
  return m < n ? m : period - m;
}

/** The pixel value at (x, y, c), reading outside the image as the padding mode says. */
export function pixelAt(img: LabImage, x: number, y: number, c: number, mode: PaddingMode): number {
  const sx = sourceIndex(x, img.width, mode);
  const sy = sourceIndex(y, img.height, mode);
  if (sx < 0 || sy < 0) return 0;
  return img.data[(sy * img.width + sx) * img.channels + c] as number;
}

/** One term of an output pixel's sum: the kernel weight at (kx, ky) times the input it lands on. */
export interface MultiplyAdd {
  readonly kx: number;
  readonly ky: number;
  /** The input coordinate under the weight (may lie outside the image, in the padding). */
  readonly x: number;
  readonly y: number;
  readonly padded: boolean;
  readonly input: number;
  readonly weight: number;
}

/** The multiply-adds behind output pixel (x, y) of channel c, in kernel order, and their sum. */
export function multiplyAdds(img: LabImage, k: Kernel, mode: PaddingMode, x: number, y: number, c: number):
  { terms: MultiplyAdd[]; sum: number } {
  checkKernel(k);
  const r = (k.size - 1) / 2;
  const terms: MultiplyAdd[] = [];
  let sum = 0;
  for (let ky = 0; ky < k.size; ky++) {
    for (let kx = 0; kx < k.size; kx++) {
      const ix = x + kx - r;
      const iy = y + ky - r;
      const input = pixelAt(img, ix, iy, c, mode);
      const weight = k.values[ky * k.size + kx] as number;
      sum += input * weight;
      terms.push({ kx, ky, x: ix, y: iy, padded: ix < 0 || iy < 0 || ix >= img.width || iy >= img.height, input, weight });
    }
  }
  return { terms, sum };
}

/** The kernel applied to every pixel of every channel; same size as the input. */
export function convolve(img: LabImage, k: Kernel, mode: PaddingMode): LabImage {
  checkKernel(k);
  const { width, height, channels } = img;
  const out = new Float32Array(width * height * channels);
  const r = (k.size - 1) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let ky = 0; ky < k.size; ky++) {
          for (let kx = 0; kx < k.size; kx++) {
            const w = k.values[ky * k.size + kx] as number;
            if (w !== 0) sum += w * pixelAt(img, x + kx - r, y + ky - r, c, mode);
          }
        }
        out[(y * width + x) * channels + c] = sum;
      }
    }
  }
  return { width, height, channels, data: out };
}

/** One channel of a colour image as a grey image. */
export function channelOf(img: LabImage, c: number): LabImage {
  const out = new Float32Array(img.width * img.height);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i * img.channels + c] as number;
  return { width: img.width, height: img.height, channels: 1, data: out };
}
