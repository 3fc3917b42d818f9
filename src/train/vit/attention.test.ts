// Known answers for the self-attention layer the playground trains with: its output and its gradients
// (for the tokens and every weight) equal a float64 reference written from the formula
// (attentionReference.ts), whose own gradients agree with central finite differences; a head whose
// queries and keys are zero attends uniformly. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/batches';
import { attentionBackward, attentionForward, type AttentionParams } from './attentionReference';
import { attend } from './ops';
import { SelfAttentionLayer } from './vitLayers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const [B, N, D, H] = [2, 5, 8, 2];
const random = mulberry32(42);
const draw = (r: number, c: number, scale: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => (2 * random() - 1) * scale));
const xs = Array.from({ length: B }, () => draw(N, D, 1.5));
const dys = Array.from({ length: B }, () => draw(N, D, 1));
const params: AttentionParams = {
  qkvKernel: draw(D, 3 * D, 0.6), qkvBias: draw(1, 3 * D, 0.3)[0] as number[], outKernel: draw(D, D, 0.6), outBias: draw(1, D, 0.3)[0] as number[],
};

const maxDiff = (a: ArrayLike<number>, b: readonly number[]) => b.reduce((m, v, i) => Math.max(m, Math.abs(v - (a[i] as number))), 0);
const flat = (m: unknown): number[] => (Array.isArray(m) ? m.flatMap(flat) : [m as number]);

function layerWith(p: AttentionParams): SelfAttentionLayer {
  const layer = new SelfAttentionLayer({ name: 'attn', heads: H });
  layer.build([null, N, D]);
  layer.setWeights([tf.tensor2d(p.qkvKernel), tf.tensor1d(p.qkvBias), tf.tensor2d(p.outKernel), tf.tensor1d(p.outBias)]);
  return layer;
}

describe('multi-head self-attention', () => {
  it('gives the float64 reference output, and its gradients for the tokens and every weight', () => {
    const layer = layerWith(params);
    const before = tf.memory().numTensors;
    const x = tf.tensor3d(xs);
    const dy = tf.tensor3d(dys);
    const y = layer.apply(x) as tf.Tensor;
    const expectedY = xs.flatMap((xi) => flat(attentionForward(xi, params, H).y));
    expect(maxDiff(y.dataSync(), expectedY)).toBeLessThan(1e-5);
    const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, dy)) as tf.Scalar;
    const dx = tf.grad(loss)(x);
    const { value, grads } = tf.variableGrads(() => loss(x), layer.trainableWeights.map((w) => w.read() as tf.Variable));
    const refs = xs.map((xi, b) => attentionBackward(xi, params, H, dys[b] as number[][]));
    expect(maxDiff(dx.dataSync(), refs.flatMap((r) => flat(r.x)))).toBeLessThan(1e-4);
    const summed = (pick: (r: (typeof refs)[number]) => unknown) => {
      const parts = refs.map((r) => flat(pick(r)));
      return (parts[0] as number[]).map((_, i) => parts.reduce((s, p) => s + (p[i] as number), 0));
    };
    const names = ['qkv_kernel', 'qkv_bias', 'out_kernel', 'out_bias'] as const;
    const picks = [(r: (typeof refs)[number]) => r.qkvKernel, (r: (typeof refs)[number]) => r.qkvBias, (r: (typeof refs)[number]) => r.outKernel, (r: (typeof refs)[number]) => r.outBias];
    layer.trainableWeights.forEach((w, i) => {
      expect(w.originalName.endsWith(names[i] as string)).toBe(true);
      const g = grads[(w.read() as tf.Variable).name] as tf.Tensor;
      expect([names[i], maxDiff(g.dataSync(), summed(picks[i] as (r: (typeof refs)[number]) => unknown))]).toSatisfy(([, d]: [string, number]) => d < 1e-4);
    });
    tf.dispose([x, dy, y, dx, value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('has a float64 reference gradient that central finite differences confirm', () => {
    const x = xs[0] as number[][];
    const dy = dys[0] as number[][];
    const loss = (xx: number[][], p: AttentionParams) => flat(attentionForward(xx, p, H).y).reduce((s, v, i) => s + v * (flat(dy)[i] as number), 0);
    const grad = attentionBackward(x, params, H, dy);
    const h = 1e-6;
    for (const [r, c] of [[0, 0], [2, 5], [4, 7]] as const) {
      const shifted = (delta: number) => x.map((row, i) => row.map((v, j) => (i === r && j === c ? v + delta : v)));
      const fd = (loss(shifted(h), params) - loss(shifted(-h), params)) / (2 * h);
      expect(Math.abs(fd - (grad.x[r] as number[])[c]!)).toBeLessThan(1e-7);
    }
    for (const [r, c] of [[0, 0], [3, 9], [7, 20], [5, 2 * D + 3]] as const) {
      const kernel = (delta: number) => ({ ...params, qkvKernel: params.qkvKernel.map((row, i) => row.map((v, j) => (i === r && j === c ? v + delta : v))) });
      const fd = (loss(x, kernel(h)) - loss(x, kernel(-h))) / (2 * h);
      expect(Math.abs(fd - (grad.qkvKernel[r] as number[])[c]!)).toBeLessThan(1e-7);
    }
  });

  it('attends uniformly where queries and keys are zero, and then gives every token the mean value', () => {
    // Zero the query and key columns (and biases): every score is 0, so softmax gives 1/N to each token.
    const blind: AttentionParams = {
      ...params,
      qkvKernel: params.qkvKernel.map((row) => row.map((v, j) => (j < 2 * D ? 0 : v))),
      qkvBias: params.qkvBias.map((v, j) => (j < 2 * D ? 0 : v)),
    };
    const layer = layerWith(blind);
    const [weights, y] = tf.tidy(() => {
      const x = tf.tensor3d(xs);
      const [qkvKernel, qkvBias, outKernel, outBias] = layer.getWeights();
      const a = attend(x, { qkvKernel: qkvKernel!, qkvBias: qkvBias!, outKernel: outKernel!, outBias: outBias! }, H).weights;
      return [a.arraySync() as number[][][][], (layer.apply(x) as tf.Tensor).arraySync() as number[][][]];
    });
    expect(flat(weights).every((w) => Math.abs(w - 1 / N) < 1e-7)).toBe(true);
    expect(flat(weights)).toHaveLength(B * H * N * N);
    // Every token's output is the same: the mean of the values, projected.
    for (const tokens of y) for (const token of tokens) expect(maxDiff(token, tokens[0] as number[])).toBeLessThan(1e-6);
  });
});
