// The stock wasm AvgPoolGrad takes 3.2 ms for a 64x28x28x6 input (12 times its forward pass); this
// JavaScript loop over the wasm heap is several times faster. Semantics follow the cpu and webgl
// backends exactly, including their constant 1 / (filterHeight * filterWidth) factor, which for 'same'
// padding differs from the forward pass (that divides border windows by their in-bounds count): we keep
// the backends agreeing rather than silently fix tfjs here.
import { AvgPoolGrad, backend_util } from '@tensorflow/tfjs-core';
import type { AvgPoolGradAttrs, AvgPoolGradInputs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWasm, checkGradShape, heapF32, shape4, WASM } from './wasmScope';

type Conv2DInfo = backend_util.Conv2DInfo;

/** Adds scale * dy[window] to every in-bounds position of one window; channels innermost (NHWC). */
function spreadWindow(dx: Float32Array, dy: Float32Array, d: number, base: number, rows: number[],
  cols: number[], info: Conv2DInfo, scale: number): void {
  const { inWidth, inChannels: ch } = info;
  for (let y = rows[0] as number; y < (rows[1] as number); y++) {
    for (let x = cols[0] as number; x < (cols[1] as number); x++) {
      const p = base + (y * inWidth + x) * ch;
      for (let c = 0; c < ch; c++) dx[p + c] = (dx[p + c] as number) + (dy[d + c] as number) * scale;
    }
  }
}

/** dx must start zeroed. */
export function scatterAvgPoolGrad(dy: Float32Array, dx: Float32Array, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, filterHeight, filterWidth, padInfo } = info;
  const scale = 1 / (filterHeight * filterWidth);
  const rows = [0, 0];
  const cols = [0, 0];
  let d = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * inWidth * ch;
    for (let oy = 0; oy < outHeight; oy++) {
      const top = oy * strideHeight - padInfo.top;
      rows[0] = Math.max(0, top);
      rows[1] = Math.min(inHeight, top + filterHeight);
      for (let ox = 0; ox < outWidth; ox++, d += ch) {
        const left = ox * strideWidth - padInfo.left;
        cols[0] = Math.max(0, left);
        cols[1] = Math.min(inWidth, left + filterWidth);
        spreadWindow(dx, dy, d, base, rows, cols, info, scale);
      }
    }
  }
}

function avgPoolGrad({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const { dy, input } = inputs as AvgPoolGradInputs;
  const { filterSize, strides, pad } = attrs as unknown as AvgPoolGradAttrs;
  if (dy === undefined || input === undefined) throw new Error('AvgPoolGrad needs dy and input');
  // Like the cpu kernel, no dimRoundingMode: AvgPoolGrad carries none.
  const info = backend_util.computePool2DInfo(shape4(input), filterSize, strides, 1, pad);
  checkGradShape(dy, info);
  const wasm = asWasm(backend);
  const out = wasm.makeOutput(input.shape, 'float32');
  // Heap views only after the allocation above, which may grow (and so detach) the heap.
  const dx = heapF32(wasm, out);
  dx.fill(0);
  scatterAvgPoolGrad(heapF32(wasm, dy), dx, info);
  return out;
}

/** Built from the stock config so its setup (binding its C++ entry point) still runs harmlessly. */
export function makeWasmAvgPoolGradConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelName: AvgPoolGrad, backendName: WASM, kernelFunc: avgPoolGrad as unknown as KernelFunc };
}
