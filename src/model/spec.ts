// The network as plain data. Every block carries an explicit `kind`; the graph is a DAG in which each
// block names the blocks it reads from (`inputs`), so chains, residual adds and concats share one shape.

export type Shape = readonly number[]; // without the batch dimension, e.g. [28, 28, 1] or [120]

/** 'valid' = no padding, 'same' = output size ceil(in / stride), a number = explicit zero padding P per side. */
export type Padding = 'valid' | 'same' | number;

export type ActivationFn = 'relu' | 'leakyRelu' | 'elu' | 'sigmoid' | 'tanh' | 'linear';

/** A size that may differ per axis: a number means the same for height and width, a pair is [height, width]. */
export type Size2 = number | readonly [number, number];

/**
 * Weight initialisers, including deliberately bad ones for teaching (cs231n lecture 6): all zeros breaks
 * symmetry never; a large normal (std 1) saturates sigmoids and explodes activations.
 */
export type InitName = 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'lecunNormal' | 'zeros' | 'largeNormal';

interface BlockBase {
  readonly id: string;
  /** Ids of the blocks whose outputs feed this one, in order. Empty only for `input`. */
  readonly inputs: readonly string[];
}

export interface InputBlock extends BlockBase {
  readonly kind: 'input';
}

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

export interface ActivationBlock extends BlockBase {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
  /** Slope for leakyRelu (default 0.01) or alpha for elu (default 1). */
  readonly alpha?: number;
}

export interface Pool2DBlock extends BlockBase {
  readonly kind: 'maxpool2d' | 'avgpool2d';
  readonly size: Size2;
  readonly stride: Size2;
  readonly padding: Padding;
}

/** Global average / max pooling: H x W x C -> C. */
export interface GlobalPoolBlock extends BlockBase {
  readonly kind: 'globalavgpool' | 'globalmaxpool';
}

export interface DropoutBlock extends BlockBase {
  readonly kind: 'dropout';
  /** Fraction of units dropped while training, 0 <= rate < 1. */
  readonly rate: number;
}

export interface BatchNormBlock extends BlockBase {
  readonly kind: 'batchnorm';
  /** Default 0.99 (Keras). */
  readonly momentum?: number;
  /** Default 1e-3 (Keras). */
  readonly epsilon?: number;
}

/** Element-wise sum of two or more inputs of identical shape (residual connections). */
export interface AddBlock extends BlockBase {
  readonly kind: 'add';
}

/** Concatenation of two or more inputs along the channel (last) axis; other dimensions must agree. */
export interface ConcatBlock extends BlockBase {
  readonly kind: 'concat';
}

export interface FlattenBlock extends BlockBase {
  readonly kind: 'flatten';
}

export interface DenseBlock extends BlockBase {
  readonly kind: 'dense';
  readonly units: number;
  /** Default true. */
  readonly useBias?: boolean;
  /** A fused activation; default 'linear' (none). */
  readonly activation?: ActivationFn;
  /** Default 'glorotUniform'. */
  readonly init?: InitName;
}

/** The classifier head: a dense layer with as many units as the dataset has classes, then softmax. */
export interface SoftmaxOutputBlock extends BlockBase {
  readonly kind: 'softmax';
  /** Default 'glorotUniform'. */
  readonly init?: InitName;
}

export type BlockSpec =
  | InputBlock
  | Conv2DBlock
  | ActivationBlock
  | Pool2DBlock
  | GlobalPoolBlock
  | DropoutBlock
  | BatchNormBlock
  | AddBlock
  | ConcatBlock
  | FlattenBlock
  | DenseBlock
  | SoftmaxOutputBlock;

export type BlockKind = BlockSpec['kind'];

export interface ModelSpec {
  readonly blocks: readonly BlockSpec[];
  /** Canvas positions for the graph editor, by block id; absent blocks are laid out automatically. */
  readonly layout?: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
}

/** What the model core needs to know of the data: the input shape and the number of classes. */
export interface DataShape {
  readonly inputShape: Shape;
  readonly numClasses: number;
}
