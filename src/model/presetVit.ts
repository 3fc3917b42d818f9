// A vision transformer small enough to train in a browser (Dosovitskiy et al. 2021, "ViT-Tiny" widths at
// MNIST size): 4×4 patches make 49 tokens of width 64, a class token and learned position embeddings are
// added, then 4 pre-norm transformer layers (layer norm, 4-head self-attention, residual add; layer norm,
// MLP with GELU, residual add), a last layer norm, and the class token into the softmax head.
import { network, softmax, type BlockDraft, type NetworkBuilder } from './dsl';
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
