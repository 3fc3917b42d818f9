// 2D convolution, channels last, with per-axis kernel / stride / dilation, 'valid' / 'same' / explicit
// padding, an optional bias, a fused activation and an initialiser. Parameters kh*kw*inC*filters + bias.
import { z } from 'zod';
import { countElements } from '../model/issues';
import { inferConv } from '../model/windows';
import type { ActivationFn, InitName, Padding, Size2 } from '../model/spec';
import { activationField, initField, paddingField, useBiasField, windowField, withOptions } from './common/options';
import {
  kerasFused, kerasInit, kerasPad, kerasPadding, kerasLeaky, kerasTuple, pads, pair, pyString, symmetric, torchActivationCall,
  torchTuple,
} from './common/python';
import { WINDOW_FIELD } from './common/receptive';
import { hasActivation, onnxActivate, onnxConstant, onnxPads } from './common/onnx';
import { intsAttr } from '../codegen/onnx/graph';
import { base, count, denseOptions, padding, size2 } from './common/schema';
import { describeWindow } from './common/describe';
import type { BlockBase, BlockModule, LayerJson } from './types';

export interface Conv2DBlock extends BlockBase {
  readonly kind: 'conv2d';
  readonly filters: number;
  readonly kernel: Size2;
  readonly stride: Size2;
  readonly padding: Padding;
  /** Default 1. */
  readonly dilation?: Size2;
  /** Default true. A conv followed by batch norm usually has none (torchvision's ResNets). */
  readonly useBias?: boolean;
  /** A fused activation after the convolution; default 'linear' (none). */
  readonly activation?: ActivationFn;
  /** Default 'glorotUniform' (Keras's default). */
  readonly init?: InitName;
}

function extras(block: Conv2DBlock): string {
  const parts: string[] = [];
  const d = block.dilation ?? 1;
  if (d !== 1 && !(Array.isArray(d) && d[0] === 1 && d[1] === 1)) parts.push(`d${typeof d === 'number' ? d : d.join(',')}`);
  if (block.useBias === false) parts.push('no bias');
  if (block.activation !== undefined && block.activation !== 'linear') parts.push(block.activation);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

const GLOROT = { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } };
const ZEROS = { class_name: 'Zeros', config: {} };

/** The playground's trainable dilated convolution, for inference an ordinary Conv2D with dilation_rate. */
function standardDilated(layer: LayerJson): LayerJson {
  const c = layer.config;
  return {
    ...layer,
    class_name: 'Conv2D',
    config: {
      name: c.name, trainable: c.trainable ?? true, filters: c.filters, kernel_size: c.kernel_size, strides: [1, 1],
      padding: c.padding, data_format: 'channels_last', dilation_rate: c.dilation_rate, activation: c.activation,
      use_bias: c.use_bias, kernel_initializer: GLOROT, bias_initializer: ZEROS, kernel_regularizer: null,
      bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    },
  };
}

export const conv2dModule: BlockModule<Conv2DBlock> = {
  kind: 'conv2d',
  schema: z.strictObject({
    kind: z.literal('conv2d'), ...base, filters: count, kernel: size2, stride: size2, padding, dilation: size2.optional(), ...denseOptions,
  }),
  fields: [
    { name: 'filters', type: 'int', min: 1, max: 1024, default: 16 },
    windowField('kernel', 15, 3),
    windowField('stride', 8, 1),
    paddingField('same'),
    windowField('dilation', 8, 1),
    useBiasField,
    activationField('activation', 'linear'),
    initField,
  ],
  arity: 'one',
  kernelView: true,
  idPrefix: 'conv',
  kerasClass: 'Conv2D',
  infer: (block, [input]) => withOptions(block.id, block, inferConv(block, input ?? [])),
  macs(block, input, out) {
    const [kh, kw] = pair(block.kernel);
    return countElements(out) * kh * kw * (input[2] ?? 0);
  },
  receptive: WINDOW_FIELD,
  describe: (block) => `${block.filters} @ ${describeWindow(block.kernel, block.stride, block.padding)}${extras(block)}`,
  weights(block, input) {
    const [kh, kw] = pair(block.kernel);
    const kernel = { part: 'kernel', shape: [kh, kw, input[input.length - 1] as number, block.filters] };
    return block.useBias === false ? [kernel] : [kernel, { part: 'bias', shape: [block.filters] }];
  },
  onnx(c) {
    const { block, graph } = c;
    const inputs = [c.inputs[0] as string, onnxConstant(c, 'kernel', [3, 2, 0, 1])];
    if (block.useBias !== false) inputs.push(onnxConstant(c, 'bias'));
    const attrs = [
      intsAttr('kernel_shape', pair(block.kernel)), intsAttr('strides', pair(block.stride)),
      intsAttr('dilations', pair(block.dilation ?? 1)), intsAttr('pads', onnxPads(c.analysis.arithmetic)),
    ];
    const fused = hasActivation(block.activation);
    const conv = graph.node('Conv', inputs, attrs, fused ? undefined : c.out);
    return fused ? onnxActivate(graph, block.activation, undefined, conv, c.out) : conv;
  },
  pytorch: {
    emit({ block, analysis, name, xs, inShape }) {
      const x = xs[0] as string;
      const channels = inShape[inShape.length - 1] as number;
      const p = pads(analysis.arithmetic);
      const padded = symmetric(p);
      const args = [`${channels}, ${block.filters}`, `kernel_size=${torchTuple(pair(block.kernel))}`, `stride=${torchTuple(pair(block.stride))}`];
      if (padded && (p[0] > 0 || p[2] > 0)) args.push(`padding=${torchTuple([p[0], p[2]])}`);
      const dilation = pair(block.dilation ?? 1);
      if (dilation[0] > 1 || dilation[1] > 1) args.push(`dilation=${torchTuple(dilation)}`);
      if (block.useBias === false) args.push('bias=False');
      const modules = padded ? [] : [`self.${name}_pad = nn.ZeroPad2d((${p[2]}, ${p[3]}, ${p[0]}, ${p[1]}))  # TensorFlow 'same': more after than before`];
      const input = padded ? x : `self.${name}_pad(${x})`;
      return {
        modules: [...modules, `self.${name} = nn.Conv2d(${args.join(', ')})`],
        forward: [`${name} = ${torchActivationCall(block.activation, undefined, `self.${name}(${input})`)}`],
      };
    },
    weights: { kernel: { key: 'weight', perm: [3, 2, 0, 1] }, bias: { key: 'bias' } },
  },
  keras: {
    lines({ block, name: v, xs }) {
      const { lines, input } = kerasPad(block.id, v, block.padding, xs[0] as string);
      const args = [String(block.filters), kerasTuple(block.kernel), `strides=${kerasTuple(block.stride)}`, `padding=${kerasPadding(block.padding)}`];
      if (block.dilation !== undefined) args.push(`dilation_rate=${kerasTuple(block.dilation)}`);
      args.push(`use_bias=${block.useBias === false ? 'False' : 'True'}`, `activation=${pyString(kerasFused(block.activation))}`, kerasInit(block.init));
      return kerasLeaky(block.id, v, block.activation, [...lines, { variable: v, layer: `layers.Conv2D(${args.join(', ')}, name=${pyString(block.id)})`, input }]);
    },
  },
  tfjsLayers: { CnnPlaygroundDilatedConv2D: standardDilated },
};
