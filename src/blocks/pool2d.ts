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
