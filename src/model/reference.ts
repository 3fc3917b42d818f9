// Full-size reference architectures, to study rather than to train here (far too large for a browser):
// their block-by-block shapes, parameters and multiply-adds. Each follows one reference implementation
// exactly, so its totals equal that implementation's published figures (pinned in reference.test.ts):
// torchvision for AlexNet, ResNet-18 and GoogLeNet, Keras Applications for VGG-16 and ResNet-50.
import {
  activation, avgPool2d, batchNorm, chain, conv2d, dense, dropout, flatten, globalAvgPool, input, maxPool2d, network,
  softmax, add, type BlockDraft, type NetworkBuilder,
} from './dsl';
import { inceptionModule, type InceptionWidths } from './presetNets';
import type { ModelSpec } from './spec';

const relu = activation('relu');

/**
 * LeNet-5 on its 32x32 input (LeCun et al. 1998) with tanh and average pooling, and two simplifications
 * every modern re-implementation makes (e.g. d2l.ai): C3 connects to all six maps instead of the paper's
 * partial table, and the RBF output is a softmax layer. 61,706 parameters (the paper's ~60,000).
 */
export function lenet5Classic(): ModelSpec {
  const tanh = activation('tanh');
  return chain(
    input(), conv2d(6, 5), tanh, avgPool2d(2), conv2d(16, 5), tanh, avgPool2d(2), conv2d(120, 5), tanh,
    flatten(), dense(84), tanh, softmax(),
  );
}

/**
 * AlexNet as in torchvision (the one-GPU variant of "One weird trick", Krizhevsky 2014): 64-192-384-256-256
 * filters. On a 227x227 input with no padding the first layer gives 55x55, as torchvision's 224 + 2 padding
 * does. 61,100,840 parameters, 0.714 G multiply-adds.
 */
export function alexnet(): ModelSpec {
  const pool = maxPool2d(3, { stride: 2 });
  return chain(
    input(),
    conv2d(64, 11, { stride: 4, activation: 'relu' }), pool,
    conv2d(192, 5, { padding: 2, activation: 'relu' }), pool,
    conv2d(384, 3, { padding: 1, activation: 'relu' }),
    conv2d(256, 3, { padding: 1, activation: 'relu' }),
    conv2d(256, 3, { padding: 1, activation: 'relu' }), pool,
    flatten(), dropout(0.5), dense(4096, { activation: 'relu' }), dropout(0.5), dense(4096, { activation: 'relu' }),
    softmax(),
  );
}

/** VGG-16 as in Keras Applications (include_top): 13 3x3 convolutions, 3 dense layers. 138,357,544 parameters. */
export function vgg16(): ModelSpec {
  const convs = (filters: number, count: number): BlockDraft[] => [
    ...Array.from({ length: count }, () => conv2d(filters, 3, { padding: 'same', activation: 'relu' })),
    maxPool2d(2),
  ];
  return chain(
    input(), ...convs(64, 2), ...convs(128, 2), ...convs(256, 3), ...convs(512, 3), ...convs(512, 3),
    flatten(), dense(4096, { activation: 'relu' }), dense(4096, { activation: 'relu' }), softmax(),
  );
}

/** torchvision's BatchNorm2d defaults, in Keras terms (momentum 0.1 there is 0.9 here). */
const torchBn = (): BlockDraft => batchNorm({ momentum: 0.9, epsilon: 1e-5 });

function basicBlock(n: NetworkBuilder, x: string, filters: number, stride: number): string {
  const main = n.seq(x,
    conv2d(filters, 3, { stride, padding: 1, useBias: false }), torchBn(), relu,
    conv2d(filters, 3, { padding: 1, useBias: false }), torchBn());
  const shortcut = stride === 1 ? x : n.seq(x, conv2d(filters, 1, { stride, useBias: false }), torchBn());
  return n.seq(n.node(add(), main, shortcut), relu);
}

/** ResNet-18 as in torchvision: 11,689,512 parameters (torchvision counts BN's gamma and beta, not its statistics). */
export function resnet18(): ModelSpec {
  return network((n) => {
    let x = n.seq(null, input(), conv2d(64, 7, { stride: 2, padding: 3, useBias: false }), torchBn(), relu,
      maxPool2d(3, { stride: 2, padding: 1 }));
    for (const [filters, stride] of [[64, 1], [128, 2], [256, 2], [512, 2]] as const) {
      x = basicBlock(n, x, filters, stride);
      x = basicBlock(n, x, filters, 1);
    }
    n.seq(x, globalAvgPool(), softmax());
  });
}

/** Keras's ResNet50 bottleneck (v1: the stride sits on the first 1x1; convolutions keep their bias). */
function bottleneck(n: NetworkBuilder, x: string, filters: number, stride: number, project: boolean): string {
  const bn = () => batchNorm({ epsilon: 1.001e-5 });
  const shortcut = project ? n.seq(x, conv2d(4 * filters, 1, { stride }), bn()) : x;
  const main = n.seq(x,
    conv2d(filters, 1, { stride }), bn(), relu,
    conv2d(filters, 3, { padding: 'same' }), bn(), relu,
    conv2d(4 * filters, 1), bn());
  return n.seq(n.node(add(), shortcut, main), relu);
}

/**
 * ResNet-50 as in Keras Applications: 25,636,712 parameters (53,120 of them BN statistics). Its
 * convolutions keep their bias before batch norm, so the core's bias warning applies to them.
 */
export function resnet50(): ModelSpec {
  return network((n) => {
    let x = n.seq(null, input(), conv2d(64, 7, { stride: 2, padding: 3 }), batchNorm({ epsilon: 1.001e-5 }), relu,
      maxPool2d(3, { stride: 2, padding: 1 }));
    for (const [filters, blocks, stride] of [[64, 3, 1], [128, 4, 2], [256, 6, 2], [512, 3, 2]] as const) {
      for (let i = 0; i < blocks; i++) x = bottleneck(n, x, filters, i === 0 ? stride : 1, i === 0);
    }
    n.seq(x, globalAvgPool(), softmax());
  });
}

/**
 * GoogLeNet as in torchvision (Inception v1 with batch norm, without the auxiliary classifiers): every
 * convolution is conv (no bias) + BN + ReLU, ceil-mode pooling is 'same' pooling here, and the "5x5"
 * branch uses 3x3 kernels, a slip torchvision keeps for its weights. 6,624,904 parameters, 1.50 G
 * multiply-adds.
 */
export function googlenet(): ModelSpec {
  const unit = (f: number, k: number): BlockDraft[] => [
    conv2d(f, k, { padding: k === 1 ? 'valid' : 'same', useBias: false }), batchNorm({ epsilon: 1e-3 }), relu,
  ];
  const pool = (size = 3) => maxPool2d(size, { stride: 2, padding: 'same' });
  const w = (b1: number, r3: number, b3: number, r5: number, b5: number, p: number): InceptionWidths =>
    ({ b1, r3, b3, r5, b5, pool: p });
  return network((n) => {
    let x = n.seq(null, input(), conv2d(64, 7, { stride: 2, padding: 3, useBias: false }), batchNorm({ epsilon: 1e-3 }), relu,
      pool(), ...unit(64, 1), ...unit(192, 3), pool());
    const stages: (InceptionWidths | 'pool')[] = [
      w(64, 96, 128, 16, 32, 32), w(128, 128, 192, 32, 96, 64), 'pool',
      w(192, 96, 208, 16, 48, 64), w(160, 112, 224, 24, 64, 64), w(128, 128, 256, 24, 64, 64),
      w(112, 144, 288, 32, 64, 64), w(256, 160, 320, 32, 128, 128), 'pool',
      w(256, 160, 320, 32, 128, 128), w(384, 192, 384, 48, 128, 128),
    ];
    let pools = 0;
    for (const stage of stages) {
      x = stage === 'pool' ? n.seq(x, pool(pools++ === 0 ? 3 : 2)) : inceptionModule(n, x, stage, unit, 3);
    }
    n.seq(x, globalAvgPool(), dropout(0.2), softmax());
  });
}
