// Segmentation: one class per pixel. The network ends in the per-pixel head (a 1x1 convolution to one score
// per class at every pixel, then a softmax over the classes); training minimises the per-pixel
// cross-entropy (optionally class-weighted, plus a Dice term: src/train/tasks/segmentation.ts) and reports
// the share of pixels labelled right and, per split, each class's intersection over union and their mean.
import { classificationTask } from './classification';
import type { TaskModule, TaskSummary } from './types';

/** IoU of each class from the split's summed intersections and unions ([I_0..I_k-1, U_0..U_k-1]). */
export function iouSummary(extra: ArrayLike<number>, numClasses: number): Required<Pick<TaskSummary, 'meanIoU' | 'classIoU'>> {
  const classIoU: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const union = extra[numClasses + c] ?? 0;
    // A class neither present nor predicted anywhere in the split has no IoU; it does not count in the mean.
    classIoU.push(union > 0 ? (extra[c] ?? 0) / union : Number.NaN);
  }
  const present = classIoU.filter((v) => !Number.isNaN(v));
  const meanIoU = present.length === 0 ? Number.NaN : present.reduce((a, b) => a + b, 0) / present.length;
  return { meanIoU, classIoU };
}

/**
 * Class weights by median frequency balancing (Eigen and Fergus, 2015): the median of the classes' pixel
 * shares over each class's share, so a class as common as the median weighs 1, a rarer one more. A class
 * absent from the masks gets weight 1 (it adds no pixels to weigh).
 */
export function balancedClassWeights(masks: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let p = 0; p < masks.length; p += 1) {
    const c = masks[p] as number;
    if (c < numClasses) counts[c] = (counts[c] ?? 0) + 1;
  }
  const present = counts.filter((n) => n > 0).sort((a, b) => a - b);
  if (present.length === 0) return counts.map(() => 1);
  const mid = present.length / 2;
  const median = present.length % 2 === 1 ? present[Math.floor(mid)]! : (present[mid - 1]! + present[mid]!) / 2;
  return counts.map((n) => (n === 0 ? 1 : median / n));
}

const TRAIN_REFUSAL = 'the training script and notebook read one label per image; this network labels every pixel '
  + '(segmentation). Export the model (model.py, weights, ONNX, TF.js) and train it with your own loop.';

export const segmentationTask: TaskModule = {
  id: 'segmentation',
  target: 'classPerPixel',
  metrics: ['loss', 'accuracy', 'meanIoU'],
  score: 'accuracy',
  targetSize: ({ inputShape, numClasses }) => (inputShape[0] ?? 0) * (inputShape[1] ?? 0) * numClasses,
  writeTarget(source, index, out, at, data) {
    const { masks } = source;
    const k = data.numClasses;
    const pixels = (data.inputShape[0] ?? 0) * (data.inputShape[1] ?? 0);
    if (masks === undefined) throw new Error('this dataset has no per-pixel masks: segmentation needs one class per pixel');
    out.fill(0, at, at + pixels * k);
    const from = index * pixels;
    for (let p = 0; p < pixels; p++) {
      const label = masks[from + p] ?? 0;
      if (label >= k) throw new Error(`mask class ${label} does not fit ${k} classes`);
      out[at + p * k + label] = 1;
    }
  },
  outputShape: ({ inputShape, numClasses }) => [inputShape[0] ?? 0, inputShape[1] ?? 0, numClasses],
  summarize: (extra, data) => iouSummary(extra, data.numClasses),
  // The same export head as classification: PyTorch's CrossEntropyLoss and softmax(dim=1) take [N, C, H, W]
  // scores per pixel, and Keras's sparse cross-entropy takes [N, H, W, C] against [N, H, W] class indices.
  pytorch: classificationTask.pytorch,
  keras: classificationTask.keras,
  exportRefusal: { pytorchTrain: TRAIN_REFUSAL, notebook: TRAIN_REFUSAL },
};
