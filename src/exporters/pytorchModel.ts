// ModelSpec -> a readable PyTorch model.py (an nn.Module). Tensors are NCHW in PyTorch, NHWC here, so:
// concat joins dim 1, global pools reduce dims (2, 3), and flatten first moves channels last so that the
// dense layer after it sees the values in the order it was trained on here (H, W, C). TensorFlow's 'same'
// padding may put one more row after than before; PyTorch pads symmetrically, so such a block gets an
// explicit pad module (zeros for conv, -inf for max pooling, an exclude-padding average for avg pooling).
import type { AxisArithmetic, BlockAnalysis, ModelAnalysis } from '../model/analysis';
import { DEFAULT_ALPHA } from '../model/blockFields';
import type { ActivationFn, BlockSpec, DataShape, ModelSpec, Shape, Size2 } from '../model/spec';
import { pyDocText, pyFloat, pythonNames } from './pythonNames';
import { PY_WEIGHTS_LOADER } from './pythonWeightsLoader';

interface Emitted {
  readonly modules: string[];
  readonly forward: string[];
}

const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);
const tuple = ([a, b]: readonly [number, number]) => (a === b ? String(a) : `(${a}, ${b})`);

/** Padding of a conv / pool block as [top, bottom, left, right], from the core's arithmetic. */
function pads(arithmetic: readonly AxisArithmetic[]): [number, number, number, number] {
  const h = arithmetic.find((a) => a.axis === 'height');
  const w = arithmetic.find((a) => a.axis === 'width');
  return [h?.padBefore ?? 0, h?.padAfter ?? 0, w?.padBefore ?? 0, w?.padAfter ?? 0];
}

const symmetric = ([t, b, l, r]: readonly number[]) => t === b && l === r;

function activationCall(fn: ActivationFn | undefined, alpha: number | undefined, x: string): string {
  switch (fn ?? 'linear') {
    case 'relu': return `F.relu(${x})`;
    case 'leakyRelu': return `F.leaky_relu(${x}, ${pyFloat(alpha ?? DEFAULT_ALPHA.leakyRelu)})`;
    case 'elu': return `F.elu(${x}, ${pyFloat(alpha ?? DEFAULT_ALPHA.elu)})`;
    case 'sigmoid': return `torch.sigmoid(${x})`;
    case 'tanh': return `torch.tanh(${x})`;
    default: return x;
  }
}

function activationModule(fn: ActivationFn, alpha: number | undefined): string {
  switch (fn) {
    case 'relu': return 'nn.ReLU()';
    case 'leakyRelu': return `nn.LeakyReLU(${pyFloat(alpha ?? DEFAULT_ALPHA.leakyRelu)})`;
    case 'elu': return `nn.ELU(${pyFloat(alpha ?? DEFAULT_ALPHA.elu)})`;
    case 'sigmoid': return 'nn.Sigmoid()';
    case 'tanh': return 'nn.Tanh()';
    case 'linear': return 'nn.Identity()';
  }
}

interface BlockContext {
  readonly block: Exclude<BlockSpec, { kind: 'input' }>;
  readonly analysis: BlockAnalysis;
  readonly name: string;
  readonly xs: readonly string[];
  readonly inShape: Shape;
  readonly data: DataShape;
}

function emitBlock(c: BlockContext): Emitted {
  const { block, name, xs, inShape } = c;
  const x = xs[0] as string;
  const channels = inShape[inShape.length - 1] as number;
  const own = (ctor: string) => `self.${name} = ${ctor}`;
  switch (block.kind) {
    case 'conv2d': {
      const p = pads(c.analysis.arithmetic);
      const padded = symmetric(p);
      const args = [`${channels}, ${block.filters}`, `kernel_size=${tuple(pair(block.kernel))}`, `stride=${tuple(pair(block.stride))}`];
      if (padded && (p[0] > 0 || p[2] > 0)) args.push(`padding=${tuple([p[0], p[2]])}`);
      const dilation = pair(block.dilation ?? 1);
      if (dilation[0] > 1 || dilation[1] > 1) args.push(`dilation=${tuple(dilation)}`);
      if (block.useBias === false) args.push('bias=False');
      const modules = padded ? [] : [`self.${name}_pad = nn.ZeroPad2d((${p[2]}, ${p[3]}, ${p[0]}, ${p[1]}))  # TensorFlow 'same': more after than before`];
      const input = padded ? x : `self.${name}_pad(${x})`;
      return { modules: [...modules, own(`nn.Conv2d(${args.join(', ')})`)], forward: [`${name} = ${activationCall(block.activation, undefined, `self.${name}(${input})`)}`] };
    }
    case 'maxpool2d':
    case 'avgpool2d':
      return emitPool(c, x);
    case 'globalavgpool':
      return { modules: [], forward: [`${name} = ${x}.mean(dim=(2, 3))`] };
    case 'globalmaxpool':
      return { modules: [], forward: [`${name} = ${x}.amax(dim=(2, 3))`] };
    case 'activation':
      return { modules: [own(activationModule(block.fn, block.alpha))], forward: [`${name} = self.${name}(${x})`] };
    case 'dropout':
      return { modules: [own(`nn.Dropout(${pyFloat(block.rate)})`)], forward: [`${name} = self.${name}(${x})`] };
    case 'batchnorm': {
      const kind = inShape.length === 3 ? 'BatchNorm2d' : 'BatchNorm1d';
      // Keras keeps `momentum` of the old average; PyTorch's momentum is the weight of the new batch.
      const args = `${channels}, eps=${pyFloat(block.epsilon ?? 1e-3)}, momentum=${pyFloat(roundFloat(1 - (block.momentum ?? 0.99)))}`;
      return { modules: [own(`nn.${kind}(${args})`)], forward: [`${name} = self.${name}(${x})`] };
    }
    case 'add':
      return { modules: [], forward: [`${name} = ${xs.join(' + ')}`] };
    case 'concat':
      return { modules: [], forward: [`${name} = torch.cat([${xs.join(', ')}], dim=1)  # channels`] };
    case 'flatten':
      if (inShape.length === 1) return { modules: [], forward: [`${name} = ${x}`] };
      return { modules: [], forward: [`${name} = torch.flatten(${x}.permute(0, 2, 3, 1), 1)  # (H, W, C) order, as trained in the playground`] };
    case 'dense': {
      const bias = block.useBias === false ? ', bias=False' : '';
      return {
        modules: [own(`nn.Linear(${channels}, ${block.units}${bias})`)],
        forward: [`${name} = ${activationCall(block.activation, undefined, `self.${name}(${x})`)}`],
      };
    }
    case 'softmax':
      return {
        modules: [own(`nn.Linear(${channels}, ${c.data.numClasses})  # softmax is in the loss; see predict_proba`)],
        forward: [`${name} = self.${name}(${x})`],
      };
  }
}

const roundFloat = (v: number) => Number(v.toPrecision(12));

function emitPool(c: BlockContext, x: string): Emitted {
  const block = c.block as Extract<BlockSpec, { kind: 'maxpool2d' | 'avgpool2d' }>;
  const { name } = c;
  const max = block.kind === 'maxpool2d';
  const size = tuple(pair(block.size));
  const stride = tuple(pair(block.stride));
  const p = pads(c.analysis.arithmetic);
  const pool = `nn.${max ? 'MaxPool2d' : 'AvgPool2d'}(${size}, stride=${stride}`;
  const call = [`${name} = self.${name}(${x})`];
  if (typeof block.padding === 'number' && block.padding > 0) {
    // The playground pads with zeros, then pools: zeros take part in the max and the average.
    return { modules: [`self.${name} = nn.Sequential(nn.ZeroPad2d(${block.padding}), ${pool}))`], forward: call };
  }
  if (block.padding !== 'same' || p.every((v) => v === 0)) return { modules: [`self.${name} = ${pool})`], forward: call };
  if (symmetric(p)) {
    const extra = max ? '' : ', count_include_pad=False';
    return { modules: [`self.${name} = ${pool}, padding=${tuple([p[0], p[2]])}${extra})`], forward: call };
  }
  const order = `(${p[2]}, ${p[3]}, ${p[0]}, ${p[1]})`;
  if (max) {
    return { modules: [`self.${name} = nn.Sequential(nn.ConstantPad2d(${order}, float("-inf")), ${pool}))  # TensorFlow 'same'`], forward: call };
  }
  return { modules: [`self.${name} = SameAvgPool2d(${size}, ${stride}, ${order})  # TensorFlow 'same'`], forward: call };
}

const SAME_AVG_POOL = `

class SameAvgPool2d(nn.Module):
    """Average pooling with TensorFlow's 'same' padding: padded cells do not count in the average."""

    def __init__(self, kernel_size, stride, padding):
        super().__init__()
        self.pool = nn.AvgPool2d(kernel_size, stride=stride)
        self.padding = padding  # (left, right, top, bottom)

    def forward(self, x):
        ones = torch.ones_like(x[:1, :1])
        return self.pool(F.pad(x, self.padding)) / self.pool(F.pad(ones, self.padding))
`;

export interface PytorchModelOptions {
  /** A line naming where the network comes from, e.g. the project name. */
  readonly title?: string;
}

/** The text of model.py. Throws when the spec has errors (the caller offers export only for valid networks). */
export function pytorchModelPy(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, opts: PytorchModelOptions = {}): string {
  if (!analysis.valid) throw new Error('pytorchModelPy: the network has errors');
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const shapes = new Map(analysis.blocks.map((b) => [b.id, b.outputShape]));
  const names = pythonNames(analysis.blocks.map((b) => b.id));
  const modules: string[] = [];
  const forward: string[] = [];
  let output = 'x';
  for (const a of analysis.blocks) {
    const block = specs.get(a.id);
    const name = names.get(a.id) as string;
    if (block === undefined) continue;
    if (block.kind === 'input') {
      forward.push(`${name} = x`);
      continue;
    }
    const inShape = shapes.get(block.inputs[0] as string) ?? [];
    const emitted = emitBlock({ block, analysis: a, name, xs: block.inputs.map((i) => names.get(i) as string), inShape, data });
    modules.push(...emitted.modules);
    forward.push(...emitted.forward);
    if (block.kind === 'softmax') output = name;
  }
  const needsSameAvg = modules.some((m) => m.includes('SameAvgPool2d('));
  const [h, w, ch] = data.inputShape;
  const inputNote = data.inputShape.length === 3 ? `(N, ${ch}, ${h}, ${w})` : `(N, ${data.inputShape.join(', ')})`;
  return `"""${pyDocText(opts.title ?? 'A network')} from CNN Playground, as a PyTorch nn.Module.

Input: float images ${inputNote} (channels first), pixel values in [0, 1].
Output: one logit per class (${data.numClasses}); softmax is part of nn.CrossEntropyLoss, or use predict_proba.
Parameters: ${analysis.totals.trainable} trainable, plus ${analysis.totals.nonTrainable} batch-norm running statistics.
Load the trained weights with load_weights(model, "weights.safetensors").
"""
import json
import struct

import torch
import torch.nn.functional as F
from torch import nn

INPUT_SHAPE = (${data.inputShape.length === 3 ? `${ch}, ${h}, ${w}` : `${data.inputShape.join(', ')},`})
NUM_CLASSES = ${data.numClasses}
${needsSameAvg ? SAME_AVG_POOL : ''}

class Net(nn.Module):
    def __init__(self):
        super().__init__()
${modules.map((m) => `        ${m}`).join('\n') || '        pass'}

    def forward(self, x):
${forward.map((l) => `        ${l}`).join('\n')}
        return ${output}

    def predict_proba(self, x):
        return torch.softmax(self.forward(x), dim=1)
${PY_WEIGHTS_LOADER}`;
}
