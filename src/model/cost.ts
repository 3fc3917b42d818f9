// What a network costs, computed on demand from its analysis: multiply-adds per example, activation
// memory per example, and each block's receptive field, each kind's share from its module (src/blocks/).
// Multiply-adds count the convolution and dense (incl. softmax head) layers only, one per weight use, as the published figures of torchvision and Keras
// Applications do (e.g. ResNet-18 1.81 G); pooling, batch norm and activations are comparatively free.
import { blockModuleOf } from '../blocks/registry';
import type { FieldState } from '../blocks/types';
import type { AxisArithmetic, ModelAnalysis } from './analysis';
import { blocksById } from './graph';
import { countElements } from './issues';
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

type Field = FieldState;

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
    const field = nextField(block, block.inputs.map((i) => fields.get(i) ?? null), info.arithmetic, inputs[0] ?? null, out);
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
  const macs = blockModuleOf(block.kind)?.macs;
  return input === null || macs === undefined ? 0 : macs(block, input, out);
}

/** The block's receptive-field step (its module's), from its inputs' fields; null where it cannot be traced. */
function nextField(block: BlockSpec, ins: readonly (Field | null)[], arithmetic: readonly AxisArithmetic[], input: Shape | null, out: Shape): Field | null {
  const module = blockModuleOf(block.kind);
  if (module === undefined) return null;
  if (module.arity === 'none') return module.receptive.forward([], arithmetic, input, out);
  if (ins.length === 0 || ins.some((i) => i === null)) return null;
  return module.receptive.forward(ins as Field[], arithmetic, input, out);
}
