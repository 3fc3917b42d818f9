// The token head: a vector for the dense / softmax head from a token sequence, either the class token
// (the first token, as ViT reads it) or the mean of all tokens: [N, D] -> [D]. No parameters.
import { z } from 'zod';
import { invalid, failed } from '../model/windows';
import { ok } from './common/options';
import { WHOLE_FIELD } from './common/receptive';
import { base } from './common/schema';
import { needTokens } from './common/tokens';
import { unwritable } from '../codegen/refusedError';
import { vitLayer } from '../codegen/tfjsVitLoader';
import type { BlockBase, BlockModule } from './types';

export type TokenPoolMode = 'class' | 'mean';
export const TOKEN_POOL_MODES: readonly TokenPoolMode[] = ['class', 'mean'];

export interface TokenPoolBlock extends BlockBase {
  readonly kind: 'tokenpool';
  readonly pool: TokenPoolMode;
}

export const tokenPoolModule: BlockModule<TokenPoolBlock> = {
  kind: 'tokenpool',
  schema: z.strictObject({ kind: z.literal('tokenpool'), ...base, pool: z.enum(['class', 'mean']) }),
  fields: [{ name: 'pool', type: 'enum', options: TOKEN_POOL_MODES, default: 'class' }],
  arity: 'one',
  flat: true,
  idPrefix: 'head',
  kerasClass: 'TokenPool',
  infer(block, [input = []]) {
    if (!TOKEN_POOL_MODES.includes(block.pool)) return failed([invalid(block.id, 'pool', block.pool)]);
    const bad = needTokens(block.id, input);
    if (bad !== null) return bad;
    const [n, d] = input as [number, number];
    return ok([d], { shapeFormula: `${n}×${d} → ${d}` });
  },
  receptive: WHOLE_FIELD,
  // Language-neutral: the class token's usual name, or the mean as a formula.
  describe: (block) => (block.pool === 'class' ? 'CLS' : 'Σ/N'),
  pytorch: {
    emit: ({ block, name, xs }) => ({
      modules: [], forward: [`${name} = ${xs[0] as string}${block.pool === 'class' ? '[:, 0]  # the class token' : '.mean(dim=1)'}`],
    }),
  },
  tfjsLayers: vitLayer('CnnPlaygroundTokenPool'),
  keras: { lines: ({ block }) => unwritable('keras', block.kind) },
  onnx: ({ block }) => unwritable('onnx', block.kind),
  refusedBy: ['keras', 'onnx'],
};
