// Trainable networks in the style of the classic architectures, scaled down so that they train in a
// browser on MNIST (28x28x1) or CIFAR-10 (32x32x3). Each keeps the idea that made its original famous:
// AlexNet's large first kernels and dropout-regularised dense head, VGG's stacks of 3x3 convolutions,
// ResNet's residual blocks with batch norm and projection shortcuts, Inception's parallel 1x1 / 3x3 / 5x5
// branches with 1x1 reductions joined by concatenation.
import {
  activation, add, batchNorm, chain, concat, conv2d, dense, dropout, flatten, globalAvgPool, input, maxPool2d,
  network, softmax, type BlockDraft, type NetworkBuilder,
} from './dsl';
import type { ModelSpec } from './spec';

const relu = activation('relu');

/**
 * AlexNet's shape for 32x32 images: a strided first convolution with a large kernel, overlapping 3/2
 * pooling, three 3x3 convolutions, and a dense head regularised by dropout. About 7 M multiply-adds.
 */
export function alexnetStyle(): ModelSpec {
  const pool = maxPool2d(3, { stride: 2, padding: 'same' });
  return chain(
    input(),
    conv2d(32, 5, { stride: 2, padding: 'same', activation: 'relu' }), pool,
    conv2d(64, 5, { padding: 'same', activation: 'relu' }), pool,
    conv2d(96, 3, { padding: 'same', activation: 'relu' }),
    conv2d(96, 3, { padding: 'same', activation: 'relu' }),
    conv2d(64, 3, { padding: 'same', activation: 'relu' }), pool,
    flatten(),
    dense(256, { activation: 'relu' }), dropout(0.5),
    dense(128, { activation: 'relu' }), dropout(0.5),
    softmax(),
  );
}

/** VGG's recipe: blocks of two 3x3 convolutions (a 5x5 view with fewer weights), then halve the size. */
export function vggStyle(): ModelSpec {
  const block = (filters: number) => [
    conv2d(filters, 3, { padding: 'same', activation: 'relu' }),
    conv2d(filters, 3, { padding: 'same', activation: 'relu' }),
    maxPool2d(2),
  ];
  return chain(input(), ...block(16), ...block(32), ...block(64), flatten(), dense(128, { activation: 'relu' }), dropout(0.5), softmax());
}

/**
 * A residual block as in ResNet-18: conv-BN-ReLU-conv-BN plus the shortcut, then ReLU. Where the size or
 * the width changes, the shortcut is a 1x1 convolution with the same stride (a projection) and BN.
 * Convolutions before batch norm have no bias (batch norm's beta takes its place).
 */
export function residualBlock(n: NetworkBuilder, x: string, filters: number, stride: number, project: boolean): string {
  const main = n.seq(x,
    conv2d(filters, 3, { stride, padding: stride === 1 ? 'same' : 1, useBias: false }), batchNorm(), relu,
    conv2d(filters, 3, { padding: 'same', useBias: false }), batchNorm());
  const shortcut = project ? n.seq(x, conv2d(filters, 1, { stride, useBias: false }), batchNorm()) : x;
  return n.seq(n.node(add(), main, shortcut), relu);
}

/**
 * A small ResNet for CIFAR-10: a stem that halves the image (as ResNet's 7x7 / max-pool stem does, and
 * to keep batch norm affordable on wasm), three stages of 16, 32, 64 channels, global pooling, softmax.
 */
export function resnetStyle(): ModelSpec {
  return network((n) => {
    let x = n.seq(null, input(), conv2d(16, 3, { padding: 'same', useBias: false }), batchNorm(), relu, maxPool2d(2));
    x = residualBlock(n, x, 16, 1, false);
    x = residualBlock(n, x, 32, 2, true);
    x = residualBlock(n, x, 64, 2, true);
    n.seq(x, globalAvgPool(), softmax());
  });
}

/** Inception's branch widths: 1x1, 1x1 -> 3x3, 1x1 -> 5x5, 3x3 max pool -> 1x1. */
export interface InceptionWidths {
  readonly b1: number;
  readonly r3: number;
  readonly b3: number;
  readonly r5: number;
  readonly b5: number;
  readonly pool: number;
}

/** Four parallel branches joined along the channels; `k5` is the big branch's kernel (torchvision uses 3). */
export function inceptionModule(n: NetworkBuilder, x: string, w: InceptionWidths, unit: (f: number, k: number) => BlockDraft[], k5 = 5): string {
  const b1 = n.seq(x, ...unit(w.b1, 1));
  const b3 = n.seq(x, ...unit(w.r3, 1), ...unit(w.b3, 3));
  const b5 = n.seq(x, ...unit(w.r5, 1), ...unit(w.b5, k5));
  const bp = n.seq(x, maxPool2d(3, { stride: 1, padding: 'same' }), ...unit(w.pool, 1));
  return n.node(concat(), b1, b3, b5, bp);
}

/** Two Inception modules on a small stem, global pooling, softmax: GoogLeNet's ideas at CIFAR size. */
export function inceptionStyle(): ModelSpec {
  const unit = (f: number, k: number) => [conv2d(f, k, { padding: 'same', activation: 'relu' })];
  return network((n) => {
    let x = n.seq(null, input(), conv2d(32, 3, { padding: 'same', activation: 'relu' }), maxPool2d(2));
    x = inceptionModule(n, x, { b1: 16, r3: 16, b3: 24, r5: 4, b5: 8, pool: 8 }, unit);
    x = n.seq(x, maxPool2d(2));
    x = inceptionModule(n, x, { b1: 32, r3: 24, b3: 48, r5: 8, b5: 16, pool: 16 }, unit);
    n.seq(x, globalAvgPool(), dropout(0.3), softmax());
  });
}

/**
 * The fast CIFAR-10 net: three 3x3 conv + ReLU stages (16, 32, 64 channels) each halving the image, then a
 * small dense head; about 2.9 M multiply-adds per image. Batch norm is left out on purpose: on wasm its
 * training-mode statistics and gradients cost more than these convolutions (measured in Node: 31 images/s
 * with batch norm after each convolution, 92 without), and more epochs in ten minutes beat the faster
 * convergence per epoch. The ResNet-style preset shows batch norm.
 */
export function cifarSmall(): ModelSpec {
  const stage = (filters: number) => [conv2d(filters, 3, { padding: 'same', activation: 'relu', init: 'heNormal' }), maxPool2d(2)];
  return chain(input(), ...stage(16), ...stage(32), ...stage(64), flatten(), dense(128, { activation: 'relu', init: 'heNormal' }), dropout(0.3), softmax());
}

/**
 * The CIFAR-10 net to train with batch norm: five conv-BN-ReLU units in three stages (16; 32, 32; 64, 64
 * channels), each stage ending in 2x2 max pooling, then the classifier on the 4x4x64 map. Every
 * convolution is 3x3 with no bias (batch norm's beta takes its place). Batch norm lets a high learning
 * rate train it in a few epochs; on wasm it costs little since its kernels of our own
 * (src/train/kernels/wasmBatchNormTrain.ts). About 7.5 M multiply-adds per image, 80,634 parameters.
 */
export function cifarBn(): ModelSpec {
  const unit = (filters: number) => [conv2d(filters, 3, { padding: 'same', useBias: false }), batchNorm(), relu];
  return chain(input(), ...unit(16), maxPool2d(2), ...unit(32), ...unit(32), maxPool2d(2), ...unit(64), ...unit(64), maxPool2d(2),
    flatten(), softmax());
}
