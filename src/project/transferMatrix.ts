// cs231n's transfer comparison on the student's own networks: a linear probe (the saved backbone frozen, a new
// head trained), fine-tuning (the backbone trained from its saved weights) and training the same network from
// scratch (fresh weights), each at 1%, 10% and 100% of the training labels. Pure: the plan of runs, and the
// table of their test accuracies that the compare panel and the bench read.
import type { WeightList } from '../codegen/weights';
import { LABEL_SHARES, type LabelShare } from '../data/labelShare';
import type { DataShape, ModelSpec } from '../model/spec';
import { makeBackbone, type BackboneProblem } from './backbone';
import type { Project } from './types';

export const TRANSFER_WAYS = ['probe', 'finetune', 'scratch'] as const;
export type TransferWay = (typeof TRANSFER_WAYS)[number];

export interface TransferRun {
  readonly way: TransferWay;
  readonly share: LabelShare;
  readonly spec: ModelSpec;
  /** The backbone's saved weights; null: every weight starts fresh (from scratch). */
  readonly startWeights: WeightList | null;
}

export type TransferPlan = { readonly ok: true; readonly runs: readonly TransferRun[] } | { readonly ok: false; readonly problem: BackboneProblem };

/** Key of one cell of the matrix, e.g. 'probe@0.1'. */
export const transferKey = (way: TransferWay, share: LabelShare): string => `${way}@${share}`;

/**
 * Every run of the comparison, the fewest labels first (the quickest runs give the first cells). From scratch
 * trains the fine-tuned network's blocks (same layers, same head) from fresh weights, so only the start differs.
 */
export function transferPlan(project: Project, cut: string, target: DataShape,
  shares: readonly LabelShare[] = [...LABEL_SHARES].sort((a, b) => a - b)): TransferPlan {
  const probe = makeBackbone(project, cut, target, 'probe');
  if (!probe.ok) return probe;
  const finetune = makeBackbone(project, cut, target, 'finetune');
  if (!finetune.ok) return finetune;
  const ways: Record<TransferWay, { spec: ModelSpec; startWeights: WeightList | null }> = {
    probe: { spec: probe.value.spec, startWeights: probe.value.weights },
    finetune: { spec: finetune.value.spec, startWeights: finetune.value.weights },
    scratch: { spec: finetune.value.spec, startWeights: null },
  };
  return { ok: true, runs: shares.flatMap((share) => TRANSFER_WAYS.map((way) => ({ way, share, ...ways[way] }))) };
}

export interface TransferResult {
  readonly key?: string;
  readonly testAccuracy: number | null;
}

/** Test accuracy by way and share (null: not run, or not finished), from the runs' keys. */
export type TransferTable = Record<TransferWay, Partial<Record<LabelShare, number | null>>>;

export function transferTable(results: readonly TransferResult[]): TransferTable {
  const table: TransferTable = { probe: {}, finetune: {}, scratch: {} };
  for (const way of TRANSFER_WAYS) {
    for (const share of LABEL_SHARES) {
      const found = results.find((r) => r.key === transferKey(way, share));
      if (found) table[way][share] = found.testAccuracy;
    }
  }
  return table;
}

/** How many points of test accuracy `way` gains over training from scratch at `share`; null until both ran. */
export function gainOverScratch(table: TransferTable, way: Exclude<TransferWay, 'scratch'>, share: LabelShare): number | null {
  const a = table[way][share];
  const b = table.scratch[share];
  return a === null || a === undefined || b === null || b === undefined ? null : 100 * (a - b);
}
