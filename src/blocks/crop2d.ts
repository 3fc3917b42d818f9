// Cropping rows and columns off the edges of a map, for the skips of a U-Net: an encoder map larger than
// the decoder's (odd sizes halve and double to one pixel less) is cropped to it before the two are
// concatenated. The pixels are given explicitly; the concat's message says which sizes disagree.
import { z } from 'zod';
import { formatShape, makeIssue } from '../model/issues';
import { failed, invalid } from '../model/windows';
import type { AxisArithmetic } from '../model/analysis';
import type { Shape } from '../model/spec';
import { ok } from './common/options';
import { kerasLayer, pyString } from './common/python';
import { CROP_FIELD } from './common/receptive';
import { base, size } from './common/schema';
import type { BlockModule, BlockBase, BlockResult } from './types';

export interface Crop2DBlock extends BlockBase {
  readonly kind: 'crop2d';
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

function cropAxis(axis: AxisArithmetic['axis'], input: number, before: number, after: number): AxisArithmetic {
  const output = input - before - after;
  return {
    axis, input, kernel: 1, dilation: 1, effectiveKernel: 1, stride: 1, padBefore: before, padAfter: after, output,
    formula: `${input} - ${before} - ${after} = ${output}`,
  };
}

function inferCrop(block: Crop2DBlock, input: Shape): BlockResult {
  const bad = SIDES.find((s) => !Number.isInteger(block[s]) || block[s] < 0);
  if (bad !== undefined) return failed([invalid(block.id, bad, block[bad])]);
  if (input.length !== 3) return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
  const axes = [cropAxis('height', input[0] as number, block.top, block.bottom), cropAxis('width', input[1] as number, block.left, block.right)];
  const empty = axes.find((a) => a.output < 1);
  if (empty !== undefined) return failed([invalid(block.id, empty.axis === 'height' ? 'bottom' : 'right', empty.axis === 'height' ? block.bottom : block.right)], axes);
  return ok([axes[0]!.output, axes[1]!.output, input[2] as number], { arithmetic: axes });
}

const cropping = (b: Crop2DBlock) => `((${b.top}, ${b.bottom}), (${b.left}, ${b.right}))`;

export const crop2dModule: BlockModule<Crop2DBlock> = {
  kind: 'crop2d',
  schema: z.strictObject({ kind: z.literal('crop2d'), ...base, top: size, bottom: size, left: size, right: size }),
  fields: SIDES.map((name) => ({ name, type: 'int' as const, min: 0, max: 64, default: 1 })),
  arity: 'one',
  idPrefix: 'crop',
  kerasClass: 'Cropping2D',
  infer: (block, [input]) => inferCrop(block, input ?? []),
  receptive: CROP_FIELD,
  describe: (b) => `↑${b.top} ↓${b.bottom} ←${b.left} →${b.right}`,
  pytorch: {
    emit({ block, analysis, name, xs }) {
      const [h, w] = analysis.outputShape ?? [0, 0];
      const rows = `${block.top}:${block.top + (h as number)}`;
      const cols = `${block.left}:${block.left + (w as number)}`;
      return { modules: [], forward: [`${name} = ${xs[0] as string}[:, :, ${rows}, ${cols}]`] };
    },
  },
  onnx(c) {
    const { block, graph } = c;
    const [h, w] = c.analysis.outputShape ?? [0, 0];
    const starts = graph.int64s(`${c.out}/starts`, [block.top, block.left]);
    const ends = graph.int64s(`${c.out}/ends`, [block.top + (h as number), block.left + (w as number)]);
    const axes = graph.int64s(`${c.out}/axes`, [2, 3]);
    return graph.node('Slice', [c.inputs[0] as string, starts, ends, axes], [], c.out);
  },
  keras: { lines: ({ block, name, xs }) => kerasLayer(name, `layers.Cropping2D(${cropping(block)}, name=${pyString(block.id)})`, xs[0] as string) },
};
