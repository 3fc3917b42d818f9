// Known answers for the transformer's pictures: rollout of identity attention is the identity, a two-layer
// rollout worked by hand, the class token's row per head, and cosine similarities of position embeddings.
import { describe, expect, it } from 'vitest';
import { patchAttention, positionSimilarity, residualMean, rolloutMatrix, rolloutOverPatches } from './attentionMaps';

const close = (got: ArrayLike<number>, want: readonly number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
};
const identity = (n: number, heads: number) => Float32Array.from({ length: heads * n * n }, (_, i) => (Math.floor(i / n) % n === i % n ? 1 : 0));

describe('attention rollout', () => {
  it('of identity attention is the identity, through any number of layers and heads', () => {
    const n = 5;
    const r = rolloutMatrix([identity(n, 2), identity(n, 2), identity(n, 2)], [2, 2, 2], n);
    close(r, Array.from(identity(n, 1)));
    // The class token then looks at itself only: nothing on the patches.
    close(rolloutOverPatches([identity(n, 2)], [2], n, 1), [0, 0, 0, 0]);
  });

  it('adds the residual and averages the heads: mean(I, swap) gives 0.75 / 0.25', () => {
    const heads = Float32Array.from([1, 0, 0, 1, 0, 1, 1, 0]);
    close(residualMean(heads, 2, 2), [0.75, 0.25, 0.25, 0.75]);
  });

  it('multiplies later layers on the left (hand-worked two-layer case)', () => {
    // Ā1 = 0.5·[[.5,.5],[0,1]] + 0.5·I = [[.75,.25],[0,1]]; Ā2 = 0.5·[[0,1],[1,0]] + 0.5·I = [[.5,.5],[.5,.5]].
    // R = Ā2·Ā1 = [[.375,.625],[.375,.625]] (the other order would give all 0.5).
    const first = Float32Array.from([0.5, 0.5, 0, 1]);
    const second = Float32Array.from([0, 1, 1, 0]);
    close(rolloutMatrix([first, second], [1, 1], 2), [0.375, 0.625, 0.375, 0.625]);
    close(rolloutOverPatches([first, second], [1, 1], 2, 1), [0.625]);
  });
});

describe('attention over the patches', () => {
  it('reads the class token row per head, or the mean of every row without a class token', () => {
    // Two heads over 3 tokens, rows listed query by query.
    const w = Float32Array.from([
      0.2, 0.3, 0.5, /**/ 0, 1, 0, /**/ 0, 0, 1,
      0.6, 0.4, 0, /**/ 1, 0, 0, /**/ 0.5, 0.5, 0,
    ]);
    close(patchAttention(w, 2, 3, 1), [0.3, 0.5, 0.4, 0]);
    close(patchAttention(w, 2, 3, 0), [0.2 / 3, 1.3 / 3, 1.5 / 3, 2.1 / 3, 0.9 / 3, 0]);
  });
});

describe('position-embedding similarity', () => {
  it('is the cosine of every patch pair, the class token left out', () => {
    const table = Float32Array.from([9, 9, /**/ 1, 0, /**/ 2, 2, /**/ 0, 0, /**/ 0, -3]);
    const s = positionSimilarity(table, 5, 2, 1);
    const r = Math.SQRT1_2;
    close(s, [1, r, 0, 0, /**/ r, 1, 0, -r, /**/ 0, 0, 0, 0, /**/ 0, -r, 0, 1]);
  });

  it('equals the formula on a random table', () => {
    const [n, d] = [7, 6];
    const table = Float32Array.from({ length: n * d }, (_, i) => Math.sin(i * 1.7) + 0.1 * i);
    const s = positionSimilarity(table, n, d, 0);
    const row = (p: number) => Array.from(table.subarray(p * d, (p + 1) * d));
    const cos = (a: number[], b: number[]) => a.reduce((t, v, k) => t + v * (b[k] as number), 0) / Math.hypot(...a) / Math.hypot(...b);
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) expect(s[p * n + q]).toBeCloseTo(cos(row(p), row(q)), 5);
  });
});
