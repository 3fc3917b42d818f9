// The pictures of a vision transformer, from plain arrays (no tfjs, so the known-answer tests run on hand-
// worked numbers): where the class token looks in each head, attention rollout across layers (Abnar &
// Zuidema 2020), and the cosine similarity of the learned position embeddings (Dosovitskiy et al. 2021,
// figure 7). Tokens are row-major: `extra` leading tokens (the class token) and then the patch grid.

/** One head's weights: weights[(h * n + query) * n + key]. */
export type HeadWeights = Float32Array | Float64Array;

/**
 * Per head, the attention over the patches: the class token's row when there is one (extra = 1), else the
 * mean of every token's row (a head on the mean of the tokens has no single query). heads * patches values.
 */
export function patchAttention(weights: HeadWeights, heads: number, n: number, extra: number): Float32Array {
  const patches = n - extra;
  const out = new Float32Array(heads * patches);
  for (let h = 0; h < heads; h++) {
    const rows = extra > 0 ? [0] : Array.from({ length: n }, (_, i) => i);
    for (const q of rows) {
      for (let p = 0; p < patches; p++) out[h * patches + p] = (out[h * patches + p] as number) + (weights[(h * n + q) * n + extra + p] as number) / rows.length;
    }
  }
  return out;
}

/** The heads' mean with the residual connection counted in, 0.5·A + 0.5·I, rows summing to 1 again. */
export function residualMean(weights: HeadWeights, heads: number, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let h = 0; h < heads; h++) for (let i = 0; i < n * n; i++) a[i] = (a[i] as number) + (weights[h * n * n + i] as number) / heads;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      a[i * n + j] = 0.5 * (a[i * n + j] as number) + (i === j ? 0.5 : 0);
      sum += a[i * n + j] as number;
    }
    for (let j = 0; j < n; j++) a[i * n + j] = sum > 0 ? (a[i * n + j] as number) / sum : 0;
  }
  return a;
}

/** Rollout R = Ā_L · … · Ā_1 (first layer first in `layers`), with Ā from residualMean. n * n values. */
export function rolloutMatrix(layers: readonly HeadWeights[], heads: readonly number[], n: number): Float64Array {
  let r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) r[i * n + i] = 1;
  layers.forEach((w, l) => {
    const a = residualMean(w, heads[l] as number, n);
    const next = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const aik = a[i * n + k] as number;
        if (aik === 0) continue;
        for (let j = 0; j < n; j++) next[i * n + j] = (next[i * n + j] as number) + aik * (r[k * n + j] as number);
      }
    }
    r = next;
  });
  return r;
}

/** The rollout over the patches, read as patchAttention reads one head. */
export function rolloutOverPatches(layers: readonly HeadWeights[], heads: readonly number[], n: number, extra: number): Float32Array {
  return patchAttention(rolloutMatrix(layers, heads, n), 1, n, extra);
}

/**
 * Cosine similarity of every patch's position embedding with every other's: table [n, d] (the first
 * `extra` rows belong to the class token and are left out). patches * patches values, row = the patch compared.
 */
export function positionSimilarity(table: Float32Array, n: number, d: number, extra: number): Float32Array {
  const patches = n - extra;
  const norms = Array.from({ length: patches }, (_, p) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += (table[(extra + p) * d + k] as number) ** 2;
    return Math.sqrt(s);
  });
  const out = new Float32Array(patches * patches);
  for (let p = 0; p < patches; p++) {
    for (let q = 0; q < patches; q++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += (table[(extra + p) * d + k] as number) * (table[(extra + q) * d + k] as number);
      const norm = (norms[p] as number) * (norms[q] as number);
      out[p * patches + q] = norm > 0 ? dot / norm : 0;
    }
  }
  return out;
}
