// The kernels of the lab: the course material's table (identity, three edge detectors, sharpen, box blur,
// Gaussian blur) and the Sobel pair, plus a 5x5 Gaussian. Values as written in the table, scale applied.
import type { Kernel } from './convolve';

export type KernelId =
  | 'identity' | 'edge1' | 'edge2' | 'edge3' | 'sobelX' | 'sobelY' | 'sharpen' | 'boxBlur' | 'gaussian3'
  | 'gaussian5';

export interface NamedKernel extends Kernel {
  readonly id: KernelId;
  /** The scale the table writes in front of the grid (1/9, 1/16), 1 otherwise; `values` have it applied. */
  readonly scaleText: string | null;
  /** The grid before scaling, as the table writes it. */
  readonly grid: readonly number[];
}

const named = (id: KernelId, grid: readonly number[], divisor = 1): NamedKernel => ({
  id,
  size: Math.round(Math.sqrt(grid.length)),
  grid,
  values: grid.map((v) => v / divisor),
  scaleText: divisor === 1 ? null : `1/${divisor}`,
});

const g5 = [1, 4, 6, 4, 1];

export const KERNELS: readonly NamedKernel[] = [
  named('identity', [0, 0, 0, 0, 1, 0, 0, 0, 0]),
  named('edge1', [1, 0, -1, 0, 0, 0, -1, 0, 1]),
  named('edge2', [0, 1, 0, 1, -4, 1, 0, 1, 0]),
  named('edge3', [-1, -1, -1, -1, 8, -1, -1, -1, -1]),
  named('sobelX', [-1, 0, 1, -2, 0, 2, -1, 0, 1]),
  named('sobelY', [-1, -2, -1, 0, 0, 0, 1, 2, 1]),
  named('sharpen', [0, -1, 0, -1, 5, -1, 0, -1, 0]),
  named('boxBlur', [1, 1, 1, 1, 1, 1, 1, 1, 1], 9),
  named('gaussian3', [1, 2, 1, 2, 4, 2, 1, 2, 1], 16),
  named('gaussian5', g5.flatMap((a) => g5.map((b) => a * b)), 256),
];

export function findKernel(id: string): NamedKernel | undefined {
  return KERNELS.find((k) => k.id === id);
}

/** A kernel of all zeros, the editable grid's blank start. */
export const blankKernel = (size: 3 | 5): Kernel => ({ size, values: new Array<number>(size * size).fill(0) });

/** The named kernel these values are, if any (the editor then shows its name). */
export function kernelIdOf(k: Kernel): KernelId | null {
  return KERNELS.find((n) => n.size === k.size && n.values.every((v, i) => Math.abs(v - (k.values[i] as number)) < 1e-9))?.id ?? null;
}
