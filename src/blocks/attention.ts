// Multi-head self-attention (Vaswani et al. 2017) on N tokens of width D, with H heads of width D/H:
// Q, K, V = x Wq, x Wk, x Wv; per head softmax(Q K^T / sqrt(D/H)) V; the heads side by side, then one output
// projection. Parameters 4*(D*D + D). Multiply-adds 4*N*D*D for the four projections plus 2*N*N*D for
// the scores and the weighted sums: the term quadratic in the number of tokens.
import { z } from 'zod';
import { isPositiveInt, makeIssue } from '../model/issues';
import { failed, invalid } from '../model/windows';
import { ok } from './common/options';
import { WHOLE_FIELD } from './common/receptive';
import { base, count } from './common/schema';
import { needTokens, PY_SELF_ATTENTION } from './common/tokens';
import { unwritable } from '../codegen/refusedError';
import { vitLayer } from '../codegen/tfjsVitLoader';
import type { BlockBase, BlockModule } from './types';

export interface AttentionBlock extends BlockBase {
  readonly kind: 'attention';
  /** H: the heads; each attends with D/H of the token's numbers. */
  readonly heads: number;
}

/** Multiply-adds of self-attention on n tokens of width d: projections 4nd², scores and sums 2n²d. */
export const attentionMacs = (n: number, d: number): number => 4 * n * d * d + 2 * n * n * d;

export const attentionModule: BlockModule<AttentionBlock> = {
  kind: 'attention',
  schema: z.strictObject({ kind: z.literal('attention'), ...base, heads: count }),
  fields: [{ name: 'heads', type: 'int', min: 1, max: 16, default: 4 }],
  arity: 'one',
  idPrefix: 'attn',
  kerasClass: 'MultiHeadAttention',
  infer(block, [input = []]) {
    if (!isPositiveInt(block.heads)) return failed([invalid(block.id, 'heads', block.heads)]);
    const bad = needTokens(block.id, input);
    if (bad !== null) return bad;
    const [n, d] = input as [number, number];
    if (d % block.heads !== 0) return failed([makeIssue('headsDoNotDivide', block.id, { heads: block.heads, width: d })]);
    const params = 4 * (d * d + d);
    return ok(input, {
      shapeFormula: `${d} / ${block.heads} = ${d / block.heads}; ${block.heads}×${n}×${n}`,
      params: { trainable: params, nonTrainable: 0 },
      paramsFormula: `4*(${d}*${d} + ${d}) = ${params}`,
    });
  },
  macs: (_block, input) => attentionMacs(input[0] ?? 0, input[1] ?? 0),
  receptive: WHOLE_FIELD,
  describe: (block) => `H=${block.heads}`,
  weights(_block, input) {
    const d = input[1] as number;
    return [
      { part: 'qkv_kernel', shape: [d, 3 * d] }, { part: 'qkv_bias', shape: [3 * d] },
      { part: 'out_kernel', shape: [d, d] }, { part: 'out_bias', shape: [d] },
    ];
  },
  pytorch: {
    emit: ({ block, name, xs, inShape }) => ({
      modules: [`self.${name} = SelfAttention(${inShape[1] as number}, ${block.heads})`],
      forward: [`${name} = self.${name}(${xs[0] as string})`], helpers: [PY_SELF_ATTENTION],
    }),
    weights: {
      qkv_kernel: { key: 'qkv.weight', perm: [1, 0] }, qkv_bias: { key: 'qkv.bias' },
      out_kernel: { key: 'proj.weight', perm: [1, 0] }, out_bias: { key: 'proj.bias' },
    },
  },
  tfjsLayers: vitLayer('CnnPlaygroundSelfAttention'),
  keras: { lines: ({ block }) => unwritable('keras', block.kind) },
  onnx: ({ block }) => unwritable('onnx', block.kind),
  refusedBy: ['keras', 'onnx'],
};
