// Patch embedding (Dosovitskiy et al. 2021): a convolution whose kernel equals its stride cuts the image
// into P×P squares and turns each into one token of width D, in row order: [H, W, C] -> [(H/P)·(W/P), D].
// Parameters P*P*C*D + D, as a convolution's; rows or columns that do not fill a patch are left out (the
// core warns, as for any stride that does not fit).
import { z } from 'zod';
import { axisArithmetic, droppedPixels } from '../model/arithmetic';
import { formatShape, isPositiveInt, makeIssue } from '../model/issues';
import { shapeKind } from '../model/spec';
import { failed, invalid } from '../model/windows';
import { ok } from './common/options';
import { kerasLayerName, kerasTuple, pyString } from './common/python';
import { onnxConstant } from './common/onnx';
import { intsAttr } from '../codegen/onnx/graph';
import { WINDOW_FIELD } from './common/receptive';
import { base, count, size } from './common/schema';
import { PY_PATCH_EMBEDDING } from './common/tokens';
import type { BlockBase, BlockModule, ReceptiveStep } from './types';

export interface PatchEmbedBlock extends BlockBase {
  readonly kind: 'patchembed';
  /** P: the side of a square patch, the kernel and the stride of the convolution. */
  readonly patch: number;
  /** D: the numbers in each token. */
  readonly width: number;
}

/** A token sees its patch; the token grid stays the grid the next blocks' fields refer to. */
const PATCH_FIELD: ReceptiveStep = {
  forward(ins, arithmetic, input, out) {
    const f = WINDOW_FIELD.forward(ins, arithmetic, input, out);
    const grid = arithmetic.map((a) => a.output) as [number, number];
    return f === null || grid.length !== 2 ? null : { ...f, grid };
  },
  back: () => null,
};

export const patchEmbedModule: BlockModule<PatchEmbedBlock> = {
  kind: 'patchembed',
  schema: z.strictObject({ kind: z.literal('patchembed'), ...base, patch: size, width: count }),
  fields: [
    { name: 'patch', type: 'int', min: 1, max: 32, default: 4 },
    { name: 'width', type: 'int', min: 1, max: 1024, default: 64 },
  ],
  arity: 'one',
  kernelView: true,
  idPrefix: 'patch',
  kerasClass: 'Conv2D+Reshape',
  infer(block, [input = []]) {
    const bad = [...(isPositiveInt(block.patch) ? [] : [invalid(block.id, 'patch', block.patch)]),
      ...(isPositiveInt(block.width) ? [] : [invalid(block.id, 'width', block.width)])];
    if (bad.length > 0) return failed(bad);
    if (shapeKind(input) !== 'image') return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
    const [h, w, c] = input as [number, number, number];
    const p = block.patch;
    if (p > h || p > w) {
      return failed([makeIssue('kernelTooLarge', block.id, { kernel: `${p}×${p}`, padding: 0, axis: p > h && p > w ? 'both' : p > h ? 'height' : 'width', input: p > h ? h : w, height: h, width: w })]);
    }
    const arithmetic = [axisArithmetic('height', h, p, p, 'valid'), axisArithmetic('width', w, p, p, 'valid')];
    const issues = arithmetic.filter((a) => droppedPixels(a) > 0).map((a) => makeIssue('strideDoesNotFit', block.id, {
      stride: p, kernel: p, padding: 0, axis: a.axis, input: a.input, dropped: droppedPixels(a),
    }, 'warning'));
    const [rows, cols] = arithmetic.map((a) => a.output) as [number, number];
    const tokens = rows * cols;
    const params = p * p * c * block.width + block.width;
    return ok([tokens, block.width], {
      arithmetic, issues,
      shapeFormula: `(${h}/${p})·(${w}/${p}) = ${rows}·${cols} = ${tokens}; ${tokens} × ${block.width}`,
      params: { trainable: params, nonTrainable: 0 },
      paramsFormula: `${p}*${p}*${c}*${block.width} + ${block.width} = ${params}`,
    });
  },
  macs: (block, input, out) => (out[0] ?? 0) * block.patch * block.patch * (input[2] ?? 0) * block.width,
  receptive: PATCH_FIELD,
  describe: (block) => `${block.patch}×${block.patch} → ${block.width}`,
  weights: (block, input) => [
    { part: 'kernel', shape: [block.patch, block.patch, input[2] as number, block.width] }, { part: 'bias', shape: [block.width] },
  ],
  pytorch: {
    emit: ({ block, name, xs, inShape }) => ({
      modules: [`self.${name} = PatchEmbedding(${inShape[2] as number}, ${block.width}, ${block.patch})`],
      forward: [`${name} = self.${name}(${xs[0] as string})`],
      helpers: [PY_PATCH_EMBEDDING],
    }),
    weights: { kernel: { key: 'proj.weight', perm: [3, 2, 0, 1] }, bias: { key: 'proj.bias' } },
  },
  // As the app builds it: the convolution, then a Reshape of its (rows, cols, D) map into row-ordered tokens.
  keras: {
    lines: ({ block, name: v, xs, analysis }) => [
      { variable: `${v}_map`, layer: `layers.Conv2D(${block.width}, ${kerasTuple(block.patch)}, strides=${kerasTuple(block.patch)}, padding="valid", name=${pyString(block.id)})`, input: xs[0] as string },
      { variable: v, layer: `layers.Reshape((${(analysis.outputShape ?? []).join(', ')}), name=${pyString(kerasLayerName(patchTokensLayerName(block.id)))})`, input: `${v}_map` },
    ],
  },
  onnx(c) {
    const p = c.block.patch;
    const conv = c.graph.node('Conv', [c.inputs[0] as string, onnxConstant(c, 'kernel', [3, 2, 0, 1]), onnxConstant(c, 'bias')],
      [intsAttr('kernel_shape', [p, p]), intsAttr('strides', [p, p])]);
    // NCHW (batch, D, rows, cols) -> (batch, D, tokens) -> (batch, tokens, D): the app's row order.
    const flat = c.graph.node('Reshape', [conv, c.graph.int64s(`${c.out}/shape`, [0, c.block.width, -1])]);
    return c.graph.node('Transpose', [flat], [intsAttr('perm', [0, 2, 1])], c.out);
  },
};

/** The tfjs layer that turns the convolution's map into tokens (a helper layer of the block). */
export const patchTokensLayerName = (id: string): string => `${id}/tokens`;
