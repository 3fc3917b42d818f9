// The network as plain data. Every block carries an explicit `kind`; the graph is a DAG in which each
// block names the blocks it reads from (`inputs`), so chains, residual adds and concats share one shape.

export type Shape = readonly number[]; // without the batch dimension, e.g. [28, 28, 1] or [120]

/** 'valid' = no padding, 'same' = output size ceil(in / stride), a number = explicit zero padding P per side. */
export type Padding = 'valid' | 'same' | number;

export type ActivationFn = 'relu' | 'sigmoid' | 'tanh' | 'linear';

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
  readonly kernel: number;
  readonly stride: number;
  readonly padding: Padding;
}

export interface ActivationBlock extends BlockBase {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
}

export interface Pool2DBlock extends BlockBase {
  readonly kind: 'maxpool2d' | 'avgpool2d';
  readonly size: number;
  readonly stride: number;
  readonly padding: Padding;
}

export interface FlattenBlock extends BlockBase {
  readonly kind: 'flatten';
}

export interface DenseBlock extends BlockBase {
  readonly kind: 'dense';
  readonly units: number;
}

/** The classifier head: a dense layer with as many units as the dataset has classes, then softmax. */
export interface SoftmaxOutputBlock extends BlockBase {
  readonly kind: 'softmax';
}

export type BlockSpec =
  | InputBlock
  | Conv2DBlock
  | ActivationBlock
  | Pool2DBlock
  | FlattenBlock
  | DenseBlock
  | SoftmaxOutputBlock;

export type BlockKind = BlockSpec['kind'];

export interface ModelSpec {
  readonly blocks: readonly BlockSpec[];
}

/** What the model core needs to know of the data: the input shape and the number of classes. */
export interface DataShape {
  readonly inputShape: Shape;
  readonly numClasses: number;
}
