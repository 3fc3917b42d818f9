// A vision transformer small enough to train in a browser (Dosovitskiy et al. 2021, "ViT-Tiny" widths at
// MNIST size): 4×4 patches make 49 tokens of width 64, a class token and learned position embeddings are
// added, then 4 pre-norm transformer layers (layer norm, 4-head self-attention, residual add; layer norm,
// MLP with GELU, residual add), a last layer norm, and the class token into the softmax head.
import { activation, batchNorm, conv2d, globalAvgPool, input, maxPool2d, network, softmax, type BlockDraft, type NetworkBuilder } from './dsl';
import { residualBlock } from './presetNets';
import type { ModelSpec } from './spec';

export interface VitSize {
  readonly patch: number;
  readonly width: number;
  readonly heads: number;
  readonly layers: number;
  readonly hidden: number;
}

export const VIT_TINY: VitSize = { patch: 4, width: 64, heads: 4, layers: 4, hidden: 128 };

const layerNorm = (): BlockDraft => ({ kind: 'layernorm' });

/** One pre-norm transformer layer: x + attention(norm(x)), then x + mlp(norm(x)). */
export function transformerLayer(n: NetworkBuilder, x: string, size: VitSize): string {
  const attended = n.node({ kind: 'add' }, x, n.seq(x, layerNorm(), { kind: 'attention', heads: size.heads }));
  return n.node({ kind: 'add' }, attended, n.seq(attended, layerNorm(), { kind: 'mlp', hidden: size.hidden }));
}

export function vitTiny(size: VitSize = VIT_TINY): ModelSpec {
  return network((n) => {
    let x = n.seq(null, { kind: 'input' }, { kind: 'patchembed', patch: size.patch, width: size.width }, { kind: 'classtoken' }, { kind: 'posembed' });
    for (let i = 0; i < size.layers; i++) x = transformerLayer(n, x, size);
    n.seq(x, layerNorm(), { kind: 'tokenpool', pool: 'class' }, softmax());
  });
}

/**
 * A hybrid (Dosovitskiy et al. 2021, section 3.1): a convolution stem makes the feature map, and the
 * patches are cut from it instead of from the pixels (2×2 patches of a half-size map: the same number of
 * tokens as ViT-tiny's 4×4 pixel patches), then the same transformer.
 */
export function vitHybrid(size: VitSize = VIT_TINY): ModelSpec {
  return network((n) => {
    let x = n.seq(null, { kind: 'input' }, conv2d(32, 3, { padding: 'same', activation: 'relu' }), maxPool2d(2),
      { kind: 'patchembed', patch: size.patch / 2, width: size.width }, { kind: 'classtoken' }, { kind: 'posembed' });
    for (let i = 0; i < size.layers; i++) x = transformerLayer(n, x, size);
    n.seq(x, layerNorm(), { kind: 'tokenpool', pool: 'class' }, softmax());
  });
}

/**
 * The ResNet-style network of presetNets.ts widened to ViT-tiny's size (about 141 thousand parameters
 * against its 139 to 142 thousand): the convolutional side of the ViT-against-ResNet comparison.
 */
export function resnetVitSize(): ModelSpec {
  return network((n) => {
    let x = n.seq(null, input(), conv2d(24, 3, { padding: 'same', useBias: false }), batchNorm(), activation('relu'), maxPool2d(2));
    x = residualBlock(n, x, 24, 1, false);
    x = residualBlock(n, x, 48, 2, true);
    x = residualBlock(n, x, 80, 2, true);
    n.seq(x, globalAvgPool(), softmax());
  });
}
