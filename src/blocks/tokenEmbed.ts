// The two learned embeddings of a vision transformer: the class token, one learned token of width D put
// before the others ([N, D] -> [N+1, D], D parameters), and the position embeddings, one learned vector
// per token position added to the tokens ([N, D] -> [N, D], N*D parameters).
import { ok } from './common/options';
import { KEEP_FIELD } from './common/receptive';
import { plain } from './common/schema';
import { needTokens, PY_CLASS_TOKEN, PY_POSITION_EMBEDDING } from './common/tokens';
import { unwritable } from '../codegen/refusedError';
import { vitLayer } from '../codegen/tfjsVitLoader';
import type { BlockBase, BlockModule } from './types';

export interface ClassTokenBlock extends BlockBase {
  readonly kind: 'classtoken';
}

export interface PosEmbedBlock extends BlockBase {
  readonly kind: 'posembed';
}

export const classTokenModule: BlockModule<ClassTokenBlock> = {
  kind: 'classtoken',
  schema: plain('classtoken'),
  fields: [],
  arity: 'one',
  idPrefix: 'cls',
  kerasClass: 'ClassToken',
  infer(block, [input = []]) {
    const bad = needTokens(block.id, input);
    if (bad !== null) return bad;
    const [n, d] = input as [number, number];
    return ok([n + 1, d], {
      shapeFormula: `1 + ${n} = ${n + 1}`,
      params: { trainable: d, nonTrainable: 0 }, paramsFormula: `${d}`,
    });
  },
  receptive: KEEP_FIELD,
  describe: () => '',
  weights: (_block, input) => [{ part: 'token', shape: [input[1] as number] }],
  pytorch: {
    emit: ({ name, xs, inShape }) => ({
      modules: [`self.${name} = ClassToken(${inShape[1] as number})`], forward: [`${name} = self.${name}(${xs[0] as string})`], helpers: [PY_CLASS_TOKEN],
    }),
    weights: { token: { key: 'token' } },
  },
  tfjsLayers: vitLayer('CnnPlaygroundClassToken'),
  keras: { lines: ({ block }) => unwritable('keras', block.kind) },
  onnx: ({ block }) => unwritable('onnx', block.kind),
  refusedBy: ['keras', 'onnx'],
};

export const posEmbedModule: BlockModule<PosEmbedBlock> = {
  kind: 'posembed',
  schema: plain('posembed'),
  fields: [],
  arity: 'one',
  idPrefix: 'pos',
  kerasClass: 'PositionEmbedding',
  infer(block, [input = []]) {
    const bad = needTokens(block.id, input);
    if (bad !== null) return bad;
    const [n, d] = input as [number, number];
    return ok(input, { params: { trainable: n * d, nonTrainable: 0 }, paramsFormula: `${n}*${d} = ${n * d}` });
  },
  receptive: KEEP_FIELD,
  describe: () => '',
  weights: (_block, input) => [{ part: 'embedding', shape: [input[0] as number, input[1] as number] }],
  pytorch: {
    emit: ({ name, xs, inShape }) => ({
      modules: [`self.${name} = PositionEmbedding(${inShape[0] as number}, ${inShape[1] as number})`],
      forward: [`${name} = self.${name}(${xs[0] as string})`], helpers: [PY_POSITION_EMBEDDING],
    }),
    weights: { embedding: { key: 'embedding' } },
  },
  tfjsLayers: vitLayer('CnnPlaygroundPositionEmbedding'),
  keras: { lines: ({ block }) => unwritable('keras', block.kind) },
  onnx: ({ block }) => unwritable('onnx', block.kind),
  refusedBy: ['keras', 'onnx'],
};
