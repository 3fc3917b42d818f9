// Gradient kernels for the wasm backend: one it lacks (so conv nets can train at all) and four whose
// stock versions are slow enough to dominate a training step (see each file for the measurements).
// Every kernel is checked against the cpu backend in kernels.test.ts.
//
// The side-effect import comes first on purpose: the wasm package registers its stock kernels when it is
// evaluated, and we must see them (to wrap or fall back to) and register after them, or the package
// would overwrite ours.
import '@tensorflow/tfjs-backend-wasm';
import { AvgPoolGrad, BatchMatMul, Conv2DBackpropInput, getKernel, MaxPoolGrad, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { wasmConv2DBackpropFilterConfig } from './wasmConv2DBackpropFilter';
import { makeWasmConv2DBackpropInputConfig } from './wasmConv2DBackpropInput';
import { makeWasmBatchMatMulConfig } from './wasmBatchMatMul';
import { makeWasmMaxPoolGradConfig } from './wasmMaxPoolGrad';
import { makeWasmAvgPoolGradConfig } from './wasmAvgPoolGrad';
import { WASM } from './wasmScope';
import { registerBatchNormTrainGradient, wasmBatchNormTrainConfig, wasmBatchNormTrainGradConfig } from './wasmBatchNormTrain';

/** Marks configs as ours; a global symbol, so a second copy of this module (HMR) recognises them too. */
const OURS = Symbol.for('cnn-playground.wasmGradientKernel');

type Marked = KernelConfig & { [OURS]?: true };

/** Kernels of our own for batch norm in training (batchNormLayer.ts runs them where they are registered). */
const OWN: ReadonlyArray<KernelConfig> = [wasmBatchNormTrainConfig, wasmBatchNormTrainGradConfig];

/** Replacements for stock kernels that exist but are slow; each keeps the stock one for fallback. */
const FASTER: ReadonlyArray<readonly [string, (stock: KernelConfig) => KernelConfig]> = [
  [Conv2DBackpropInput, makeWasmConv2DBackpropInputConfig],
  [BatchMatMul, makeWasmBatchMatMulConfig],
  [MaxPoolGrad, makeWasmMaxPoolGradConfig],
  [AvgPoolGrad, makeWasmAvgPoolGradConfig],
];

/** What registration replaced, so unregisterWasmGradientKernels can put it back. */
const replaced = new Map<string, KernelConfig | null>();

function isOurs(config: KernelConfig | undefined): boolean {
  return config != null && (config as Marked)[OURS] === true;
}

function install(config: KernelConfig): void {
  const stock = getKernel(config.kernelName, WASM);
  if (isOurs(stock)) return;
  // Unregister first: registerKernel would overwrite too, but warns on the console every time.
  if (stock != null) unregisterKernel(config.kernelName, WASM);
  replaced.set(config.kernelName, stock ?? null);
  registerKernel({ ...config, [OURS]: true } as Marked);
}

/**
 * Registers the wasm gradient kernels CNN Playground needs for training: Conv2DBackpropFilter (absent
 * from tfjs-backend-wasm 4.22) plus faster Conv2DBackpropInput, BatchMatMul (transposed operands),
 * MaxPoolGrad and AvgPoolGrad, and batch norm's training kernels. Idempotent. Call it before tf.setBackend('wasm') so the stock setup of
 * the wrapped kernels runs at backend start; calling it later works as well.
 */
export function registerWasmGradientKernels(): void {
  const filterStock = getKernel(wasmConv2DBackpropFilterConfig.kernelName, WASM);
  // Should a later tfjs ship its own Conv2DBackpropFilter, prefer it over ours.
  if (filterStock == null || isOurs(filterStock)) install(wasmConv2DBackpropFilterConfig);
  OWN.forEach(install);
  registerBatchNormTrainGradient();
  for (const [name, make] of FASTER) {
    const stock = getKernel(name, WASM);
    if (stock != null && !isOurs(stock)) install(make(stock));
  }
}

/** Puts the stock kernels back (tests, benchmarks of the stock backend). */
export function unregisterWasmGradientKernels(): void {
  for (const [name, stock] of replaced) {
    if (isOurs(getKernel(name, WASM))) unregisterKernel(name, WASM);
    if (stock != null && getKernel(name, WASM) == null) registerKernel(stock);
  }
  replaced.clear();
}

/** Names of the wasm kernels currently provided by this module. */
export function wasmGradientKernelNames(): string[] {
  return [wasmConv2DBackpropFilterConfig.kernelName, ...OWN.map((k) => k.kernelName), ...FASTER.map(([name]) => name)]
    .filter((name) => isOurs(getKernel(name, WASM)));
}
