// A segmentation run's epoch-end report: the test pass's predicted masks go through the pure collector
// (api/masks.ts) into the confusion report the UI already receives, with the pixel confusion matrix, the
// chosen images' masks (the mask view) and the images of lowest IoU (the gallery).
import { createMaskCollector, type KeptMask } from './api/masks';
import type { ConfusionReport, MaskBatch } from './api/protocol';
import type { ConfusionCollector, EvaluatedOn } from './predict';

/** The test images the mask view follows: the first few of the split, the same in every run on it. */
export const MASK_VIEW_IMAGES = 4;
/** How many of the lowest-IoU images the gallery shows. */
export const WORST_MASKS_KEPT = 8;

export function createMaskReportCollector(session: EvaluatedOn): ConfusionCollector {
  const { test } = session.data;
  const [h, w, c] = session.inputShape;
  const pixels = h * w;
  const masks = test.masks;
  if (!masks) throw new Error('this dataset has no per-pixel masks: segmentation needs one class per pixel');
  const chosen = Array.from({ length: Math.min(MASK_VIEW_IMAGES, test.count) }, (_, i) => i);
  const acc = createMaskCollector({ numClasses: session.numClasses, pixels, chosen, keepWorst: WORST_MASKS_KEPT,
    truth: (index) => masks.subarray(index * pixels, (index + 1) * pixels) });
  const batchOf = (kept: readonly KeptMask[]): MaskBatch => {
    const size = pixels * c;
    const images = new Uint8Array(kept.length * size);
    const truth = new Uint8Array(kept.length * pixels);
    const predicted = new Uint8Array(kept.length * pixels);
    kept.forEach((m, k) => {
      images.set(test.images.subarray(m.index * size, (m.index + 1) * size), k * size);
      truth.set(masks.subarray(m.index * pixels, (m.index + 1) * pixels), k * pixels);
      predicted.set(m.predicted, k * pixels);
    });
    return { imageShape: [h, w, c], images, truth, predicted, index: Int32Array.from(kept, (m) => m.index),
      iou: Float32Array.from(kept, (m) => m.iou) };
  };
  return {
    observe(start, n, guess) {
      acc.add(session.testOrder.subarray(start, start + n), guess);
    },
    report(epoch): ConfusionReport {
      // Each its own buffer: a transfer list may not name one twice.
      const none = () => new Int32Array(0);
      return {
        epoch, numClasses: session.numClasses, matrix: acc.matrix,
        mistakes: { imageShape: [h, w, c], images: new Uint8Array(0), index: none(), label: none(), predicted: none(),
          confidence: new Float32Array(0) },
        masks: { chosen: batchOf(acc.chosen()), worst: batchOf(acc.worst()) },
      };
    },
  };
}

/** Every buffer of a report, to transfer it to the page. */
export function reportTransfers(report: ConfusionReport): Transferable[] {
  const { matrix, mistakes: m, masks } = report;
  const batches = masks ? [masks.chosen, masks.worst] : [];
  return [matrix.buffer, m.images.buffer, m.index.buffer, m.label.buffer, m.predicted.buffer, m.confidence.buffer,
    ...batches.flatMap((b) => [b.images.buffer, b.index.buffer, b.truth.buffer, b.predicted.buffer, b.iou.buffer])] as Transferable[];
}
