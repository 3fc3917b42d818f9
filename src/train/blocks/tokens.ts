// The vision-transformer kinds as tfjs layers: the patch embedding is a standard convolution (kernel =
// stride = patch) and a Reshape into row-ordered tokens; the others are the
// playground's layers (vit/vitLayers.ts).
import * as tf from '@tensorflow/tfjs';
import type { AttentionBlock } from '../../blocks/attention';
import { LAYER_NORM_EPSILON, type LayerNormBlock } from '../../blocks/layerNorm';
import type { MlpBlock } from '../../blocks/mlp';
import { patchTokensLayerName, type PatchEmbedBlock } from '../../blocks/patchEmbed';
import type { ClassTokenBlock, PosEmbedBlock } from '../../blocks/tokenEmbed';
import type { TokenPoolBlock } from '../../blocks/tokenPool';
import { unfuseInputConv } from '../inputConv';
import { ClassToken, LayerNorm, PositionEmbedding, SelfAttentionLayer, TokenMlp, TokenPool } from '../vit/vitLayers';
import { first } from './common';
import type { WorkerBlock } from './types';
import { attend } from '../vit/ops';

export const patchEmbedWorker: WorkerBlock<PatchEmbedBlock> = {
  kind: 'patchembed',
  hasKernel: true,
  filters: true,
  build(block, [x], ctx) {
    const conv = tf.layers.conv2d({
      name: block.id, filters: block.width, kernelSize: block.patch, strides: block.patch, padding: 'valid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: ctx.seed }),
    });
    if (ctx.onInput) unfuseInputConv(conv);
    const map = ctx.apply(conv, x as tf.SymbolicTensor);
    const [, rows, cols, d] = map.shape as [null, number, number, number];
    return ctx.apply(tf.layers.reshape({ name: patchTokensLayerName(block.id), targetShape: [rows * cols, d] }), map);
  },
  tokenGrid(block) {
    const shape = block.layers[0]?.outputShape as (number | null)[] | undefined;
    const [, rows, cols] = shape ?? [];
    return rows && cols ? { rows, cols } : null;
  },
};

export const classTokenWorker: WorkerBlock<ClassTokenBlock> = {
  kind: 'classtoken',
  build: (block, xs, ctx) => ctx.apply(new ClassToken({ name: block.id }), first(xs)),
};

export const posEmbedWorker: WorkerBlock<PosEmbedBlock> = {
  kind: 'posembed',
  build: (block, xs, ctx) => ctx.apply(new PositionEmbedding({ name: block.id, seed: ctx.seed }), first(xs)),
  positionTable: (block) => (block.output instanceof PositionEmbedding ? block.output.table() : null),
};

export const layerNormWorker: WorkerBlock<LayerNormBlock> = {
  kind: 'layernorm',
  build: (block, xs, ctx) => ctx.apply(new LayerNorm({ name: block.id, epsilon: block.epsilon ?? LAYER_NORM_EPSILON }), first(xs)),
};

export const attentionWorker: WorkerBlock<AttentionBlock> = {
  kind: 'attention',
  build: (block, xs, ctx) => ctx.apply(new SelfAttentionLayer({ name: block.id, heads: block.heads, seed: ctx.seed }), first(xs)),
  attentionOf: (block, x) => (block.output instanceof SelfAttentionLayer ? attend(x, block.output.attentionWeights(), block.output.heads).weights : null),
};

export const mlpWorker: WorkerBlock<MlpBlock> = {
  kind: 'mlp',
  build: (block, xs, ctx) => ctx.apply(new TokenMlp({ name: block.id, hidden: block.hidden, seed: ctx.seed }), first(xs)),
};

export const tokenPoolWorker: WorkerBlock<TokenPoolBlock> = {
  kind: 'tokenpool',
  build: (block, xs, ctx) => ctx.apply(new TokenPool({ name: block.id, pool: block.pool }), first(xs)),
};
