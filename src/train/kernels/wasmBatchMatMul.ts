// Dense layers' backward pass multiplies by transposed operands (dx = dy·Wᵀ, dW = xᵀ·dy). The stock
// wasm BatchMatMul sends any transpose flag to a slow loop: 3.2 ms for a 64x400x120 product that takes
// 0.5 ms as an explicit Transpose followed by the fast (XNNPACK) untransposed product, so we do that.
import { BatchMatMul, Transpose } from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, BatchMatMulInputs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWasm, WASM, withScope } from './wasmScope';
import type { WasmScope } from './wasmScope';

/** The permutation that swaps the two innermost axes of a tensor of this rank. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function transposed(scope: WasmScope, t: TensorInfo): TensorInfo {
  return scope.run(Transpose, { x: t }, { perm: swapLastTwo(t.shape.length) });
}

/** Builds the override; `stock` is the backend's own kernel, which does the untransposed product. */
export function makeWasmBatchMatMulConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]): TensorInfo => {
    const { a, b } = args.inputs as BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    if (a === undefined || b === undefined) throw new Error('BatchMatMul needs a and b');
    if (!transposeA && !transposeB) return stock.kernelFunc(args) as TensorInfo;
    return withScope(asWasm(args.backend), (scope) => scope.runConfig(
      stock,
      { a: transposeA ? transposed(scope, a) : a, b: transposeB ? transposed(scope, b) : b },
      { transposeA: false, transposeB: false },
    ));
  };
  // The stock setup binds the C++ entry point we call; it must still run at backend init.
  return { ...stock, kernelName: BatchMatMul, backendName: WASM, kernelFunc: kernelFunc as KernelFunc };
}
