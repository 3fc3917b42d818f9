// Helpers for kernels that compose other wasm kernels. They call the registered kernel functions
// directly, as the wasm backend's own kernels do, so intermediates never become engine tensors: they
// are plain TensorInfos freed by one dispose(), which keeps the composed kernels leak-free by design.
import { getKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const WASM = 'wasm';

export class WasmScope {
  private readonly temps: TensorInfo[] = [];

  constructor(readonly backend: BackendWasm) {}

  /** Runs a registered wasm kernel; its output is freed with the scope unless kept. */
  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    return this.runConfig(requireKernel(kernelName), inputs, attrs);
  }

  /** Runs a given kernel config, e.g. a stock kernel that an override of ours replaced. */
  runConfig(config: KernelConfig, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const out = config.kernelFunc({ inputs, attrs, backend: this.backend });
    const info = Array.isArray(out) ? out[0] : out;
    if (info === undefined) throw new Error(`wasm kernel ${config.kernelName} returned no output`);
    this.temps.push(info);
    return info;
  }

  /** Takes a result out of the scope so that dispose() leaves its data alone. */
  keep(result: TensorInfo): TensorInfo {
    const at = this.temps.findIndex((t) => t.dataId === result.dataId);
    if (at >= 0) this.temps.splice(at, 1);
    return result;
  }

  dispose(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}

/** Runs `body` in a fresh scope and returns its result; every other intermediate is freed, even on throw. */
export function withScope(backend: BackendWasm, body: (scope: WasmScope) => TensorInfo): TensorInfo {
  const scope = new WasmScope(backend);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}

/**
 * The same data seen with another shape of equal size. Unlike the Reshape kernel it takes no reference,
 * so a view is never disposed: whoever owns the data frees it.
 */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

export function requireKernel(kernelName: string): KernelConfig {
  const config = getKernel(kernelName, WASM);
  if (config == null) throw new Error(`wasm kernel ${kernelName} is not registered`);
  return config;
}

export function asWasm(backend: unknown): BackendWasm {
  return backend as BackendWasm;
}

export type Shape4 = [number, number, number, number];

export function shape4(t: TensorInfo): Shape4 {
  const [a = 0, b = 0, c = 0, d = 0] = t.shape;
  if (t.shape.length !== 4) throw new Error(`expected a rank-4 tensor, got shape [${t.shape.join(', ')}]`);
  return [a, b, c, d];
}

/** Float32 views of wasm heap memory. Take them after the last allocation: growing the heap detaches older views. */
export function heapF32(backend: BackendWasm, t: TensorInfo): Float32Array {
  const values = backend.typedArrayFromHeap(t);
  if (!(values instanceof Float32Array)) throw new Error(`expected float32 data, got ${t.dtype}`);
  return values;
}

/** The loops index dy by the pooling geometry, so a dy of any other shape would be read out of step. */
export function checkGradShape(dy: TensorInfo, info: { batchSize: number; outHeight: number; outWidth: number;
  inChannels: number }): void {
  const want = [info.batchSize, info.outHeight, info.outWidth, info.inChannels];
  if (dy.shape.length !== 4 || want.some((size, i) => dy.shape[i] !== size)) {
    throw new Error(`dy has shape [${dy.shape.join(', ')}], the pooling gives [${want.join(', ')}]`);
  }
}
