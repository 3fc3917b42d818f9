// What the boxes view shows, pure: the detector's boxes of one image above the score threshold, numbered by
// score (#1 the highest), and non-maximum suppression as a list of steps in the order it runs: a box kept
// (the highest-scoring one left), then each box it drops and by how much they overlap.
import { nmsSteps } from '../../detection/nms';
import type { CellBox } from '../../tasks/detectionGrid';

export interface Candidate extends CellBox {
  /** 1 for the highest score. */
  readonly rank: number;
}

export type NmsStep =
  | { readonly kind: 'keep'; readonly rank: number }
  | { readonly kind: 'suppress'; readonly rank: number; readonly by: number; readonly iou: number };

export interface NmsWalk {
  readonly candidates: readonly Candidate[];
  /** Cells whose score is below the threshold: never considered. */
  readonly belowThreshold: number;
  readonly kept: ReadonlySet<number>;
  /** Rank of each dropped box → rank of the box that dropped it. */
  readonly droppedBy: ReadonlyMap<number, number>;
  readonly steps: readonly NmsStep[];
}

export function nmsWalk(cells: readonly CellBox[], scoreThreshold: number, iouThreshold: number): NmsWalk {
  const candidates = cells.filter((c) => c.score >= scoreThreshold).sort((a, b) => b.score - a.score)
    .map((c, i) => ({ ...c, rank: i + 1 }));
  const result = nmsSteps(candidates.map((c) => c.box), candidates.map((c) => c.score), iouThreshold);
  const steps: NmsStep[] = [];
  const droppedBy = new Map<number, number>();
  for (const k of result.kept) {
    steps.push({ kind: 'keep', rank: k + 1 });
    for (const s of result.suppressed.filter((x) => x.by === k)) {
      steps.push({ kind: 'suppress', rank: s.index + 1, by: k + 1, iou: s.iou });
      droppedBy.set(s.index + 1, k + 1);
    }
  }
  return {
    candidates, belowThreshold: cells.length - candidates.length, kept: new Set(result.kept.map((k) => k + 1)), droppedBy, steps,
  };
}
