// How each block trains: trainable (the default, absent from the spec), frozen (its weights never change)
// or trained with its own learning-rate multiplier (the step is scaled, as a PyTorch parameter group with
// lr * m would be). Kept beside the blocks by block id, as the canvas layout is, so every block kind has it
// without its own schema knowing, and links written before it existed still open.
import { z } from 'zod';
import './zodConfig';
import { id } from '../blocks/common/schema';
import type { ModelSpec } from './spec';

export type BlockTraining =
  | { readonly mode: 'trainable' }
  | { readonly mode: 'frozen' }
  | { readonly mode: 'scaled'; readonly lrMultiplier: number };

export type BlockTrainingMode = BlockTraining['mode'];

/** What the spec stores: only the blocks that are not plainly trainable. */
export type StoredTraining = Exclude<BlockTraining, { mode: 'trainable' }>;

export const LR_MULTIPLIER_LIMITS = { min: 0.0001, max: 100 } as const;

export const blockTrainingSchema = z.record(id, z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('frozen') }),
  z.strictObject({ mode: z.literal('scaled'), lrMultiplier: z.number().min(LR_MULTIPLIER_LIMITS.min).max(LR_MULTIPLIER_LIMITS.max) }),
]));

const TRAINABLE: BlockTraining = { mode: 'trainable' };

export function blockTrainingOf(spec: ModelSpec, blockId: string): BlockTraining {
  return spec.training?.[blockId] ?? TRAINABLE;
}

/** The factor on the block's update: 0 when frozen, 1 when trainable. */
export function lrMultiplierOf(spec: ModelSpec, blockId: string): number {
  const t = blockTrainingOf(spec, blockId);
  return t.mode === 'frozen' ? 0 : t.mode === 'scaled' ? t.lrMultiplier : 1;
}

function withoutTraining(spec: ModelSpec): ModelSpec {
  const copy = { ...spec };
  delete (copy as { training?: unknown }).training;
  return copy;
}

/** The spec with one block's training mode set; a trainable block leaves no entry (and no empty map). */
export function withBlockTraining(spec: ModelSpec, blockId: string, training: BlockTraining): ModelSpec {
  const rest = Object.fromEntries(Object.entries(spec.training ?? {}).filter(([k]) => k !== blockId));
  const next: Record<string, StoredTraining> = training.mode === 'trainable' ? rest : { ...rest, [blockId]: training };
  return Object.keys(next).length === 0 ? withoutTraining(spec) : { ...spec, training: next };
}

/** Drops the entries of blocks the spec no longer has (a deleted block's id may be reused by a new one). */
export function pruneTraining(spec: ModelSpec): ModelSpec {
  if (!spec.training) return spec;
  const known = new Set(spec.blocks.map((b) => b.id));
  const kept = Object.entries(spec.training).filter(([k]) => known.has(k));
  if (kept.length === Object.keys(spec.training).length) return spec;
  return kept.length === 0 ? withoutTraining(spec) : { ...spec, training: Object.fromEntries(kept) };
}

/** Whether any block is frozen or scaled: exporters that cannot express it refuse such a network. */
export const hasBlockTraining = (spec: ModelSpec): boolean => Object.keys(spec.training ?? {}).length > 0;
