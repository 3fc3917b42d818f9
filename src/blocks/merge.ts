// Blocks that merge branches: add (element-wise sum of inputs of one shape: residual connections) and
// concat (along the channel axis, the last; every other dimension must agree). No parameters.
import { formatShape, makeIssue } from '../model/issues';
import { failed } from '../model/windows';
import type { Shape } from '../model/spec';
import { ok } from './common/options';
import { pyString } from './common/python';
import { MERGE_FIELD } from './common/receptive';
import { plain } from './common/schema';
import type { BlockBase, BlockModule } from './types';
import { intAttr } from '../codegen/onnx/graph';

/** Element-wise sum of two or more inputs of identical shape (residual connections). */
export interface AddBlock extends BlockBase {
  readonly kind: 'add';
}

/** Concatenation of two or more inputs along the channel (last) axis; other dimensions must agree. */
export interface ConcatBlock extends BlockBase {
  readonly kind: 'concat';
}

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
const listShapes = (inputs: readonly Shape[]) => inputs.map(formatShape).join(', ');

export const addModule: BlockModule<AddBlock> = {
  kind: 'add',
  schema: plain('add'),
  fields: [],
  arity: 'many',
  idPrefix: 'add',
  kerasClass: 'Add',
  infer(block, inputs) {
    const [first] = inputs as [Shape];
    if (!inputs.every((s) => sameShape(s, first))) {
      return failed([makeIssue('addShapeMismatch', block.id, { shapes: listShapes(inputs) })]);
    }
    return ok(first, { shapeFormula: `${inputs.map(formatShape).join(' + ')} → ${formatShape(first)}` });
  },
  receptive: MERGE_FIELD,
  describe: () => '',
  pytorch: { emit: ({ name, xs }) => ({ modules: [], forward: [`${name} = ${xs.join(' + ')}`] }) },
  onnx: (c) => c.graph.node('Sum', c.inputs, [], c.out),
  keras: { lines: ({ block, name, xs }) => [{ variable: name, layer: `layers.Add(name=${pyString(block.id)})`, input: `[${xs.join(', ')}]` }] },
};

export const concatModule: BlockModule<ConcatBlock> = {
  kind: 'concat',
  schema: plain('concat'),
  fields: [],
  arity: 'many',
  idPrefix: 'concat',
  kerasClass: 'Concatenate',
  infer(block, inputs) {
    const [first] = inputs as [Shape];
    const rest = (s: Shape) => s.slice(0, -1);
    if (!inputs.every((s) => s.length === first.length && sameShape(rest(s), rest(first)))) {
      return failed([makeIssue('concatMismatch', block.id, { shapes: listShapes(inputs) })]);
    }
    const channels = inputs.map((s) => s[s.length - 1] as number);
    const total = channels.reduce((a, b) => a + b, 0);
    return ok([...rest(first), total], { shapeFormula: `${channels.join(' + ')} = ${total}` });
  },
  receptive: MERGE_FIELD,
  describe: () => '',
  // PyTorch and ONNX are channels first: the channels are dim 1; tokens (batch, N, D) join on D, dim 2.
  onnx: (c) => c.graph.node('Concat', c.inputs, [intAttr('axis', c.inShape.length === 2 ? 2 : 1)], c.out),
  pytorch: {
    emit: ({ name, xs, inShape }) => ({
      modules: [], forward: [`${name} = torch.cat([${xs.join(', ')}], dim=${inShape.length === 2 ? '2)  # token width' : '1)  # channels'}`],
    }),
  },
  keras: { lines: ({ block, name, xs }) => [{ variable: name, layer: `layers.Concatenate(axis=-1, name=${pyString(block.id)})`, input: `[${xs.join(', ')}]` }] },
};
