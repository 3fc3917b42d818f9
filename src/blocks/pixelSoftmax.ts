// The per-pixel classifier head: a 1x1 convolution to one score per class at every pixel, then a softmax
// over the classes at each pixel. The output block of a segmentation network (role 'output'): its output
// is H×W×classes where the softmax head's is one row of classes. Training takes its loss from the scores.
import { z } from 'zod';
import { makeIssue, formatShape } from '../model/issues';
import type { InitName } from '../model/spec';
import { failed } from '../model/windows';
import { initField, ok, withOptions } from './common/options';
import { kerasInit, kerasLayerName, pyString } from './common/python';
import { KEEP_FIELD } from './common/receptive';
import { base, init } from './common/schema';
import { onnxConstant } from './common/onnx';
import { intAttr, intsAttr } from '../codegen/onnx/graph';
import type { BlockBase, BlockModule } from './types';

export interface PixelSoftmaxBlock extends BlockBase {
  readonly kind: 'pixelsoftmax';
  /** Default 'glorotUniform'. */
  readonly init?: InitName;
}

const channelsOf = (input: readonly number[]) => input[input.length - 1] as number;

export const pixelSoftmaxModule: BlockModule<PixelSoftmaxBlock> = {
  kind: 'pixelsoftmax',
  schema: z.strictObject({ kind: z.literal('pixelsoftmax'), ...base, init: init.optional() }),
  fields: [initField],
  arity: 'one',
  role: 'output',
  idPrefix: 'output',
  kerasClass: 'Conv2D',
  infer(block, [input = []], data) {
    if (input.length !== 3) return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
    const [h, w, c] = input as [number, number, number];
    const k = data.numClasses;
    const total = c * k + k;
    return withOptions(block.id, block, ok([h, w, k], {
      params: { trainable: total, nonTrainable: 0 },
      shapeFormula: `${h}×${w}×${k}`,
      paramsFormula: `1*1*${c}*${k} + ${k} = ${total}`,
    }));
  },
  macs: (_block, input, out) => (out[0] ?? 0) * (out[1] ?? 0) * channelsOf(input) * (out[2] ?? 0),
  receptive: KEEP_FIELD,
  describe: () => '1×1',
  weights: (_block, input, data) => [
    { part: 'kernel', shape: [1, 1, channelsOf(input), data.numClasses] }, { part: 'bias', shape: [data.numClasses] },
  ],
  onnx(c) {
    const inputs = [c.inputs[0] as string, onnxConstant(c, 'kernel', [3, 2, 0, 1]), onnxConstant(c, 'bias')];
    const scores = c.graph.node('Conv', inputs, [intsAttr('kernel_shape', [1, 1])]);
    // NCHW: the classes are axis 1, as PyTorch's softmax(dim=1).
    return c.graph.node('Softmax', [scores], [intAttr('axis', 1)], c.out);
  },
  pytorch: {
    emit: ({ name, xs, inShape, data }) => ({
      modules: [`self.${name} = nn.Conv2d(${channelsOf(inShape)}, ${data.numClasses}, kernel_size=1)  # softmax over classes is in the loss; see predict_proba`],
      forward: [`${name} = self.${name}(${xs[0] as string})`],
    }),
    weights: { kernel: { key: 'weight', perm: [3, 2, 0, 1] }, bias: { key: 'bias' } },
  },
  keras: {
    // As the app builds it: the scores from a linear 1x1 Conv2D, then a Softmax over the last axis (the classes).
    lines: ({ block, name: v, xs, data }) => [
      { variable: `${v}_logits`, layer: `layers.Conv2D(${data.numClasses}, (1, 1), activation="linear", ${kerasInit(block.init)}, name=${pyString(block.id)})`, input: xs[0] as string },
      { variable: v, layer: `layers.Softmax(axis=-1, name=${pyString(kerasLayerName(`${block.id}/softmax`))})`, input: `${v}_logits` },
    ],
  },
};
