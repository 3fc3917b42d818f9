// What a network costs, computed on demand from its analysis: multiply-adds per example, activation
// memory per example, and each block's receptive field. Multiply-adds count the convolution and dense
// (incl. softmax head) layers only, one per weight use, as the published figures of torchvision and Keras
// Applications do (e.g. ResNet-18 1.81 G); pooling, batch norm and activations are comparatively free.
import type { ModelAnalysis } from './analysis';
import { blocksById } from './graph';
import { countElements } from './issues';
import { effectiveKernel, pair } from './size2';
import type { BlockSpec, DataShape, ModelSpec, Shape } from './spec';

export interface ReceptiveField {
  /** How many input pixels (height, width) one output value can see, padding included (may exceed the image). */
  readonly size: readonly [number, number];
  /** Input pixels between two neighbouring output values (the product of the strides so far). */
  readonly jump: readonly [number, number];
  /** True when the field spans the whole input image. */
  readonly wholeInput: boolean;
}

export interface BlockCost {
  readonly id: string;
  /** Multiply-adds for one example. */
  readonly macs: number;
  /** Numbers in the block's output for one example, and the bytes they take as float32. */
  readonly activations: number;
  readonly bytes: number;
  /** null for blocks without a shape, or on inputs without height and width. */
  readonly receptiveField: ReceptiveField | null;
}

export interface ModelCost {
  /** In the analysis' (topological) order. */
  readonly blocks: readonly BlockCost[];
  readonly totals: {
    readonly macs: number;
    /** Every block's output, the input included: what a forward pass keeps for backpropagation. */
    readonly activations: number;
    readonly activationBytes: number;
    /** All weights as float32. */
    readonly paramBytes: number;
  };
}

interface Field {
  readonly r: readonly [number, number];
  readonly j: readonly [number, number];
  /** Height and width of the tensor, or of the image a flattened vector came from; [1, 1] once mixed. */
  readonly grid: readonly [number, number];
}

const BYTES = 4;

export function measureModel(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape): ModelCost {
  const specs = blocksById(spec);
  const shapes = new Map(analysis.blocks.map((b) => [b.id, b.outputShape]));
  const fields = new Map<string, Field | null>();
  const blocks: BlockCost[] = [];
  const [imageH, imageW] = Array.isArray(data?.inputShape) ? data.inputShape : [];
  for (const info of analysis.blocks) {
    const block = specs.get(info.id);
    const out = info.outputShape;
    if (block === undefined || out === null) {
      fields.set(info.id, null);
      blocks.push({ id: info.id, macs: 0, activations: 0, bytes: 0, receptiveField: null });
      continue;
    }
    const inputs = block.inputs.map((i) => shapes.get(i) ?? null);
    const field = nextField(block, block.inputs.map((i) => fields.get(i) ?? null), inputs[0] ?? null, out);
    fields.set(info.id, field);
    const activations = countElements(out);
    const receptiveField = field === null || imageH === undefined || imageW === undefined || data.inputShape.length !== 3 ? null : {
      // Beyond the image there is only padding: a field wider than the image sees the whole image, no more.
      size: [Math.min(field.r[0], imageH), Math.min(field.r[1], imageW)] as const, jump: field.j,
      wholeInput: field.r[0] >= imageH && field.r[1] >= imageW,
    };
    blocks.push({ id: info.id, macs: macsOf(block, inputs[0] ?? null, out), activations, bytes: activations * BYTES, receptiveField });
  }
  const sum = (f: (b: BlockCost) => number) => blocks.reduce((n, b) => n + f(b), 0);
  const params = analysis.totals.trainable + analysis.totals.nonTrainable;
  return {
    blocks,
    totals: { macs: sum((b) => b.macs), activations: sum((b) => b.activations), activationBytes: sum((b) => b.bytes), paramBytes: params * BYTES },
  };
}

function macsOf(block: BlockSpec, input: Shape | null, out: Shape): number {
  if (input === null) return 0;
  switch (block.kind) {
    case 'conv2d': {
      const [kh, kw] = pair(block.kernel);
      return countElements(out) * kh * kw * (input[2] ?? 0);
    }
    case 'dense':
    case 'softmax':
      return (input[0] ?? 0) * (out[0] ?? 0);
    default:
      return 0;
  }
}

/** Receptive-field recurrence: r_out = r_in + (k_eff - 1) * j_in, j_out = j_in * stride, per axis. */
function nextField(block: BlockSpec, ins: readonly (Field | null)[], input: Shape | null, out: Shape): Field | null {
  const grid = (s: Shape): [number, number] => (s.length === 3 ? [s[0] as number, s[1] as number] : [1, 1]);
  if (block.kind === 'input') return out.length === 3 ? { r: [1, 1], j: [1, 1], grid: grid(out) } : null;
  const f = ins[0];
  if (f == null || ins.some((i) => i === null)) return null;
  const axes = [0, 1] as const;
  switch (block.kind) {
    case 'conv2d':
    case 'maxpool2d':
    case 'avgpool2d': {
      const k = pair(block.kind === 'conv2d' ? block.kernel : block.size);
      const d = pair(block.kind === 'conv2d' ? (block.dilation ?? 1) : 1);
      const s = pair(block.stride);
      const r = axes.map((a) => f.r[a] + (effectiveKernel(k[a], d[a]) - 1) * f.j[a]) as [number, number];
      return { r, j: axes.map((a) => f.j[a] * s[a]) as [number, number], grid: grid(out) };
    }
    case 'globalavgpool':
    case 'globalmaxpool':
    case 'dense':
    case 'softmax': {
      // Every output value mixes the whole grid the input still has.
      const r = axes.map((a) => f.r[a] + (f.grid[a] - 1) * f.j[a]) as [number, number];
      return { r, j: axes.map((a) => f.j[a] * f.grid[a]) as [number, number], grid: [1, 1] };
    }
    case 'add':
    case 'concat': {
      const all = ins as Field[];
      const max = (pick: (x: Field) => readonly [number, number], a: 0 | 1) => Math.max(...all.map((x) => pick(x)[a]));
      return { r: [max((x) => x.r, 0), max((x) => x.r, 1)], j: [max((x) => x.j, 0), max((x) => x.j, 1)], grid: f.grid };
    }
    default:
      // Element-wise kinds and flatten: a flattened vector keeps the grid it came from.
      return { ...f, grid: input !== null && input.length === 3 ? grid(input) : f.grid };
  }
}
