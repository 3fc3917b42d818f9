// The grid detector head (YOLO v1's, one box per cell): a linear 1x1 convolution that gives, at every cell
// of the feature map before it, 5 + K numbers: objectness, the box (x, y of its centre within the cell,
// w, h as shares of the image, each before a sigmoid) and one score per object class (before a softmax).
// K is the dataset's classes less the background (class 0 has no box). Its output is the raw grid, as the
// softmax head's scores layer is the logits: the detection task (src/tasks/detection.ts) takes the loss
// from it and decodes it into boxes; exported code gets the same grid and a decode_grid helper (PyTorch).
import { z } from 'zod';
import { makeIssue, formatShape } from '../model/issues';
import type { DataShape, InitName } from '../model/spec';
import { failed } from '../model/windows';
import { initField, ok, withOptions } from './common/options';
import { kerasInit, pyString } from './common/python';
import { KEEP_FIELD } from './common/receptive';
import { base, init } from './common/schema';
import { onnxConstant } from './common/onnx';
import { intsAttr } from '../codegen/onnx/graph';
import type { BlockBase, BlockModule } from './types';

export interface GridDetectBlock extends BlockBase {
  readonly kind: 'griddetect';
  /** Default 'glorotUniform'. */
  readonly init?: InitName;
}

/** Object classes the head scores: every class but the background (at least one). */
export const objectClasses = (data: DataShape): number => Math.max(1, data.numClasses - 1);
/** Numbers per cell: objectness, x, y, w, h, then a score per object class. */
export const gridChannels = (data: DataShape): number => 5 + objectClasses(data);

const channelsOf = (input: readonly number[]) => input[input.length - 1] as number;

/** Python: the raw grid (N, 5 + K, S, S) to [objectness, x, y, w, h, class probabilities] as the app decodes it. */
const DECODE_GRID_PY = `
def decode_grid(grid):
    """(N, 5 + K, S, S) raw grid -> (N, S, S, 5 + K): sigmoid objectness, cell x, y and image-share w, h; softmax classes."""
    g = grid.permute(0, 2, 3, 1)
    return torch.cat([torch.sigmoid(g[..., :5]), torch.softmax(g[..., 5:], dim=-1)], dim=-1)
`;

export const gridDetectModule: BlockModule<GridDetectBlock> = {
  kind: 'griddetect',
  schema: z.strictObject({ kind: z.literal('griddetect'), ...base, init: init.optional() }),
  fields: [initField],
  arity: 'one',
  role: 'output',
  idPrefix: 'detect',
  kerasClass: 'Conv2D',
  infer(block, [input = []], data) {
    if (input.length !== 3) return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
    const [h, w, c] = input as [number, number, number];
    const k = gridChannels(data);
    const total = c * k + k;
    return withOptions(block.id, block, ok([h, w, k], {
      params: { trainable: total, nonTrainable: 0 },
      shapeFormula: `${h}×${w}×(5 + ${objectClasses(data)})`,
      paramsFormula: `1*1*${c}*${k} + ${k} = ${total}`,
    }));
  },
  macs: (_block, input, out) => (out[0] ?? 0) * (out[1] ?? 0) * channelsOf(input) * (out[2] ?? 0),
  receptive: KEEP_FIELD,
  describe: () => '1×1, 5 + K',
  weights: (_block, input, data) => [
    { part: 'kernel', shape: [1, 1, channelsOf(input), gridChannels(data)] }, { part: 'bias', shape: [gridChannels(data)] },
  ],
  onnx(c) {
    const inputs = [c.inputs[0] as string, onnxConstant(c, 'kernel', [3, 2, 0, 1]), onnxConstant(c, 'bias')];
    return c.graph.node('Conv', inputs, [intsAttr('kernel_shape', [1, 1])], c.out);
  },
  pytorch: {
    emit: ({ name, xs, inShape, data }) => ({
      modules: [`self.${name} = nn.Conv2d(${channelsOf(inShape)}, ${gridChannels(data)}, kernel_size=1)  # per cell: objectness, x, y, w, h, ${objectClasses(data)} class scores; see decode_grid`],
      forward: [`${name} = self.${name}(${xs[0] as string})`],
      helpers: [DECODE_GRID_PY],
    }),
    weights: { kernel: { key: 'weight', perm: [3, 2, 0, 1] }, bias: { key: 'bias' } },
    predict: 'return self.forward(x)  # the raw grid, as the app gives it: decode_grid(...) turns it into probabilities',
  },
  keras: {
    lines: ({ block, name: v, xs, data }) => [
      { variable: v, layer: `layers.Conv2D(${gridChannels(data)}, (1, 1), activation="linear", ${kerasInit(block.init)}, name=${pyString(block.id)})`, input: xs[0] as string },
    ],
  },
};
