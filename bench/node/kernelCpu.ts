// CPU time per wasm kernel, by wrapping every registered wasm kernel function with process.cpuUsage.
// Only the outermost kernel is charged (our composed kernels call others directly), so the shares add up.
import { getKernelsForBackend, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

export interface KernelCpu {
  readonly totals: Map<string, { ms: number; calls: number }>;
  reset(): void;
  restore(): void;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** `byShape`: one row per kernel and shape of its inputs, to see which layer costs what. */
export function trackWasmKernelCpu(byShape = false): KernelCpu {
  const totals = new Map<string, { ms: number; calls: number }>();
  const originals: KernelConfig[] = [];
  let depth = 0;
  for (const config of getKernelsForBackend('wasm')) {
    originals.push(config);
    const inner = config.kernelFunc;
    const wrapped = ((args: Parameters<KernelFunc>[0]) => {
      if (depth > 0) return inner(args);
      depth++;
      const start = cpuMs();
      try {
        return inner(args);
      } finally {
        depth--;
        const key = byShape
          ? `${config.kernelName} ${Object.values(args.inputs).map((t) => `[${t?.shape.join(',') ?? ''}]`).join(' ')}`
          : config.kernelName;
        const entry = totals.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += cpuMs() - start;
        entry.calls++;
        totals.set(key, entry);
      }
    }) as KernelFunc;
    unregisterKernel(config.kernelName, 'wasm');
    registerKernel({ ...config, kernelFunc: wrapped });
  }
  return {
    totals,
    reset: () => totals.clear(),
    restore: () => {
      for (const config of originals) {
        unregisterKernel(config.kernelName, 'wasm');
        registerKernel(config);
      }
    },
  };
}

export { cpuMs };
