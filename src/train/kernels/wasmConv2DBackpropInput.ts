// The stock wasm Conv2DBackpropInput is a plain C++ loop: 16 ms for LeNet's second conv layer, where
// the XNNPACK Conv2D does the same arithmetic in about 2 ms. The input gradient is a 'full' convolution
// of dy by the filter flipped in space with its channel axes swapped, so we run it as one; a stride is
// handled by spreading dy apart with zeros first. Geometry that does not fit that form (explicit padding
// wider than the filter, NCHW) and strided layers with 1-2 input channels go to the stock kernel.
import { backend_util, Conv2D, Conv2DBackpropInput, PadV2, Reverse, Slice, Transpose } from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropInputAttrs, Conv2DBackpropInputInputs, KernelConfig, KernelFunc, TensorInfo,
} from '@tensorflow/tfjs-core';
import { asWasm, shape4, view, WASM, withScope } from './wasmScope';
import type { WasmScope } from './wasmScope';

type Conv2DInfo = backend_util.Conv2DInfo;

interface FullConvPadding {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/**
 * dx[n, y, x, c] = sum of dy[n, oy, ox, o] * W[i, j, c, o] over y = oy*sh + i - padTop. Spread dy to
 * (oh - 1)*sh + 1 rows (zeros between); then dx is a stride-1 conv of it with the flipped filter,
 * padded by fh - 1 - padTop on top and whatever makes the output exactly inHeight at the bottom.
 * Returns null when a padding would be negative.
 */
export function fullConvPadding(info: Conv2DInfo): FullConvPadding | null {
  const { inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const { filterHeight: fh, filterWidth: fw, padInfo } = info;
  const pad = {
    top: fh - 1 - padInfo.top,
    left: fw - 1 - padInfo.left,
    bottom: h - (oh - 1) * sh - 1 + padInfo.top,
    right: w - (ow - 1) * sw - 1 + padInfo.left,
  };
  return Math.min(pad.top, pad.left, pad.bottom, pad.right) < 0 ? null : pad;
}

/** dy with stride - 1 zeros after each row and column: [n, oh*sh, ow*sw, o], trailing zeros included. */
function spreadByStride(scope: WasmScope, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { batchSize: n, outHeight: oh, outWidth: ow, outChannels: co, strideHeight: sh, strideWidth: sw } = info;
  const spread = scope.run(
    PadV2,
    { x: view(dy, [n, oh, 1, ow, 1, co]) },
    { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 },
  );
  return view(spread, [n, oh * sh, ow * sw, co]);
}

function inputGradient(scope: WasmScope, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo,
  pad: FullConvPadding): TensorInfo {
  const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  const flipped = scope.run(Reverse, { x: filter }, { dims: [0, 1] });
  const swapped = scope.run(Transpose, { x: flipped }, { perm: [0, 1, 3, 2] });
  let source = dy;
  let { bottom, right } = pad;
  if (sh > 1 || sw > 1) {
    source = spreadByStride(scope, dy, info);
    // The spread carries stride - 1 trailing zero rows/cols; count them as padding already there.
    bottom -= sh - 1;
    right -= sw - 1;
    if (bottom < 0 || right < 0) {
      const [n, , , co] = shape4(source);
      const size = [n, oh * sh + Math.min(0, bottom), ow * sw + Math.min(0, right), co];
      source = scope.run(Slice, { x: source }, { begin: [0, 0, 0, 0], size });
    }
  }
  return scope.run(Conv2D, { x: source, filter: swapped }, {
    strides: 1,
    pad: [[0, 0], [pad.top, Math.max(0, bottom)], [pad.left, Math.max(0, right)], [0, 0]],
    dataFormat: 'NHWC',
    dilations: 1,
  });
}

/**
 * With a stride, our conv runs over a dy that is mostly zeros (3/4 of it at stride 2), and XNNPACK is
 * least efficient with 1-2 output channels: there the stock loop wins (64x28x28, 3x3x1x16, stride 2:
 * 2.6 ms stock vs 6.2 ms ours; with 3 or more channels ours wins at every stride we measured).
 */
function preferStock(info: Conv2DInfo): boolean {
  return (info.strideHeight > 1 || info.strideWidth > 1) && info.inChannels < 3;
}

/** Builds the override; `stock` is the backend's own kernel, kept for the geometry we do not take. */
export function makeWasmConv2DBackpropInputConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { dy, filter } = args.inputs as Conv2DBackpropInputInputs;
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (dy === undefined || filter === undefined) throw new Error('Conv2DBackpropInput needs dy and filter');
    const info = backend_util.computeConv2DInfo(
      inputShape, shape4(filter), strides, 1, pad, dimRoundingMode, false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    const full = info.dataFormat === 'channelsLast' ? fullConvPadding(info) : null;
    if (full === null || preferStock(info)) return stock.kernelFunc(args) as TensorInfo;
    return withScope(asWasm(args.backend), (scope) => inputGradient(scope, dy, filter, info, full));
  };
  // The stock setup binds the C++ entry point our fallback calls; it must still run at backend init.
  return { ...stock, kernelName: Conv2DBackpropInput, backendName: WASM, kernelFunc: kernelFunc as KernelFunc };
}
