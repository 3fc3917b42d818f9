// The transformer's MLP, on every token alone (or on a vector): Linear D -> hidden, GELU (the exact one,
// x·Φ(x)), Linear hidden -> D. Parameters D*hidden + hidden + hidden*D + D.
import { z } from 'zod';
import { formatShape, isPositiveInt, makeIssue } from '../model/issues';
import { shapeKind } from '../model/spec';
import { failed, invalid } from '../model/windows';
import { ok } from './common/options';
import { KEEP_FIELD } from './common/receptive';
import { base, count } from './common/schema';
import { PY_TOKEN_MLP, widthOf } from './common/tokens';
import { unwritable } from '../codegen/refusedError';
import { vitLayer } from '../codegen/tfjsVitLoader';
import type { BlockBase, BlockModule } from './types';

export interface MlpBlock extends BlockBase {
  readonly kind: 'mlp';
  /** The hidden layer's width (ViT uses 4·D). */
  readonly hidden: number;
}

export const mlpModule: BlockModule<MlpBlock> = {
  kind: 'mlp',
  schema: z.strictObject({ kind: z.literal('mlp'), ...base, hidden: count }),
  fields: [{ name: 'hidden', type: 'int', min: 1, max: 4096, default: 128 }],
  arity: 'one',
  idPrefix: 'mlp',
  kerasClass: 'Dense+GELU+Dense',
  infer(block, [input = []]) {
    if (!isPositiveInt(block.hidden)) return failed([invalid(block.id, 'hidden', block.hidden)]);
    if (shapeKind(input) === 'image') return failed([makeIssue('needsTokens', block.id, { shape: formatShape(input) })]);
    const d = widthOf(input);
    const h = block.hidden;
    const params = d * h + h + h * d + d;
    return ok(input, { params: { trainable: params, nonTrainable: 0 }, paramsFormula: `${d}*${h} + ${h} + ${h}*${d} + ${d} = ${params}` });
  },
  macs: (block, input) => (input.length === 2 ? (input[0] as number) : 1) * 2 * widthOf(input) * block.hidden,
  receptive: KEEP_FIELD,
  describe: (block) => `${block.hidden}, GELU`,
  weights(block, input) {
    const d = widthOf(input);
    return [
      { part: 'fc1_kernel', shape: [d, block.hidden] }, { part: 'fc1_bias', shape: [block.hidden] },
      { part: 'fc2_kernel', shape: [block.hidden, d] }, { part: 'fc2_bias', shape: [d] },
    ];
  },
  pytorch: {
    emit: ({ block, name, xs, inShape }) => ({
      modules: [`self.${name} = TokenMlp(${widthOf(inShape)}, ${block.hidden})`], forward: [`${name} = self.${name}(${xs[0] as string})`], helpers: [PY_TOKEN_MLP],
    }),
    weights: {
      fc1_kernel: { key: 'fc1.weight', perm: [1, 0] }, fc1_bias: { key: 'fc1.bias' },
      fc2_kernel: { key: 'fc2.weight', perm: [1, 0] }, fc2_bias: { key: 'fc2.bias' },
    },
  },
  tfjsLayers: vitLayer('CnnPlaygroundTokenMlp'),
  keras: { lines: ({ block }) => unwritable('keras', block.kind) },
  onnx: ({ block }) => unwritable('onnx', block.kind),
  refusedBy: ['keras', 'onnx'],
};
