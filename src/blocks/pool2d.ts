// Max and average pooling over a sliding window, per-axis size and stride, 'valid' / 'same' / explicit
// padding (explicit padding pads zeros first, which then take part in the max and the average, as the
// playground builds it). No parameters.
import { z } from 'zod';
import { inferPool } from '../model/windows';
import type { Padding, Size2 } from '../model/spec';
import { describeWindow } from './common/describe';
import { paddingField, windowField } from './common/options';
import { kerasPad, kerasPadding, kerasTuple, pads, pair, pyString, symmetric, torchTuple } from './common/python';
import { WINDOW_FIELD } from './common/receptive';
import { onnxPads, type OnnxBlockContext } from './common/onnx';
import { intAttr, intsAttr } from '../codegen/onnx/graph';
import type { AxisArithmetic } from '../model/analysis';
import { base, padding, size2 } from './common/schema';
import type { BlockBase, BlockModule, ExportContext, PytorchCode } from './types';

export interface Pool2DBlock extends BlockBase {
  readonly kind: 'maxpool2d' | 'avgpool2d';
  readonly size: Size2;
  readonly stride: Size2;
  readonly padding: Padding;
}

export type MaxPool2DBlock = Pool2DBlock & { readonly kind: 'maxpool2d' };
export type AvgPool2DBlock = Pool2DBlock & { readonly kind: 'avgpool2d' };

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

function emitPool(c: ExportContext<Pool2DBlock>): PytorchCode {
  const { block, name } = c;
  const x = c.xs[0] as string;
  const max = block.kind === 'maxpool2d';
  const size = torchTuple(pair(block.size));
  const stride = torchTuple(pair(block.stride));
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
    return { modules: [`self.${name} = ${pool}, padding=${torchTuple([p[0], p[2]])}${extra})`], forward: call };
  }
  const order = `(${p[2]}, ${p[3]}, ${p[0]}, ${p[1]})`;
  if (max) {
    return { modules: [`self.${name} = nn.Sequential(nn.ConstantPad2d(${order}, float("-inf")), ${pool}))  # TensorFlow 'same'`], forward: call };
  }
  return { modules: [`self.${name} = SameAvgPool2d(${size}, ${stride}, ${order})  # TensorFlow 'same'`], forward: call, helpers: [SAME_AVG_POOL] };
}

/**
 * Where a pooling window with explicit zero padding P reaches into the padding, the app's max includes a
 * zero: 0 there, -inf elsewhere, as a [1, 1, out height, out width] tensor for Max(MaxPool(x), mask).
 * (Pad followed by MaxPool would say the same, but onnxruntime's optimizer fuses the two into one MaxPool
 * whose padding is ignored, as if it were -inf: other predictions than the file states.)
 */
function zeroPaddingMask(c: OnnxBlockContext<Pool2DBlock>): string {
  const [h, w] = [c.analysis.arithmetic.find((a) => a.axis === 'height'), c.analysis.arithmetic.find((a) => a.axis === 'width')];
  if (h === undefined || w === undefined) throw new Error(`ONNX export: pooling block ${c.block.id} has no arithmetic`);
  const touches = (a: AxisArithmetic, i: number) => i * a.stride - a.padBefore < 0 || i * a.stride - a.padBefore + a.kernel > a.input;
  const mask = new Float32Array(h.output * w.output);
  for (let i = 0; i < h.output; i++) {
    for (let j = 0; j < w.output; j++) mask[i * w.output + j] = touches(h, i) || touches(w, j) ? 0 : -Infinity;
  }
  return c.graph.floats(`${c.out}/zero_padding`, [1, 1, h.output, w.output], mask);
}

function emitOnnxPool(c: OnnxBlockContext<Pool2DBlock>): string {
  const { block, graph } = c;
  const attrs = [intsAttr('kernel_shape', pair(block.size)), intsAttr('strides', pair(block.stride)), intsAttr('pads', onnxPads(c.analysis.arithmetic))];
  const x = c.inputs[0] as string;
  const explicit = typeof block.padding === 'number' && block.padding > 0;
  if (block.kind === 'avgpool2d') {
    // 'same' leaves padded cells out of the average, as TensorFlow does; explicit zero padding counts them.
    return graph.node('AveragePool', [x], [...attrs, intAttr('count_include_pad', explicit ? 1 : 0)], c.out);
  }
  if (!explicit) return graph.node('MaxPool', [x], attrs, c.out);
  const pooled = graph.node('MaxPool', [x], attrs);
  return graph.node('Max', [pooled, zeroPaddingMask(c)], [], c.out);
}

function poolModule<B extends Pool2DBlock>(kind: B['kind'], idPrefix: string, kerasClass: string): BlockModule<B> {
  return {
    kind,
    schema: z.strictObject({ kind: z.literal(kind), ...base, size: size2, stride: size2, padding }),
    fields: [windowField('size', 8, 2), windowField('stride', 8, 2), paddingField('valid')],
    arity: 'one',
    idPrefix,
    kerasClass,
    infer: (block, [input]) => inferPool(block, input ?? []),
    receptive: WINDOW_FIELD,
    describe: (block) => describeWindow(block.size, block.stride, block.padding),
    pytorch: { emit: emitPool },
    onnx: emitOnnxPool,
    keras: {
      lines({ block, name: v, xs }) {
        const { lines, input } = kerasPad(block.id, v, block.padding, xs[0] as string);
        const layer = `layers.${kerasClass}(${kerasTuple(block.size)}, strides=${kerasTuple(block.stride)}, padding=${kerasPadding(block.padding)}, name=${pyString(block.id)})`;
        return [...lines, { variable: v, layer, input }];
      },
    },
  };
}

export const maxPool2dModule = poolModule<MaxPool2DBlock>('maxpool2d', 'pool', 'MaxPooling2D');
export const avgPool2dModule = poolModule<AvgPool2DBlock>('avgpool2d', 'avgpool', 'AveragePooling2D');
