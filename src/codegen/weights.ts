// Trained weights as plain data, the form they leave the worker in and every exporter reads: one entry per
// tensor, named as TensorFlow.js names it ("<block id>/kernel", "<block id>/bias", "<bn id>/moving_mean"),
// in the model's weight order, values row-major in the TensorFlow.js layout (NHWC, kernels HWIO).

export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export type WeightList = readonly NamedTensor[];

export const countValues = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The weights of one block, by the part of the name after the block id ("kernel", "gamma", ...). */
export function weightsByBlock(weights: WeightList): Map<string, Map<string, NamedTensor>> {
  const byBlock = new Map<string, Map<string, NamedTensor>>();
  for (const w of weights) {
    const cut = w.name.lastIndexOf('/');
    if (cut <= 0) continue;
    const block = w.name.slice(0, cut);
    const part = w.name.slice(cut + 1);
    let parts = byBlock.get(block);
    if (parts === undefined) byBlock.set(block, (parts = new Map()));
    parts.set(part, w);
  }
  return byBlock;
}

/** Row-major transpose of `values` with shape `shape` by the axis order `perm` (as numpy.transpose). */
export function transpose(values: Float32Array, shape: readonly number[], perm: readonly number[]): { shape: number[]; values: Float32Array } {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p] as number);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = (inStrides[i + 1] as number) * (shape[i + 1] as number);
  const stridesByOutAxis = perm.map((p) => inStrides[p] as number);
  const out = new Float32Array(values.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let a = 0; a < rank; a++) source += (index[a] as number) * (stridesByOutAxis[a] as number);
    out[o] = values[source] as number;
    for (let a = rank - 1; a >= 0; a--) {
      index[a] = (index[a] as number) + 1;
      if ((index[a] as number) < (outShape[a] as number)) break;
      index[a] = 0;
    }
  }
  return { shape: outShape, values: out };
}
