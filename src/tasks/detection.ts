// Detection: a box and a class for every object, YOLO v1's way. The network ends in the grid detector head
// (src/blocks/gridDetect.ts): per cell of CELL pixels, objectness, a box and class scores. Training
// minimises a weighted sum of the objectness cross-entropy (cells with an object, and, weighted apart,
// cells without), the box's squared error (centre in the cell; square roots of width and height, so a
// small box's error counts more) and the class cross-entropy in the cells that hold an object. Each epoch
// decodes the test split into scored boxes, drops duplicates by non-maximum suppression and reports mAP
// at IoU 0.5.
import { nms } from '../detection/nms';
import { meanAveragePrecision, type Detection } from '../detection/meanAp';
import type { DataShape } from '../model/spec';
import { classificationTask } from './classification';
import { cellSizeOf, gridSideOf, splitDetections, truthsOf, writeGridTarget, type TargetBox } from './detectionGrid';
import type { TaskModule, TaskSummary } from './types';

/** The loss's weights and the decoding's thresholds, all shown and settable (defaults: YOLO v1's 5 and 0.5). */
export interface DetectionSettings {
  readonly objectness: number;
  readonly noObject: number;
  readonly box: number;
  readonly classes: number;
  /** Boxes scoring below this are dropped before NMS. */
  readonly scoreThreshold: number;
  /** NMS drops a box whose IoU with a higher-scoring kept box is above this. */
  readonly iouThreshold: number;
}

export const DEFAULT_DETECTION: DetectionSettings = {
  objectness: 1, noObject: 0.5, box: 5, classes: 1, scoreThreshold: 0.05, iouThreshold: 0.5,
};

/** Per image: its boxes above the score threshold, kept by NMS (class-agnostic: one object, one box). */
export function detectImages(dets: readonly Detection[], settings: Pick<DetectionSettings, 'scoreThreshold' | 'iouThreshold'>): Detection[] {
  const byImage = new Map<number, Detection[]>();
  for (const d of dets) if (d.score >= settings.scoreThreshold) byImage.set(d.image, [...(byImage.get(d.image) ?? []), d]);
  return [...byImage.values()].flatMap((mine) => nms(mine.map((d) => d.box), mine.map((d) => d.score), settings.iouThreshold)
    .map((i) => mine[i] as Detection));
}

/** mAP at IoU 0.5 of a split's raw grids against its true boxes, after the threshold and NMS. */
export function gridMeanAp(outputs: ArrayLike<number>, truths: readonly (readonly TargetBox[])[], data: DataShape,
  settings: DetectionSettings = DEFAULT_DETECTION): number {
  const kept = detectImages(splitDetections(outputs, truths.length, data, settings.scoreThreshold), settings);
  return meanAveragePrecision(kept, truthsOf(truths), 0.5).map;
}

const TRAIN_REFUSAL = 'the training script and notebook read one label per image; this network finds boxes '
  + '(detection). Export the model (model.py with decode_grid, weights, ONNX, TF.js) and train it with your own loop.';

export const detectionTask: TaskModule = {
  id: 'detection',
  target: 'boxesPerCell',
  metrics: ['loss', 'accuracy', 'meanAP'],
  score: 'meanAP',
  targetSize: (data) => gridSideOf(data)[0] * gridSideOf(data)[1] * cellSizeOf(data),
  writeTarget(source, index, out, at, data) {
    const boxes = source.boxes?.[index];
    if (source.boxes === undefined) throw new Error('this dataset has no boxes: detection needs a box per object');
    writeGridTarget(boxes ?? [], out, at, data);
  },
  outputShape: (data) => [...gridSideOf(data), cellSizeOf(data)],
  summarizeOutputs: (outputs, truths, data): TaskSummary => ({ meanAP: gridMeanAp(outputs, truths, data) }),
  pytorch: classificationTask.pytorch,
  keras: classificationTask.keras,
  exportRefusal: { pytorchTrain: TRAIN_REFUSAL, notebook: TRAIN_REFUSAL },
};
