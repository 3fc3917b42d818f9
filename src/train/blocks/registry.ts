// The worker side of every block kind, keyed by the same kind as src/blocks/registry.ts; the type below
// refuses to compile while a registered kind has no worker side.
import type { BlockSpec, BlockKind } from '../../model/spec';
import { conv2dWorker } from './conv2d';
import { convTranspose2dWorker } from './convTranspose2d';
import { inputWorker } from './input';
import { activationWorker } from './activation';
import { batchNormWorker } from './batchnorm';
import { denseWorker } from './dense';
import { dropoutWorker } from './dropout';
import { flattenWorker } from './flatten';
import { addWorker, concatWorker } from './merge';
import { avgPool2dWorker, globalAvgPoolWorker, globalMaxPoolWorker, maxPool2dWorker } from './pool2d';
import { softmaxWorker } from './softmax';
import { crop2dWorker, upsample2dWorker } from './resize';
import {
  attentionWorker, classTokenWorker, layerNormWorker, mlpWorker, patchEmbedWorker, posEmbedWorker, tokenPoolWorker,
} from './tokens';
import { pixelSoftmaxWorker } from './pixelSoftmax';
import { gridDetectWorker } from './gridDetect';
import type { AnyWorkerBlock, WorkerBlock } from './types';

const WORKER_BLOCKS: { readonly [K in BlockKind]: WorkerBlock<Extract<BlockSpec, { kind: K }>> } = {
  input: inputWorker,
  conv2d: conv2dWorker,
  convtranspose2d: convTranspose2dWorker,
  upsample2d: upsample2dWorker,
  crop2d: crop2dWorker,
  activation: activationWorker,
  maxpool2d: maxPool2dWorker,
  avgpool2d: avgPool2dWorker,
  batchnorm: batchNormWorker,
  dropout: dropoutWorker,
  add: addWorker,
  concat: concatWorker,
  globalavgpool: globalAvgPoolWorker,
  globalmaxpool: globalMaxPoolWorker,
  patchembed: patchEmbedWorker,
  classtoken: classTokenWorker,
  posembed: posEmbedWorker,
  layernorm: layerNormWorker,
  attention: attentionWorker,
  mlp: mlpWorker,
  tokenpool: tokenPoolWorker,
  flatten: flattenWorker,
  dense: denseWorker,
  softmax: softmaxWorker,
  pixelsoftmax: pixelSoftmaxWorker,
  griddetect: gridDetectWorker,
};

/** The worker side of a kind the analysis accepted; throws for a kind without one. */
export function workerBlockOf(kind: string): AnyWorkerBlock {
  const found = (WORKER_BLOCKS as Record<string, AnyWorkerBlock | undefined>)[kind];
  if (found === undefined) throw new Error(`no worker side for block kind ${kind}`);
  return found;
}
