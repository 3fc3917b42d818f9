// A fully connected layer on a flat vector: units outputs, an optional bias, a fused activation and an
// initialiser. Parameters in*units + units.
import { z } from 'zod';
import type { ActivationFn, InitName } from '../model/spec';
import { activationField, inferDense, initField, useBiasField, withOptions } from './common/options';
import { kerasFused, kerasInit, kerasLeaky, pyString, torchActivationCall } from './common/python';
import { WHOLE_FIELD } from './common/receptive';
import { base, count, denseOptions } from './common/schema';
import type { BlockBase, BlockModule } from './types';
import { hasActivation, onnxActivate, onnxAffine } from './common/onnx';

export interface DenseBlock extends BlockBase {
  readonly kind: 'dense';
  readonly units: number;
  /** Default true. */
  readonly useBias?: boolean;
  /** A fused activation; default 'linear' (none). */
  readonly activation?: ActivationFn;
  /** Default 'glorotUniform'. */
  readonly init?: InitName;
}

export const denseModule: BlockModule<DenseBlock> = {
  kind: 'dense',
  schema: z.strictObject({ kind: z.literal('dense'), ...base, units: count, ...denseOptions }),
  fields: [{ name: 'units', type: 'int', min: 1, max: 4096, default: 64 }, useBiasField, activationField('activation', 'linear'), initField],
  arity: 'one',
  flat: true,
  kernelView: true,
  idPrefix: 'dense',
  kerasClass: 'Dense',
  infer: (block, [input = []]) => withOptions(block.id, block, inferDense(block.id, input, block.units, 'units', block.useBias !== false)),
  macs: (_block, input, out) => (input[0] ?? 0) * (out[0] ?? 0),
  receptive: WHOLE_FIELD,
  describe: (block) => (block.activation !== undefined && block.activation !== 'linear' ? `${block.units}, ${block.activation}` : `${block.units}`),
  weights(block, input) {
    const kernel = { part: 'kernel', shape: [input[input.length - 1] as number, block.units] };
    return block.useBias === false ? [kernel] : [kernel, { part: 'bias', shape: [block.units] }];
  },
  onnx(c) {
    const fused = hasActivation(c.block.activation);
    const y = onnxAffine(c, c.block.useBias !== false, fused ? undefined : c.out);
    return fused ? onnxActivate(c.graph, c.block.activation, undefined, y, c.out) : y;
  },
  pytorch: {
    emit({ block, name, xs, inShape }) {
      const bias = block.useBias === false ? ', bias=False' : '';
      return {
        modules: [`self.${name} = nn.Linear(${inShape[inShape.length - 1] as number}, ${block.units}${bias})`],
        forward: [`${name} = ${torchActivationCall(block.activation, undefined, `self.${name}(${xs[0] as string})`)}`],
      };
    },
    weights: { kernel: { key: 'weight', perm: [1, 0] }, bias: { key: 'bias' } },
  },
  keras: {
    lines({ block, name: v, xs }) {
      const bias = block.useBias === false ? 'False' : 'True';
      const layer = `layers.Dense(${block.units}, activation=${pyString(kerasFused(block.activation))}, use_bias=${bias}, ${kerasInit(block.init)}, name=${pyString(block.id)})`;
      return kerasLeaky(block.id, v, block.activation, [{ variable: v, layer, input: xs[0] as string }]);
    },
  },
};
