// Every block kind, one module each, in the order the editor's palette offers them (the input block first,
// the output head last). A new kind is one module and one line here (plus src/train/blocks/registry.ts for
// its tfjs side, and its name in the two message files); nothing else switches on a kind.
import { activationModule } from './activation';
import { batchNormModule } from './batchnorm';
import { conv2dModule } from './conv2d';
import { convTranspose2dModule } from './convTranspose2d';
import { denseModule } from './dense';
import { dropoutModule } from './dropout';
import { flattenModule } from './flatten';
import { globalAvgPoolModule, globalMaxPoolModule } from './globalPool';
import { inputModule } from './input';
import { addModule, concatModule } from './merge';
import { avgPool2dModule, maxPool2dModule } from './pool2d';
import { softmaxModule } from './softmax';
import { upsample2dModule } from './upsample2d';
import { crop2dModule } from './crop2d';
import { attentionModule } from './attention';
import { layerNormModule } from './layerNorm';
import { mlpModule } from './mlp';
import { patchEmbedModule } from './patchEmbed';
import { classTokenModule, posEmbedModule } from './tokenEmbed';
import { tokenPoolModule } from './tokenPool';
import { pixelSoftmaxModule } from './pixelSoftmax';
import { gridDetectModule } from './gridDetect';
import type { AnyBlockModule, BlockModule } from './types';

// The order is the palette's: the classic CNN blocks first (the lessons build with them), then the blocks of
// dense prediction and of the transformer.
export const BLOCK_MODULES = [
  inputModule,
  conv2dModule,
  activationModule,
  maxPool2dModule,
  avgPool2dModule,
  batchNormModule,
  dropoutModule,
  addModule,
  concatModule,
  globalAvgPoolModule,
  globalMaxPoolModule,
  flattenModule,
  denseModule,
  softmaxModule,
  convTranspose2dModule,
  upsample2dModule,
  crop2dModule,
  pixelSoftmaxModule,
  gridDetectModule,
  patchEmbedModule,
  classTokenModule,
  posEmbedModule,
  layerNormModule,
  attentionModule,
  mlpModule,
  tokenPoolModule,
] as const;

type SpecOf<M> = M extends BlockModule<infer B> ? B : never;

/** The union of every registered kind's block: what ModelSpec holds. */
export type RegisteredBlock = SpecOf<(typeof BLOCK_MODULES)[number]>;
export type RegisteredKind = RegisteredBlock['kind'];

const byKind: ReadonlyMap<string, AnyBlockModule> = new Map(BLOCK_MODULES.map((m) => [m.kind as string, m as AnyBlockModule]));

/** Every kind, in registry order. */
export const REGISTERED_KINDS: readonly RegisteredKind[] = BLOCK_MODULES.map((m) => m.kind);

/** The module of a kind, or undefined for a kind nobody registered (a spec may come from a link). */
export function blockModuleOf(kind: unknown): AnyBlockModule | undefined {
  return typeof kind === 'string' ? byKind.get(kind) : undefined;
}

/** The module of a block the analysis has accepted (its kind is known); throws otherwise. */
export function moduleOf(kind: string): AnyBlockModule {
  const found = byKind.get(kind);
  if (found === undefined) throw new Error(`no block module for kind ${kind}`);
  return found;
}

/** The role of a kind in the graph rules (the input block, the output head), or none. */
export const roleOf = (kind: string): 'input' | 'output' | undefined => byKind.get(kind)?.role;

/** Kinds with a role: the input block and the output head. */
export const kindsWithRole = (role: 'input' | 'output'): readonly RegisteredKind[] =>
  BLOCK_MODULES.filter((m) => (m as AnyBlockModule).role === role).map((m) => m.kind);
