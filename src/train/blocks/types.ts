// The worker side of a block kind: the tfjs layers it becomes and how probes read it, found by the same
// `kind` as its pure module (src/blocks/). src/train/blocks/registry.ts lists them; buildModel and the
// probes read them through it and never switch on a kind.
import type * as tf from '@tensorflow/tfjs';
import type { DataShape } from '../../model/spec';
import type { BlockLayers } from '../builtModel';
import type { DropoutClock } from '../dropoutLayer';

export type Symbolic = tf.SymbolicTensor;

export interface BuildContext {
  /** This block's seed, from the run seed and the block id (layerSeed). */
  readonly seed: number;
  /** Whether every input of the block is the model's input (the image: nothing before it learns). */
  readonly onInput: boolean;
  readonly clock: DropoutClock;
  readonly data: DataShape;
  /** Applies a layer and records it as one of the block's layers, in order. */
  apply(layer: tf.layers.Layer, x: Symbolic | Symbolic[]): Symbolic;
}

export interface WorkerBlock<B extends { readonly kind: string; readonly id: string }> {
  readonly kind: B['kind'];
  /**
   * The block's output from its inputs' symbolic tensors, through ctx.apply. Layers are named after the
   * block id; helper layers `<id>/...` (explicit padding, a separate leaky ReLU, the softmax after the
   * class scores). Which layer is which is recorded in the block map, never read back from names.
   */
  build(block: B, xs: readonly Symbolic[], ctx: BuildContext): Symbolic;
  /** The first weight of its first layer with weights is a kernel (conv, dense): filters and weight views. */
  readonly hasKernel?: boolean;
  /** Its kernel is shown as filters (convolutions: a grid of small images per output channel). */
  readonly filters?: boolean;
  /** Its kernel in a convolution's [kh, kw, in, out] order for the filters, where it is kept otherwise. */
  readonly filterKernel?: (kernel: tf.Tensor) => tf.Tensor;
  /** Grad-CAM may explain its spatial output (convolutions and what follows them element-wise). */
  readonly cam?: boolean;
  /** Self-attention: its attention weights [B, heads, N, N] for its input tokens (the attention-map probe). */
  readonly attentionOf?: (block: BlockLayers, input: tf.Tensor) => tf.Tensor | null;
  /** Learned position embeddings: the table [N, D] (the position-similarity probe). */
  readonly positionTable?: (block: BlockLayers) => tf.Tensor | null;
  /** Patch embedding: the grid of patches its tokens come from, row by row. */
  readonly tokenGrid?: (block: BlockLayers) => { readonly rows: number; readonly cols: number } | null;
  /** The output head: which of its layers (by position) gives the class scores before the softmax. */
  readonly scoresLayer?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWorkerBlock = WorkerBlock<any>;
