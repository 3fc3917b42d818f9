// Non-maximum suppression, as torchvision.ops.nms: take the highest-scoring box left, keep it, drop every
// box left whose IoU with it is above the threshold, repeat. nmsSteps also says which kept box
// suppressed each dropped one and by how much they overlapped, for the step-by-step view and the lessons.
import { iou, type Box } from './iou';

export interface Suppression {
  /** The dropped box and the kept one that dropped it (indices into the input). */
  readonly index: number;
  readonly by: number;
  readonly iou: number;
}

export interface NmsResult {
  /** Kept boxes' indices, highest score first. */
  readonly kept: readonly number[];
  /** In the order they happened. */
  readonly suppressed: readonly Suppression[];
}

/** Indices by score, highest first; equal scores keep their input order. */
export function byScore(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

export function nmsSteps(boxes: readonly Box[], scores: readonly number[], iouThreshold: number): NmsResult {
  if (boxes.length !== scores.length) throw new Error(`nms: ${boxes.length} boxes but ${scores.length} scores`);
  const kept: number[] = [];
  const suppressed: Suppression[] = [];
  const gone = new Set<number>();
  const order = byScore(scores);
  for (const i of order) {
    if (gone.has(i)) continue;
    kept.push(i);
    for (const j of order) {
      if (j === i || gone.has(j) || kept.includes(j)) continue;
      const overlap = iou(boxes[i] as Box, boxes[j] as Box);
      if (overlap > iouThreshold) {
        gone.add(j);
        suppressed.push({ index: j, by: i, iou: overlap });
      }
    }
  }
  return { kept, suppressed };
}

/** The kept boxes' indices, highest score first (torchvision.ops.nms). */
export const nms = (boxes: readonly Box[], scores: readonly number[], iouThreshold: number): number[] =>
  [...nmsSteps(boxes, scores, iouThreshold).kept];
