// The network as plain data. Every block carries an explicit `kind`; the graph is a DAG in which each
// block names the blocks it reads from (`inputs`), so chains, residual adds and concats share one shape.
import type { RegisteredBlock } from '../blocks/registry';
import type { StoredTraining } from './blockTraining';

/**
 * Without the batch dimension: an image [H, W, C] (e.g. [28, 28, 1]), a sequence of N tokens of width D
 * [N, D] (e.g. [49, 64], what a patch embedding makes of an image), or a vector [units] (e.g. [120]).
 */
export type Shape = readonly number[];

export type ShapeKind = 'image' | 'tokens' | 'vector';

/** What a shape holds, read off its rank: the three kinds of value that flow between blocks. */
export function shapeKind(shape: Shape): ShapeKind {
  if (shape.length === 2) return 'tokens';
  return shape.length === 1 ? 'vector' : 'image';
}

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

// Each kind's block type lives in its module (src/blocks/<kind>.ts); the union is whatever is registered.
export type { InputBlock } from '../blocks/input';
export type { Conv2DBlock } from '../blocks/conv2d';
export type { ConvTranspose2DBlock } from '../blocks/convTranspose2d';
export type { Upsample2DBlock } from '../blocks/upsample2d';
export type { Crop2DBlock } from '../blocks/crop2d';
export type { ActivationBlock } from '../blocks/activation';
export type { Pool2DBlock } from '../blocks/pool2d';
export type { GlobalPoolBlock } from '../blocks/globalPool';
export type { DropoutBlock } from '../blocks/dropout';
export type { BatchNormBlock } from '../blocks/batchnorm';
export type { AddBlock, ConcatBlock } from '../blocks/merge';
export type { FlattenBlock } from '../blocks/flatten';
export type { DenseBlock } from '../blocks/dense';
export type { SoftmaxOutputBlock } from '../blocks/softmax';
export type { PatchEmbedBlock } from '../blocks/patchEmbed';
export type { ClassTokenBlock, PosEmbedBlock } from '../blocks/tokenEmbed';
export type { LayerNormBlock } from '../blocks/layerNorm';
export type { AttentionBlock } from '../blocks/attention';
export type { MlpBlock } from '../blocks/mlp';
export type { TokenPoolBlock } from '../blocks/tokenPool';

export type BlockSpec = RegisteredBlock;

export type BlockKind = BlockSpec['kind'];

export interface ModelSpec {
  readonly blocks: readonly BlockSpec[];
  /** Canvas positions for the graph editor, by block id; absent blocks are laid out automatically. */
  readonly layout?: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
  /** Blocks that are frozen or have their own learning-rate multiplier, by id; absent = trainable (blockTraining.ts). */
  readonly training?: Readonly<Record<string, StoredTraining>>;
}

/** What the model core needs to know of the data: the input shape and the number of classes. */
export interface DataShape {
  readonly inputShape: Shape;
  readonly numClasses: number;
}
