// Shared by the kernel tests: deterministic inputs, so the cpu and wasm runs see identical numbers.

/** Max abs error over the scale of the expected values (at least 1): float32 sums of many terms drift. */
export const TOLERANCE = 1e-4;

/** Uniform values in [-1, 1) from a small seeded generator (mulberry32). */
export function randomValues(shape: number[], seed: number, offset = 0): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1 + offset;
  }
  return out;
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
