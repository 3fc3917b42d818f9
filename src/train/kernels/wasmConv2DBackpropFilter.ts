// tfjs-backend-wasm 4.22 ships no Conv2DBackpropFilter, so no conv net can train on wasm out of the box.
// The filter gradient is itself a correlation, so we hand it to the backend's XNNPACK Conv2D instead of
// building im2col patches: measured on LeNet shapes, an im2col + transposed matMul took 30-130 ms per
// call (wasm's transposed BatchMatMul takes a slow path), this takes 2-4 ms.
import { backend_util, Conv2D, Conv2DBackpropFilter, Slice, Transpose } from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropFilterAttrs, Conv2DBackpropFilterInputs, KernelConfig, KernelFunc, TensorInfo,
} from '@tensorflow/tfjs-core';
import { asWasm, shape4, view, WASM, withScope } from './wasmScope';
import type { WasmScope } from './wasmScope';

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * dW[i, j, c, o] = sum over (n, y, x) of xPadded[n, y*sh + i, x*sw + j, c] * dy[n, y, x, o].
 * Read with the input channels as the batch and the batch as the channels, that is a stride-1
 * convolution of x by dy (as a [outH, outW, batch, outC] filter) dilated by the forward stride.
 */
function filterGradient(scope: WasmScope, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { outChannels: co, strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const xT = scope.run(Transpose, { x: view(x, [n, h * w, c]) }, { perm: [2, 1, 0] });
  const dyT = scope.run(Transpose, { x: view(dy, [n, oh * ow, co]) }, { perm: [1, 0, 2] });
  // Padding the last window reaches; negative when trailing input rows/cols fall outside every window
  // (e.g. 'valid' with stride 2 on an even size). Those give extra output rows we crop off below.
  const bottom = (oh - 1) * sh + fh - h - top;
  const right = (ow - 1) * sw + fw - w - left;
  let grad = scope.run(
    Conv2D,
    { x: view(xT, [c, h, w, n]), filter: view(dyT, [oh, ow, n, co]) },
    {
      strides: 1,
      pad: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [sh, sw],
    },
  );
  if (bottom < 0 || right < 0) {
    grad = scope.run(Slice, { x: grad }, { begin: [0, 0, 0, 0], size: [c, fh, fw, co] });
  }
  if (c === 1) return view(grad, [fh, fw, 1, co]);
  return scope.run(Transpose, { x: grad }, { perm: [1, 2, 0, 3] });
}

function conv2DBackpropFilter({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const { x, dy } = inputs as Conv2DBackpropFilterInputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter needs x and dy');
  const info = backend_util.computeConv2DInfo(
    shape4(x), filterShape, strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') {
    // Same limit as the wasm backend's own Conv2D, which this kernel runs on.
    throw new Error(`wasm Conv2DBackpropFilter supports only NHWC, got ${dataFormat}`);
  }
  return withScope(asWasm(backend), (scope) => filterGradient(scope, x, dy, info));
}

export const wasmConv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: WASM,
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
