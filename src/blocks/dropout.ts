// Dropout: while training, each value is zeroed with probability `rate` and the rest scaled by 1/(1-rate);
// at inference it passes through. No parameters.
import { z } from 'zod';
import { failed, invalid } from '../model/windows';
import { ok } from './common/options';
import { pyFloat, pyString, torchModule } from './common/python';
import { KEEP_FIELD } from './common/receptive';
import { base, fraction } from './common/schema';
import type { BlockBase, BlockModule } from './types';

export interface DropoutBlock extends BlockBase {
  readonly kind: 'dropout';
  /** Fraction of units dropped while training, 0 <= rate < 1. */
  readonly rate: number;
}

const isRate = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value < 1;

export const dropoutModule: BlockModule<DropoutBlock> = {
  kind: 'dropout',
  schema: z.strictObject({ kind: z.literal('dropout'), ...base, rate: fraction }),
  fields: [{ name: 'rate', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.5 }],
  arity: 'one',
  idPrefix: 'drop',
  kerasClass: 'Dropout',
  infer: (block, [input = []]) => (isRate(block.rate) ? ok(input) : failed([invalid(block.id, 'rate', block.rate)])),
  receptive: KEEP_FIELD,
  describe: (block) => `${block.rate}`,
  onnx(c) {
    // Inference: Dropout passes its input through (training_mode defaults to false); the rate is kept for readers.
    const ratio = c.graph.floats(`${c.out}/ratio`, [], Float32Array.of(c.block.rate));
    return c.graph.node('Dropout', [c.inputs[0] as string, ratio], [], c.out);
  },
  pytorch: { emit: ({ block, name, xs }) => torchModule(name, xs[0] as string, `nn.Dropout(${pyFloat(block.rate)})`) },
  keras: { lines: ({ block, name, xs }) => [{ variable: name, layer: `layers.Dropout(${pyFloat(block.rate)}, name=${pyString(block.id)})`, input: xs[0] as string }] },
  // The playground's seeded dropout (masks reproducible from the run seed) is an ordinary Dropout at inference.
  tfjsLayers: {
    CnnPlaygroundSeededDropout: (layer) => ({
      ...layer, class_name: 'Dropout', config: { name: layer.config.name, trainable: layer.config.trainable ?? true, rate: layer.config.rate },
    }),
  },
};
