// Detection on the tfjs side: the grid detector's loss per example (src/tasks/detection.ts says what each
// term is) and, as its accuracy, the share of cells right about whether they hold an object. mAP needs
// every example's boxes, so the engine hands the raw grids to the pure side (TaskModule.summarizeOutputs).
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_DETECTION, detectionTask, type DetectionSettings } from '../../tasks/detection';
import type { WorkerTask } from './types';

/** [n, cells, 5 + K] views of the raw grid and of the targets (which arrive flat per example). */
function perCell(grid: tf.Tensor, target: tf.Tensor): [tf.Tensor3D, tf.Tensor3D] {
  const n = grid.shape[0] as number;
  const size = grid.shape[grid.rank - 1] as number;
  return [tf.reshape(grid, [n, -1, size]), tf.reshape(target, [n, -1, size])];
}

/** Binary cross-entropy of sigmoid(logit) against 0/1, stably: max(l, 0) - l*y + log(1 + exp(-|l|)). */
function bceWithLogits(logit: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.add(tf.sub(tf.relu(logit), tf.mul(logit, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logit)))));
}

/** Each term of the loss per example, summed over the cells, before its weight. */
export function detectionTerms(grid: tf.Tensor, target: tf.Tensor): { object: tf.Tensor1D; noObject: tf.Tensor1D; box: tf.Tensor1D; classes: tf.Tensor1D } {
  return tf.tidy(() => {
    const [g, t] = perCell(grid, target);
    const k = (g.shape[2] as number) - 5;
    const part = (x: tf.Tensor3D, from: number, size: number) => tf.slice(x, [0, 0, from], [-1, -1, size]);
    const has = tf.squeeze(part(t, 0, 1), [2]);
    const objectCe = tf.squeeze(bceWithLogits(part(g, 0, 1), part(t, 0, 1)), [2]);
    const xy = tf.sum(tf.square(tf.sub(tf.sigmoid(part(g, 1, 2)), part(t, 1, 2))), 2);
    // sqrt of a sigmoid: kept off 0, where its gradient would be infinite.
    const wh = tf.sum(tf.square(tf.sub(tf.sqrt(tf.add(tf.sigmoid(part(g, 3, 2)), 1e-6)), tf.sqrt(part(t, 3, 2)))), 2);
    const classCe = tf.neg(tf.sum(tf.mul(part(t, 5, k), tf.logSoftmax(part(g, 5, k))), 2));
    const sumOver = (x: tf.Tensor, mask: tf.Tensor) => tf.sum(tf.mul(x, mask), 1) as tf.Tensor1D;
    return {
      object: sumOver(objectCe, has), noObject: sumOver(objectCe, tf.sub(1, has)),
      box: sumOver(tf.add(xy, wh), has), classes: sumOver(classCe, has),
    };
  });
}

/** Per example, the share of cells whose objectness (above or below 0.5) says rightly whether they hold an object. */
export function cellAccuracy(grid: tf.Tensor, target: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const [g, t] = perCell(grid, target);
    const said = tf.greater(tf.slice(g, [0, 0, 0], [-1, -1, 1]), 0);
    const truth = tf.greater(tf.slice(t, [0, 0, 0], [-1, -1, 1]), 0.5);
    return tf.mean(tf.cast(tf.equal(said, truth), 'float32'), [1, 2]) as tf.Tensor1D;
  });
}

/** The detection task's tfjs side with these loss weights. */
export function detectionWorkerWith(settings: DetectionSettings = DEFAULT_DETECTION): WorkerTask {
  return {
    id: 'detection',
    task: detectionTask,
    lossPerExample: (grid, target) => tf.tidy(() => {
      const t = detectionTerms(grid, target);
      return tf.addN([tf.mul(settings.objectness, t.object), tf.mul(settings.noObject, t.noObject),
        tf.mul(settings.box, t.box), tf.mul(settings.classes, t.classes)]) as tf.Tensor1D;
    }),
    correctPerExample: cellAccuracy,
  };
}

export const detectionWorker: WorkerTask = detectionWorkerWith();
