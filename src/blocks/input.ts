// The network's input block (role 'input'): the dataset's images, shaped as the dataset says. Exactly one
// per network, and nothing connects into it.
import { isPositiveInt, describeValue } from '../model/issues';
import { failed, invalid } from '../model/windows';
import { ok } from './common/options';
import { pyString } from './common/python';
import { START_FIELD } from './common/receptive';
import { plain } from './common/schema';
import type { BlockBase, BlockModule } from './types';

export interface InputBlock extends BlockBase {
  readonly kind: 'input';
}

export const inputModule: BlockModule<InputBlock> = {
  kind: 'input',
  schema: plain('input'),
  fields: [],
  arity: 'none',
  role: 'input',
  idPrefix: 'input',
  kerasClass: 'InputLayer',
  infer(block, _inputs, data) {
    const shape: unknown = data?.inputShape;
    if (Array.isArray(shape) && shape.length > 0 && shape.every(isPositiveInt)) return ok([...shape]);
    const shown = Array.isArray(shape) ? shape.map(describeValue).join('×') : shape;
    return failed([invalid(block.id, 'inputShape', shown)]);
  },
  receptive: START_FIELD,
  describe: () => '',
  // The input block is the graph's input: nothing to add.
  onnx: (c) => c.inputs[0] as string,
  pytorch: { emit: ({ name }) => ({ modules: [], forward: [`${name} = x`] }) },
  keras: {
    lines: ({ block, name, data }) => [{
      variable: name,
      layer: `keras.Input(shape=(${data.inputShape.join(', ')}${data.inputShape.length === 1 ? ',' : ''}), name=${pyString(block.id)})`,
      input: null,
    }],
  },
};
