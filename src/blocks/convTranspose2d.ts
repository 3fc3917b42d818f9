// Transposed convolution ("deconvolution", the upsampling of FCNs and U-Nets), channels last: each input
// pixel spreads its value, times the kernel, over a kernel-sized patch of the output, `stride` pixels
// apart. Padding crops the output (PyTorch's meaning; 'same' is TensorFlow's in*stride), output padding
// adds rows after it. Parameters kh*kw*inC*filters + bias, as for a convolution.
import { z } from 'zod';
import { countElements, formatShape, isPositiveInt, makeIssue } from '../model/issues';
import { failed, invalid, isPadding } from '../model/windows';
import { isSize2 } from '../model/size2';
import type { ModelIssue } from '../model/analysis';
import type { ActivationFn, InitName, Padding, Shape, Size2 } from '../model/spec';
import { activationField, initField, paddingField, useBiasField, windowField, withOptions } from './common/options';
import { kerasFused, kerasInit, kerasLeaky, kerasTuple, pair, pyString, torchActivationCall, torchTuple } from './common/python';
import { kerasLayerName } from './common/python';
import { hasActivation, onnxActivate, onnxConstant } from './common/onnx';
import { intsAttr } from '../codegen/onnx/graph';
import { base, count, denseOptions, padding, size, size2 } from './common/schema';
import { describeWindow } from './common/describe';
import { transposeArithmetic, transposePlan, type TransposePlan } from './common/transpose';
import { TRANSPOSE_FIELD } from './common/receptive';
import type { BlockModule, BlockResult, BlockBase, KerasLine, LayerJson } from './types';

export interface ConvTranspose2DBlock extends BlockBase {
  readonly kind: 'convtranspose2d';
  readonly filters: number;
  readonly kernel: Size2;
  readonly stride: Size2;
  /** Rows and columns cropped off each side of the output (PyTorch), or 'same' (output = input * stride). */
  readonly padding: Padding;
  /** Rows (and columns) added after the output, less than the stride; 0 with 'same'. Default 0. */
  readonly outputPadding?: number | readonly [number, number];
  /** Default 1. */
  readonly dilation?: Size2;
  readonly useBias?: boolean;
  readonly activation?: ActivationFn;
  readonly init?: InitName;
}

const outputPairOf = (op: ConvTranspose2DBlock['outputPadding']): [number, number] =>
  (op === undefined ? [0, 0] : typeof op === 'number' ? [op, op] : [op[0], op[1]]);
const isOutputPadding = (v: unknown): boolean =>
  v === undefined || (Number.isInteger(v) && (v as number) >= 0)
  || (Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && x >= 0));

function checkSettings(block: ConvTranspose2DBlock): ModelIssue[] {
  const dilation = block.dilation ?? 1;
  const issues = [
    ...(isPositiveInt(block.filters) ? [] : [invalid(block.id, 'filters', block.filters)]),
    ...(isSize2(block.kernel) ? [] : [invalid(block.id, 'kernel', block.kernel)]),
    ...(isSize2(block.stride) ? [] : [invalid(block.id, 'stride', block.stride)]),
    ...(isPadding(block.padding) ? [] : [invalid(block.id, 'padding', block.padding)]),
    ...(isSize2(dilation) ? [] : [invalid(block.id, 'dilation', dilation)]),
    ...(isOutputPadding(block.outputPadding) ? [] : [invalid(block.id, 'outputPadding', block.outputPadding)]),
  ];
  if (issues.length > 0) return issues;
  const stride = pair(block.stride);
  const d = pair(dilation);
  // TensorFlow (and the Keras export) computes a stride or a dilation above 1, never both.
  if (Math.max(...stride) > 1 && Math.max(...d) > 1) {
    return [makeIssue('strideWithDilation', block.id, { stride: Math.max(...stride), dilation: Math.max(...d) })];
  }
  const op = outputPairOf(block.outputPadding);
  const tooMuch = op.some((v, a) => v >= (stride[a] as number)) || (block.padding === 'same' && op.some((v) => v > 0));
  return tooMuch ? [invalid(block.id, 'outputPadding', block.outputPadding)] : [];
}

/** The crop-and-grow plan of each axis, [height, width]. */
export function transposePlans(block: ConvTranspose2DBlock, input: Shape): [TransposePlan, TransposePlan] {
  const [kh, kw] = pair(block.kernel);
  const [sh, sw] = pair(block.stride);
  const [dh, dw] = pair(block.dilation ?? 1);
  const [oh, ow] = outputPairOf(block.outputPadding);
  return [
    transposePlan(input[0] as number, kh, sh, block.padding, oh, dh),
    transposePlan(input[1] as number, kw, sw, block.padding, ow, dw),
  ];
}

function inferTranspose(block: ConvTranspose2DBlock, input: Shape): BlockResult {
  const issues = checkSettings(block);
  if (issues.length > 0) return failed(issues);
  if (input.length !== 3) return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
  const [kh, kw] = pair(block.kernel);
  const [sh, sw] = pair(block.stride);
  const [dh, dw] = pair(block.dilation ?? 1);
  const [oh, ow] = outputPairOf(block.outputPadding);
  const axes = [
    transposeArithmetic('height', input[0] as number, kh, sh, block.padding, oh, dh),
    transposeArithmetic('width', input[1] as number, kw, sw, block.padding, ow, dw),
  ];
  if (axes.some((a) => a.output < 1)) return failed([invalid(block.id, 'padding', block.padding)], axes);
  const channels = input[2] as number;
  const weights = kh * kw * channels * block.filters;
  const bias = block.useBias === false ? 0 : block.filters;
  return {
    shape: [axes[0]!.output, axes[1]!.output, block.filters],
    params: { trainable: weights + bias, nonTrainable: 0 },
    arithmetic: axes,
    issues: [],
    shapeFormula: null,
    paramsFormula: `${kh}*${kw}*${channels}*${block.filters}${bias > 0 ? ` + ${bias}` : ''} = ${weights + bias}`,
  };
}

function extras(block: ConvTranspose2DBlock): string {
  const parts: string[] = [];
  const op = outputPairOf(block.outputPadding);
  if (op[0] > 0 || op[1] > 0) parts.push(`op${op[0] === op[1] ? op[0] : op.join(',')}`);
  const d = pair(block.dilation ?? 1);
  if (d[0] > 1 || d[1] > 1) parts.push(`d${d[0] === d[1] ? d[0] : d.join(',')}`);
  if (block.useBias === false) parts.push('no bias');
  if (block.activation !== undefined && block.activation !== 'linear') parts.push(block.activation);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

/** The crop the app applies after the transposed convolution, as [[top, bottom], [left, right]]. */
export const cropOf = ([h, w]: readonly [TransposePlan, TransposePlan]): [[number, number], [number, number]] =>
  [[h.cropBefore, h.cropAfter], [w.cropBefore, w.cropAfter]];
const anyCrop = (plans: readonly [TransposePlan, TransposePlan]) => cropOf(plans).flat().some((v) => v > 0);

/**
 * The playground's transposed convolution is Keras's Conv2DTranspose ('valid', output padding, dilation).
 * tfjs 4's own layer of that name ignores the last two: such a model ships dense-layers.js to load it.
 */
function standardTranspose(layer: LayerJson): LayerJson {
  const c = layer.config;
  const [kernel, strides, dilation, extra] = [c.kernel_size, c.strides, c.dilation_rate, c.output_padding];
  return {
    ...layer,
    class_name: 'Conv2DTranspose',
    config: {
      name: c.name, trainable: c.trainable ?? true, filters: c.filters, kernel_size: kernel, strides, padding: 'valid',
      data_format: 'channels_last', dilation_rate: dilation, output_padding: extra, activation: c.activation, use_bias: c.use_bias,
      kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null,
      activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    },
  };
}

function kerasLines(block: ConvTranspose2DBlock, v: string, x: string, plans: [TransposePlan, TransposePlan]): KerasLine[] {
  const crop = anyCrop(plans);
  const args = [
    String(block.filters), kerasTuple(block.kernel), `strides=${kerasTuple(block.stride)}`, 'padding="valid"',
    `output_padding=(${plans[0].extra}, ${plans[1].extra})`,
  ];
  if (block.dilation !== undefined) args.push(`dilation_rate=${kerasTuple(block.dilation)}`);
  args.push(`use_bias=${block.useBias === false ? 'False' : 'True'}`, `activation=${pyString(kerasFused(block.activation))}`, kerasInit(block.init));
  const conv = { variable: crop ? `${v}_full` : v, layer: `layers.Conv2DTranspose(${args.join(', ')}, name=${pyString(block.id)})`, input: x };
  if (!crop) return kerasLeaky(block.id, v, block.activation, [conv]);
  const [[t, b], [l, r]] = cropOf(plans);
  const cropping = `layers.Cropping2D(((${t}, ${b}), (${l}, ${r})), name=${pyString(kerasLayerName(`${block.id}/crop`))})`;
  return kerasLeaky(block.id, v, block.activation, [conv, { variable: v, layer: cropping, input: `${v}_full` }]);
}

export const convTranspose2dModule: BlockModule<ConvTranspose2DBlock> = {
  kind: 'convtranspose2d',
  schema: z.strictObject({
    kind: z.literal('convtranspose2d'), ...base, filters: count, kernel: size2, stride: size2, padding,
    outputPadding: z.union([size, z.tuple([size, size])]).optional(), dilation: size2.optional(), ...denseOptions,
  }),
  fields: [
    { name: 'filters', type: 'int', min: 1, max: 1024, default: 16 },
    windowField('kernel', 15, 2),
    windowField('stride', 8, 2),
    paddingField('valid'),
    { name: 'outputPadding', type: 'size2', min: 0, max: 7, default: 0 },
    windowField('dilation', 8, 1),
    useBiasField,
    activationField('activation', 'linear'),
    initField,
  ],
  arity: 'one',
  // Its filters as a convolution's: the worker side hands its [kh, kw, out, in] kernel over as [kh, kw, in, out].
  kernelView: true,
  idPrefix: 'upconv',
  kerasClass: 'Conv2DTranspose',
  infer: (block, [input]) => withOptions(block.id, block, inferTranspose(block, input ?? [])),
  // Every input value is multiplied by the whole kernel once per filter, cropped rows included.
  macs: (block, input) => countElements(input.slice(0, 2)) * pair(block.kernel)[0] * pair(block.kernel)[1] * (input[2] ?? 0) * block.filters,
  receptive: TRANSPOSE_FIELD,
  describe: (block) => `${block.filters} @ ${describeWindow(block.kernel, block.stride, block.padding)}${extras(block)}`,
  weights(block, input) {
    const [kh, kw] = pair(block.kernel);
    // TensorFlow's transposed kernel: [kh, kw, output channels, input channels].
    const kernel = { part: 'kernel', shape: [kh, kw, block.filters, input[input.length - 1] as number] };
    return block.useBias === false ? [kernel] : [kernel, { part: 'bias', shape: [block.filters] }];
  },
  onnx(c) {
    const { block, graph } = c;
    const [h, w] = transposePlans(block, c.inShape);
    // ONNX's ConvTranspose weight is [in, out, kh, kw], as PyTorch's.
    const inputs = [c.inputs[0] as string, onnxConstant(c, 'kernel', [3, 2, 0, 1])];
    if (block.useBias !== false) inputs.push(onnxConstant(c, 'bias'));
    const attrs = [
      intsAttr('kernel_shape', pair(block.kernel)), intsAttr('strides', pair(block.stride)), intsAttr('dilations', pair(block.dilation ?? 1)),
      intsAttr('pads', [h.cropBefore, w.cropBefore, h.cropAfter, w.cropAfter]), intsAttr('output_padding', [h.extra, w.extra]),
    ];
    const fused = hasActivation(block.activation);
    const conv = graph.node('ConvTranspose', inputs, attrs, fused ? undefined : c.out);
    return fused ? onnxActivate(graph, block.activation, undefined, conv, c.out) : conv;
  },
  pytorch: {
    emit({ block, analysis, name, xs, inShape }) {
      const [h, w] = transposePlans(block, inShape);
      // PyTorch crops `padding` off both ends, then grows by output_padding; 'same' may crop one more after.
      const op = [h.cropBefore - h.cropAfter + h.extra, w.cropBefore - w.cropAfter + w.extra];
      const slice = op.some((v) => v < 0);
      const args = [`${inShape[2]}, ${block.filters}`, `kernel_size=${torchTuple(pair(block.kernel))}`, `stride=${torchTuple(pair(block.stride))}`];
      if (h.cropBefore > 0 || w.cropBefore > 0) args.push(`padding=${torchTuple([h.cropBefore, w.cropBefore])}`);
      if (!slice && (op[0]! > 0 || op[1]! > 0)) args.push(`output_padding=${torchTuple(op as [number, number])}`);
      const dilation = pair(block.dilation ?? 1);
      if (dilation[0] > 1 || dilation[1] > 1) args.push(`dilation=${torchTuple(dilation)}`);
      if (block.useBias === false) args.push('bias=False');
      const [oh, ow] = analysis.outputShape ?? [h.output, w.output];
      const call = `self.${name}(${xs[0] as string})${slice ? `[:, :, :${oh}, :${ow}]` : ''}`;
      return {
        modules: [`self.${name} = nn.ConvTranspose2d(${args.join(', ')})`],
        forward: [`${name} = ${torchActivationCall(block.activation, undefined, call)}${slice ? "  # TensorFlow 'same': one more row cropped after" : ''}`],
      };
    },
    weights: { kernel: { key: 'weight', perm: [3, 2, 0, 1] }, bias: { key: 'bias' } },
  },
  keras: { lines: ({ block, name: v, xs, inShape }) => kerasLines(block, v, xs[0] as string, transposePlans(block, inShape)) },
  tfjsLayers: { CnnPlaygroundConvTranspose2D: standardTranspose },
};
