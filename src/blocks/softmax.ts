// The classifier head: a dense layer with one unit per class of the dataset, then softmax. The network's
// output block (role 'output'): nothing may follow it. Training takes its loss from the class scores.
import { z } from 'zod';
import type { InitName } from '../model/spec';
import { inferDense, initField, withOptions } from './common/options';
import { kerasInit, kerasLayerName, pyString } from './common/python';
import { WHOLE_FIELD } from './common/receptive';
import { base, init } from './common/schema';
import type { BlockBase, BlockModule } from './types';
import { intAttr } from '../codegen/onnx/graph';
import { onnxAffine } from './common/onnx';

export interface SoftmaxOutputBlock extends BlockBase {
  readonly kind: 'softmax';
  /** Default 'glorotUniform'. */
  readonly init?: InitName;
}

export const softmaxModule: BlockModule<SoftmaxOutputBlock> = {
  kind: 'softmax',
  schema: z.strictObject({ kind: z.literal('softmax'), ...base, init: init.optional() }),
  fields: [initField],
  arity: 'one',
  role: 'output',
  flat: true,
  idPrefix: 'output',
  kerasClass: 'Dense',
  infer: (block, [input = []], data) => withOptions(block.id, block, inferDense(block.id, input, data?.numClasses, 'numClasses', true)),
  macs: (_block, input, out) => (input[0] ?? 0) * (out[0] ?? 0),
  receptive: WHOLE_FIELD,
  describe: () => '',
  weights: (_block, input, data) => [
    { part: 'kernel', shape: [input[input.length - 1] as number, data.numClasses] }, { part: 'bias', shape: [data.numClasses] },
  ],
  onnx: (c) => c.graph.node('Softmax', [onnxAffine(c, true)], [intAttr('axis', 1)], c.out),
  pytorch: {
    emit: ({ name, xs, inShape, data }) => ({
      modules: [`self.${name} = nn.Linear(${inShape[inShape.length - 1] as number}, ${data.numClasses})  # softmax is in the loss; see predict_proba`],
      forward: [`${name} = self.${name}(${xs[0] as string})`],
    }),
    weights: { kernel: { key: 'weight', perm: [1, 0] }, bias: { key: 'bias' } },
  },
  keras: {
    // As the app builds it: the class scores (logits) from a linear Dense, then a Softmax layer.
    lines: ({ block, name: v, xs, data }) => [
      { variable: `${v}_logits`, layer: `layers.Dense(${data.numClasses}, activation="linear", ${kerasInit(block.init)}, name=${pyString(block.id)})`, input: xs[0] as string },
      { variable: v, layer: `layers.Softmax(name=${pyString(kerasLayerName(`${block.id}/softmax`))})`, input: `${v}_logits` },
    ],
  },
};
