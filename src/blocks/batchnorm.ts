// Batch normalization (Ioffe & Szegedy 2015), with Keras's conventions: momentum is the weight of the old
// moving average (default 0.99), epsilon 1e-3, and one gamma, beta, moving mean and moving variance per
// channel (the last axis), the moving statistics non-trainable.
import { z } from 'zod';
import { failed, invalid } from '../model/windows';
import { formatShape, makeIssue } from '../model/issues';
import { shapeKind } from '../model/spec';
import { base, fraction } from './common/schema';
import { ok } from './common/options';
import { pyFloat, pyString, roundFloat, torchModule } from './common/python';
import { KEEP_FIELD } from './common/receptive';
import type { BlockBase, BlockModule } from './types';
import { floatAttr } from '../codegen/onnx/graph';
import { onnxConstant } from './common/onnx';

export interface BatchNormBlock extends BlockBase {
  readonly kind: 'batchnorm';
  /** Default 0.99 (Keras). */
  readonly momentum?: number;
  /** Default 1e-3 (Keras). */
  readonly epsilon?: number;
}

export const batchNormModule: BlockModule<BatchNormBlock> = {
  kind: 'batchnorm',
  schema: z.strictObject({ kind: z.literal('batchnorm'), ...base, momentum: fraction.optional(), epsilon: fraction.optional() }),
  fields: [
    { name: 'momentum', type: 'number', min: 0, max: 1, default: 0.99 },
    { name: 'epsilon', type: 'number', min: 1e-6, max: 0.1, default: 1e-3 },
  ],
  arity: 'one',
  idPrefix: 'bn',
  kerasClass: 'BatchNormalization',
  cancelsBias: true,
  infer(block, [input]) {
    const { momentum, epsilon } = block;
    if (input === undefined) return failed([]);
    if (momentum !== undefined && !(typeof momentum === 'number' && momentum >= 0 && momentum <= 1)) {
      return failed([invalid(block.id, 'momentum', momentum)]);
    }
    if (epsilon !== undefined && !(typeof epsilon === 'number' && epsilon > 0 && epsilon < 1)) {
      return failed([invalid(block.id, 'epsilon', epsilon)]);
    }
    if (shapeKind(input) === 'tokens') return failed([makeIssue('noTokens', block.id, { shape: formatShape(input) })]);
    const c = input[input.length - 1] as number;
    return ok(input, {
      params: { trainable: 2 * c, nonTrainable: 2 * c },
      paramsFormula: `2*${c} + 2*${c} = ${4 * c}`,
    });
  },
  receptive: KEEP_FIELD,
  describe: () => '',
  weights: (_block, input) => {
    const c = input[input.length - 1] as number;
    return ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((part) => ({ part, shape: [c] }));
  },
  onnx(c) {
    const inputs = [c.inputs[0] as string, ...['gamma', 'beta', 'moving_mean', 'moving_variance'].map((part) => onnxConstant(c, part))];
    return c.graph.node('BatchNormalization', inputs, [floatAttr('epsilon', c.block.epsilon ?? 1e-3)], c.out);
  },
  pytorch: {
    emit({ block, name, xs, inShape }) {
      const kind = inShape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
      const channels = inShape[inShape.length - 1] as number;
      // Keras keeps `momentum` of the old average; PyTorch's momentum is the weight of the new batch.
      const args = `${channels}, eps=${pyFloat(block.epsilon ?? 1e-3)}, momentum=${pyFloat(roundFloat(1 - (block.momentum ?? 0.99)))}`;
      return torchModule(name, xs[0] as string, `nn.${kind}(${args})`);
    },
    weights: {
      gamma: { key: 'weight' }, beta: { key: 'bias' }, moving_mean: { key: 'running_mean' }, moving_variance: { key: 'running_var' },
    },
    buffers: [{ key: 'num_batches_tracked', dtype: 'I64', value: 0 }],
  },
  keras: {
    lines: ({ block, name, xs }) => [{
      variable: name,
      layer: `layers.BatchNormalization(momentum=${pyFloat(block.momentum ?? 0.99)}, epsilon=${pyFloat(block.epsilon ?? 1e-3)}, name=${pyString(block.id)})`,
      input: xs[0] as string,
    }],
  },
};
