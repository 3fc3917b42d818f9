// Shared by the kernel tests: deterministic inputs, so the cpu and wasm runs see identical numbers.
import { mulberry32 } from '../../data/batches';

/** Max abs error over the scale of the expected values (at least 1): float32 sums of many terms drift. */
export const TOLERANCE = 1e-4;

/** Uniform values in [-1, 1) from the project's seeded generator (mulberry32). */
export function randomValues(shape: number[], seed: number, offset = 0): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const random = mulberry32(seed);
  return Float32Array.from({ length: size }, () => random() * 2 - 1 + offset);
}

export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 1;
  let err = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    scale = Math.max(scale, Math.abs(e));
    err = Math.max(err, Math.abs((actual[i] as number) - e));
  }
  return err / scale;
}
