// Multi-head self-attention written out from its formula in float64 plain TypeScript, forward and
// backward, for the known-answer tests of the tfjs layer (attention.test.ts). One example: x is [N][D].
// Weights as the layer holds them: qkv kernel [D][3D] with columns [query | key | value], each split into
// heads of D/H; out kernel [D][D].
type M = number[][];

export interface AttentionParams {
  readonly qkvKernel: M;
  readonly qkvBias: number[];
  readonly outKernel: M;
  readonly outBias: number[];
}

const zeros = (r: number, c: number): M => Array.from({ length: r }, () => new Array<number>(c).fill(0));
const mul = (a: M, b: M): M => a.map((row) => (b[0] as number[]).map((_, j) => row.reduce((s, v, k) => s + v * (b[k] as number[])[j]!, 0)));
const t = (a: M): M => (a[0] as number[]).map((_, j) => a.map((row) => row[j] as number));
const addRow = (a: M, b: number[]): M => a.map((row) => row.map((v, j) => v + (b[j] as number)));
const cols = (a: M, from: number, n: number): M => a.map((row) => row.slice(from, from + n));
const colSums = (a: M): number[] => (a[0] as number[]).map((_, j) => a.reduce((s, row) => s + (row[j] as number), 0));

function softmaxRows(s: M): M {
  return s.map((row) => {
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / z);
  });
}

interface Forward { qkv: M; attention: M[]; mixed: M; y: M }

export function attentionForward(x: M, p: AttentionParams, heads: number): Forward {
  const d = (x[0] as number[]).length;
  const hd = d / heads;
  const scale = 1 / Math.sqrt(hd);
  const qkv = addRow(mul(x, p.qkvKernel), p.qkvBias);
  const attention: M[] = [];
  const mixed = x.map(() => new Array<number>(d).fill(0));
  for (let h = 0; h < heads; h++) {
    const [q, k, v] = [0, 1, 2].map((i) => cols(qkv, i * d + h * hd, hd)) as [M, M, M];
    const a = softmaxRows(mul(q, t(k)).map((row) => row.map((s) => s * scale)));
    attention.push(a);
    mul(a, v).forEach((row, i) => row.forEach((value, j) => { (mixed[i] as number[])[h * hd + j] = value; }));
  }
  return { qkv, attention, mixed, y: addRow(mul(mixed, p.outKernel), p.outBias) };
}

/** Gradients of sum(y ⊙ dy) with respect to x and every weight. */
export function attentionBackward(x: M, p: AttentionParams, heads: number, dy: M) {
  const n = x.length;
  const d = (x[0] as number[]).length;
  const hd = d / heads;
  const scale = 1 / Math.sqrt(hd);
  const f = attentionForward(x, p, heads);
  const dMixed = mul(dy, t(p.outKernel));
  const dQkv = zeros(n, 3 * d);
  for (let h = 0; h < heads; h++) {
    const [q, k, v] = [0, 1, 2].map((i) => cols(f.qkv, i * d + h * hd, hd)) as [M, M, M];
    const a = f.attention[h] as M;
    const dm = cols(dMixed, h * hd, hd);
    const dA = mul(dm, t(v));
    const dV = mul(t(a), dm);
    // Softmax backward, row by row: dS = A ⊙ (dA - sum_j dA ⊙ A).
    const dS = a.map((row, i) => {
      const dot = row.reduce((s, av, j) => s + av * (dA[i] as number[])[j]!, 0);
      return row.map((av, j) => av * ((dA[i] as number[])[j]! - dot) * scale);
    });
    const parts = [mul(dS, k), mul(t(dS), q), dV];
    parts.forEach((g, i) => g.forEach((row, r) => row.forEach((value, c) => { (dQkv[r] as number[])[i * d + h * hd + c] = value; })));
  }
  return {
    x: mul(dQkv, t(p.qkvKernel)),
    qkvKernel: mul(t(x), dQkv), qkvBias: colSums(dQkv),
    outKernel: mul(t(f.mixed), dy), outBias: colSums(dy),
  };
}
