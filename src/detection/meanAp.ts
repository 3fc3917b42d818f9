// Mean average precision at an IoU threshold (mAP@0.5 by default), as PASCAL VOC computes it since 2010:
// per class, detections from all images are ranked by score; each is a true positive when it overlaps a
// not-yet-matched ground-truth box of its class in its image by at least the threshold (the best-
// overlapping one), else a false positive. AP is the area under the precision-recall curve after
// precision is made non-increasing (each recall's precision is the best at that recall or beyond); mAP
// averages AP over the classes that have ground-truth boxes.
import { iou, type Box } from './iou';
import { byScore } from './nms';

export interface GroundTruth {
  readonly image: number;
  readonly label: number;
  readonly box: Box;
}

export interface Detection extends GroundTruth {
  readonly score: number;
}

export interface ClassAp {
  readonly label: number;
  readonly ap: number;
  readonly truths: number;
  readonly detections: number;
}

export interface MeanAp {
  /** NaN when no class has a ground-truth box. */
  readonly map: number;
  readonly perClass: readonly ClassAp[];
}

/** True / false positive of each detection of one class, in score order. */
function matchClass(dets: readonly Detection[], truths: readonly GroundTruth[], threshold: number): boolean[] {
  const used = new Set<GroundTruth>();
  return byScore(dets.map((d) => d.score)).map((i) => {
    const d = dets[i] as Detection;
    let best: GroundTruth | null = null;
    let bestIou = threshold;
    for (const t of truths) {
      if (t.image !== d.image) continue;
      const o = iou(d.box, t.box);
      if (o >= bestIou && (best === null || o > bestIou)) [best, bestIou] = [t, o];
    }
    // VOC: the best-overlapping truth; if another detection already took it, this one is a duplicate.
    if (best === null || used.has(best)) return false;
    used.add(best);
    return true;
  });
}

/** All-point interpolated AP from the ranked true / false positives and the number of truths. */
export function averagePrecision(hits: readonly boolean[], truths: number): number {
  if (truths === 0) return NaN;
  const precision: number[] = [];
  const recall: number[] = [];
  let tp = 0;
  hits.forEach((hit, k) => {
    if (hit) tp++;
    precision.push(tp / (k + 1));
    recall.push(tp / truths);
  });
  for (let k = precision.length - 2; k >= 0; k--) precision[k] = Math.max(precision[k] as number, precision[k + 1] as number);
  let ap = 0;
  let previous = 0;
  recall.forEach((r, k) => {
    ap += (r - previous) * (precision[k] as number);
    previous = r;
  });
  return ap;
}

export function meanAveragePrecision(detections: readonly Detection[], truths: readonly GroundTruth[], threshold = 0.5): MeanAp {
  const labels = [...new Set(truths.map((t) => t.label))].sort((a, b) => a - b);
  const perClass = labels.map((label) => {
    const dets = detections.filter((d) => d.label === label);
    const mine = truths.filter((t) => t.label === label);
    return { label, ap: averagePrecision(matchClass(dets, mine, threshold), mine.length), truths: mine.length, detections: dets.length };
  });
  const map = perClass.length === 0 ? NaN : perClass.reduce((s, c) => s + c.ap, 0) / perClass.length;
  return { map, perClass };
}
