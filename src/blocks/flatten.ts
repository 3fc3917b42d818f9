// Flatten: H x W x C -> one vector of H*W*C values, in (H, W, C) order; a flat input passes through.
import { countElements } from '../model/issues';
import { ok } from './common/options';
import { kerasLayer, pyString } from './common/python';
import { FLATTEN_FIELD } from './common/receptive';
import { plain } from './common/schema';
import type { BlockBase, BlockModule } from './types';
import { intAttr, intsAttr } from '../codegen/onnx/graph';

export interface FlattenBlock extends BlockBase {
  readonly kind: 'flatten';
}

export const flattenModule: BlockModule<FlattenBlock> = {
  kind: 'flatten',
  schema: plain('flatten'),
  fields: [],
  arity: 'one',
  flat: true,
  idPrefix: 'flatten',
  kerasClass: 'Flatten',
  infer(_block, [input = []]) {
    const size = countElements(input);
    return ok([size], { shapeFormula: input.length > 1 ? `${input.join('×')} = ${size}` : null });
  },
  receptive: FLATTEN_FIELD,
  describe: () => '',
  onnx(c) {
    const x = c.inputs[0] as string;
    if (c.inShape.length <= 1) return c.graph.node('Identity', [x], [], c.out);
    // Tokens are (batch, N, D) in ONNX too: nothing to move.
    if (c.inShape.length === 2) return c.graph.node('Flatten', [x], [intAttr('axis', 1)], c.out);
    // Channels last first, so the dense layer after it sees the app's (H, W, C) order.
    const channelsLast = c.graph.node('Transpose', [x], [intsAttr('perm', [0, 2, 3, 1])]);
    return c.graph.node('Flatten', [channelsLast], [intAttr('axis', 1)], c.out);
  },
  pytorch: {
    emit({ name, xs, inShape }) {
      const x = xs[0] as string;
      if (inShape.length === 1) return { modules: [], forward: [`${name} = ${x}`] };
      if (inShape.length === 2) return { modules: [], forward: [`${name} = torch.flatten(${x}, 1)  # tokens (N, tokens, width): as in the playground`] };
      // PyTorch is channels first: channels go last so the dense layer after sees the trained order.
      return { modules: [], forward: [`${name} = torch.flatten(${x}.permute(0, 2, 3, 1), 1)  # (H, W, C) order, as trained in the playground`] };
    },
  },
  keras: { lines: ({ block, name, xs }) => kerasLayer(name, `layers.Flatten(name=${pyString(block.id)})`, xs[0] as string) },
};
