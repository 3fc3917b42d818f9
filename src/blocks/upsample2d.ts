// Upsampling by a whole factor per axis, nearest (each pixel copied into a scale×scale block) or bilinear
// (half-pixel centres, as PyTorch's align_corners=False and Keras's UpSampling2D). No parameters: the
// decoder of an FCN or U-Net that learns nothing while it grows the maps (a convolution after it learns).
import { z } from 'zod';
import { formatShape, makeIssue } from '../model/issues';
import { failed, invalid } from '../model/windows';
import { isSize2 } from '../model/size2';
import type { AxisArithmetic } from '../model/analysis';
import type { Shape, Size2 } from '../model/spec';
import { ok } from './common/options';
import { kerasTuple, pair, pyString } from './common/python';
import { interpolationMatrix, type Interpolation } from './common/interpolation';
import { upsampleField } from './common/receptive';
import { base, size2 } from './common/schema';
import type { BlockModule, BlockBase, BlockResult, LayerJson } from './types';
import type { OnnxBlockContext } from './common/onnx';

export interface Upsample2DBlock extends BlockBase {
  readonly kind: 'upsample2d';
  readonly scale: Size2;
  /** Default 'nearest'. */
  readonly interpolation?: Interpolation;
}

export const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'bilinear'];

function scaleAxis(axis: AxisArithmetic['axis'], input: number, scale: number): AxisArithmetic {
  const output = input * scale;
  return {
    axis, input, kernel: 1, dilation: 1, effectiveKernel: 1, stride: scale, padBefore: 0, padAfter: 0, output,
    formula: `${input} * ${scale} = ${output}`,
  };
}

function inferUpsample(block: Upsample2DBlock, input: Shape): BlockResult {
  if (!isSize2(block.scale)) return failed([invalid(block.id, 'scale', block.scale)]);
  if (block.interpolation !== undefined && !INTERPOLATIONS.includes(block.interpolation)) {
    return failed([invalid(block.id, 'interpolation', block.interpolation)]);
  }
  if (input.length !== 3) return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
  const [sh, sw] = pair(block.scale);
  const axes = [scaleAxis('height', input[0] as number, sh), scaleAxis('width', input[1] as number, sw)];
  return ok([axes[0]!.output, axes[1]!.output, input[2] as number], { arithmetic: axes });
}

/** out = A_h · x · A_wᵀ on NCHW: MatMul broadcasts the matrices over batch and channels. */
function emitOnnx(c: OnnxBlockContext<Upsample2DBlock>): string {
  const { block, graph } = c;
  const [h, w] = [c.inShape[0] as number, c.inShape[1] as number];
  const [sh, sw] = pair(block.scale);
  const mode = block.interpolation ?? 'nearest';
  const rows = graph.floats(`${c.out}/rows`, [h * sh, h], interpolationMatrix(h, sh, mode));
  const colsT = transposeMatrix(interpolationMatrix(w, sw, mode), w * sw, w);
  const cols = graph.floats(`${c.out}/cols`, [w, w * sw], colsT);
  const wide = graph.node('MatMul', [c.inputs[0] as string, cols]);
  return graph.node('MatMul', [rows, wide], [], c.out);
}

function transposeMatrix(m: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) t[k * rows + r] = m[r * cols + k] as number;
  return t;
}

/** Keras's UpSampling2D; tfjs 4's own reads bilinear at the corners: such a model ships dense-layers.js. */
function standardBilinear(layer: LayerJson): LayerJson {
  const c = layer.config;
  return {
    ...layer,
    class_name: 'UpSampling2D',
    config: { name: c.name, trainable: c.trainable ?? true, size: c.size, data_format: 'channels_last', interpolation: 'bilinear' },
  };
}

export const upsample2dModule: BlockModule<Upsample2DBlock> = {
  kind: 'upsample2d',
  schema: z.strictObject({ kind: z.literal('upsample2d'), ...base, scale: size2, interpolation: z.enum(['nearest', 'bilinear']).optional() }),
  fields: [
    { name: 'scale', type: 'size2', min: 1, max: 8, default: 2 },
    { name: 'interpolation', type: 'enum', options: INTERPOLATIONS, default: 'nearest' },
  ],
  arity: 'one',
  idPrefix: 'up',
  kerasClass: 'UpSampling2D',
  infer: (block, [input]) => inferUpsample(block, input ?? []),
  // Per kind, not per block: the bound bilinear needs (a neighbour read too) serves nearest as well.
  receptive: upsampleField(1),
  describe: (block) => `×${pair(block.scale).join('×')}, ${block.interpolation ?? 'nearest'}`,
  pytorch: {
    emit({ block, analysis, name, xs }) {
      const x = xs[0] as string;
      const [sh, sw] = pair(block.scale);
      if ((block.interpolation ?? 'nearest') === 'nearest') {
        // Whole copies, exact: a float scale_factor would compute the source index as o * (1 / scale).
        return { modules: [], forward: [`${name} = ${x}.repeat_interleave(${sh}, dim=2).repeat_interleave(${sw}, dim=3)`] };
      }
      const [oh, ow] = analysis.outputShape ?? [0, 0];
      return {
        modules: [`self.${name} = nn.Upsample(size=(${oh}, ${ow}), mode="bilinear", align_corners=False)`],
        forward: [`${name} = self.${name}(${x})`],
      };
    },
  },
  onnx: emitOnnx,
  keras: {
    lines: ({ block, name, xs }) => [{
      variable: name, input: xs[0] as string,
      layer: `layers.UpSampling2D(size=${kerasTuple(block.scale)}, interpolation=${pyString(block.interpolation ?? 'nearest')}, name=${pyString(block.id)})`,
    }],
  },
  tfjsLayers: { CnnPlaygroundBilinearUpSampling2D: standardBilinear },
};
