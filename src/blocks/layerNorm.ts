// Layer normalization (Ba et al. 2016) over the last axis of tokens or a vector: each token's D numbers
// get mean 0 and variance 1, then a learned scale (gamma) and shift (beta) per number: 2*D parameters, the
// same in training and at test time (unlike batch norm, no statistics over the batch).
import { z } from 'zod';
import { formatShape, makeIssue } from '../model/issues';
import { shapeKind } from '../model/spec';
import { failed, invalid } from '../model/windows';
import { ok } from './common/options';
import { pyFloat, pyString, torchModule } from './common/python';
import { KEEP_FIELD } from './common/receptive';
import { base, fraction } from './common/schema';
import { widthOf } from './common/tokens';
import { unwritable } from '../codegen/refusedError';
import type { BlockBase, BlockModule } from './types';

export interface LayerNormBlock extends BlockBase {
  readonly kind: 'layernorm';
  /** Default 1e-6 (the ViT paper's). */
  readonly epsilon?: number;
}

export const LAYER_NORM_EPSILON = 1e-6;

export const layerNormModule: BlockModule<LayerNormBlock> = {
  kind: 'layernorm',
  schema: z.strictObject({ kind: z.literal('layernorm'), ...base, epsilon: fraction.optional() }),
  fields: [{ name: 'epsilon', type: 'number', min: 1e-7, max: 0.1, default: LAYER_NORM_EPSILON }],
  arity: 'one',
  idPrefix: 'ln',
  kerasClass: 'LayerNormalization',
  infer(block, [input = []]) {
    const { epsilon } = block;
    if (epsilon !== undefined && !(typeof epsilon === 'number' && epsilon > 0 && epsilon < 1)) return failed([invalid(block.id, 'epsilon', epsilon)]);
    if (shapeKind(input) === 'image') return failed([makeIssue('needsTokens', block.id, { shape: formatShape(input) })]);
    const d = widthOf(input);
    return ok(input, { params: { trainable: 2 * d, nonTrainable: 0 }, paramsFormula: `2*${d} = ${2 * d}` });
  },
  receptive: KEEP_FIELD,
  describe: () => '',
  weights: (_block, input) => ['gamma', 'beta'].map((part) => ({ part, shape: [widthOf(input)] })),
  pytorch: {
    emit: ({ block, name, xs, inShape }) => torchModule(name, xs[0] as string, `nn.LayerNorm(${widthOf(inShape)}, eps=${pyFloat(block.epsilon ?? LAYER_NORM_EPSILON)})`),
    weights: { gamma: { key: 'weight' }, beta: { key: 'bias' } },
  },
  keras: {
    lines: ({ block, name, xs }) => [{
      variable: name, layer: `layers.LayerNormalization(epsilon=${pyFloat(block.epsilon ?? LAYER_NORM_EPSILON)}, name=${pyString(block.id)})`, input: xs[0] as string,
    }],
  },
  // The app's own layer (faster gradients on wasm) is tfjs's standard LayerNormalization for inference.
  tfjsLayers: {
    CnnPlaygroundLayerNorm: (layer) => ({
      ...layer,
      class_name: 'LayerNormalization',
      config: {
        name: layer.config.name, trainable: layer.config.trainable ?? true, dtype: 'float32', axis: -1, epsilon: layer.config.epsilon,
        center: true, scale: true, beta_initializer: { class_name: 'Zeros', config: {} }, gamma_initializer: { class_name: 'Ones', config: {} },
        beta_regularizer: null, gamma_regularizer: null,
      },
    }),
  },
  onnx: ({ block }) => unwritable('onnx', block.kind),
  refusedBy: ['onnx'],
};
