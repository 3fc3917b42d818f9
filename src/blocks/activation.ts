// An activation function as a block of its own: ReLU, leaky ReLU (slope alpha, default 0.01), ELU (alpha,
// default 1), sigmoid, tanh or none. No parameters; the shape is unchanged.
import { z } from 'zod';
import type { ActivationFn } from '../model/spec';
import { activationField, checkActivation, ok } from './common/options';
import { kerasActivationLayer, torchActivationModule, torchModule } from './common/python';
import { KEEP_FIELD } from './common/receptive';
import { activationFn, base } from './common/schema';
import type { BlockBase, BlockModule } from './types';
import { onnxActivate } from './common/onnx';

export interface ActivationBlock extends BlockBase {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
  /** Slope for leakyRelu (default 0.01) or alpha for elu (default 1). */
  readonly alpha?: number;
}

export const activationModule: BlockModule<ActivationBlock> = {
  kind: 'activation',
  schema: z.strictObject({ kind: z.literal('activation'), ...base, fn: activationFn, alpha: z.number().min(0).max(100).optional() }),
  fields: [
    activationField('fn', 'relu'),
    { name: 'alpha', type: 'number', min: 0, max: 10, default: 0.01, when: { field: 'fn', values: ['leakyRelu', 'elu'] } },
  ],
  arity: 'one',
  idPrefix: 'act',
  kerasClass: 'Activation',
  infer: (block, [input = []]) => checkActivation(block.id, 'fn', block.fn, block.alpha) ?? ok(input),
  receptive: KEEP_FIELD,
  describe: (block) => (block.alpha === undefined ? block.fn : `${block.fn} α=${block.alpha}`),
  onnx: (c) => onnxActivate(c.graph, c.block.fn, c.block.alpha, c.inputs[0] as string, c.out),
  pytorch: { emit: ({ block, name, xs }) => torchModule(name, xs[0] as string, torchActivationModule(block.fn, block.alpha)) },
  keras: { lines: ({ block, name, xs }) => [{ variable: name, layer: kerasActivationLayer(block.fn, block.alpha, block.id), input: xs[0] as string }] },
  // tfjs 4.22's ELU refuses alpha != 1, so the playground trains with a layer of its own.
  tfjsLayers: {
    CnnPlaygroundEluAlpha: (layer) => ({
      ...layer, class_name: 'ELU', config: { name: layer.config.name, trainable: layer.config.trainable ?? true, alpha: layer.config.alpha },
    }),
  },
};
