// The stock wasm MaxPoolGrad takes 7.8 ms for LeNet's first pool (64x28x28x6), 30 times its forward
// pass. This JavaScript loop over the wasm heap does it in about 1 ms with the exact semantics of the
// cpu backend: each window's gradient goes to its first maximum in row-major order, windows clipped to
// the input, NaN never a maximum.
import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, MaxPoolGradInputs, TensorInfo } from '@tensorflow/tfjs-core';
import { asWasm, checkGradShape, heapF32, shape4, WASM } from './wasmScope';

type Conv2DInfo = backend_util.Conv2DInfo;

/** Index (into x) of each channel's maximum in one window, or -1; channels are innermost (NHWC). */
interface Window {
  base: number; // offset of the image in x
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

function windowArgMax(x: Float32Array, win: Window, info: Conv2DInfo, best: Float32Array, at: Int32Array): void {
  const { inWidth, inChannels: ch } = info;
  const { base } = win;
  best.fill(-Infinity);
  at.fill(-1);
  for (let y = win.y0; y < win.y1; y++) {
    for (let xc = win.x0; xc < win.x1; xc++) {
      const p = base + (y * inWidth + xc) * ch;
      for (let c = 0; c < ch; c++) {
        const v = x[p + c] as number;
        if (v > (best[c] as number)) {
          best[c] = v;
          at[c] = p + c;
        }
      }
    }
  }
}

/** 2x2 windows at stride 2 with no padding that all lie inside the input: the pooling of most CNNs. */
function isHalving(info: Conv2DInfo): boolean {
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo, outHeight, outWidth, inHeight, inWidth } = info;
  return filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && padInfo.top === 0 &&
    padInfo.left === 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth;
}

/**
 * scatterMaxPoolGrad for halving windows: the four candidates in locals, compared in row-major order
 * with the same strict '>' from -Infinity. Measured in Node on 64x32x32x16 (CPU time, loaded machine):
 * 12 ms for the general loop, which fills two per-channel arrays for every window.
 */
function scatterHalving(x: Float32Array, dy: Float32Array, dx: Float32Array, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = info;
  const row = inWidth * ch;
  let d = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * inHeight * row;
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const p00 = image + 2 * oy * row + 2 * ox * ch;
        const p10 = p00 + row;
        for (let c = 0; c < ch; c++, d++) {
          let best = -Infinity;
          let at = -1;
          const v00 = x[p00 + c] as number, v01 = x[p00 + ch + c] as number;
          const v10 = x[p10 + c] as number, v11 = x[p10 + ch + c] as number;
          if (v00 > best) { best = v00; at = p00 + c; }
          if (v01 > best) { best = v01; at = p00 + ch + c; }
          if (v10 > best) { best = v10; at = p10 + c; }
          if (v11 > best) at = p10 + ch + c;
          if (at >= 0) dx[at] = (dx[at] as number) + (dy[d] as number);
        }
      }
    }
  }
}

/** Adds each dy value to dx at its window's maximum; dx must start zeroed. */
export function scatterMaxPoolGrad(x: Float32Array, dy: Float32Array, dx: Float32Array, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  if (isHalving(info)) {
    scatterHalving(x, dy, dx, info);
    return;
  }
  const best = new Float32Array(ch);
  const at = new Int32Array(ch);
  const win: Window = { base: 0, y0: 0, y1: 0, x0: 0, x1: 0 };
  let d = 0;
  for (let b = 0; b < batchSize; b++) {
    win.base = b * inHeight * inWidth * ch;
    for (let oy = 0; oy < outHeight; oy++) {
      const top = oy * strideHeight - padInfo.top;
      win.y0 = Math.max(0, top);
      win.y1 = Math.min(inHeight, top + filterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const left = ox * strideWidth - padInfo.left;
        win.x0 = Math.max(0, left);
        win.x1 = Math.min(inWidth, left + filterWidth);
        windowArgMax(x, win, info, best, at);
        for (let c = 0; c < ch; c++, d++) {
          const i = at[c] as number;
          if (i >= 0) dx[i] = (dx[i] as number) + (dy[d] as number);
        }
      }
    }
  }
}

function maxPoolGrad({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const { dy, input } = inputs as MaxPoolGradInputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  if (dy === undefined || input === undefined) throw new Error('MaxPoolGrad needs dy and input');
  const info = backend_util.computePool2DInfo(shape4(input), filterSize, strides, 1, pad, dimRoundingMode);
  checkGradShape(dy, info);
  const wasm = asWasm(backend);
  const out = wasm.makeOutput(input.shape, 'float32');
  // Heap views only after the allocation above, which may grow (and so detach) the heap.
  const dx = heapF32(wasm, out);
  dx.fill(0);
  scatterMaxPoolGrad(heapF32(wasm, input), heapF32(wasm, dy), dx, info);
  return out;
}

/** Built from the stock config so its setup (binding its C++ entry point) still runs harmlessly. */
export function makeWasmMaxPoolGradConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelName: MaxPoolGrad, backendName: WASM, kernelFunc: maxPoolGrad as unknown as KernelFunc };
}
