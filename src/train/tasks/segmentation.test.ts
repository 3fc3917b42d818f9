// The segmentation task's numbers against hand-worked cases: per-pixel cross-entropy (plain and
// class-weighted), the Dice loss, pixel accuracy, intersections and unions and the IoU summary, and the
// targets it writes from a mask. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iouSummary, segmentationTask } from '../../tasks/segmentation';
import { diceLoss, intersectionsAndUnions, pixelAccuracy, pixelCrossEntropy, segmentationWorkerWith } from './segmentation';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// One example, 1x2 pixels, 2 classes. Pixel 0: scores [2, 0], true class 0. Pixel 1: scores [1, 1], true class 1.
const logits = () => tf.tensor4d([[[[2, 0], [1, 1]]]]);
const target = () => tf.tensor2d([[1, 0, 0, 1]]);
const ce0 = Math.log(1 + Math.exp(-2)); // -log softmax([2, 0])[0]
const ce1 = Math.log(2); // -log softmax([1, 1])[1]

describe('segmentation task', () => {
  it('per-pixel cross-entropy is the mean over the pixels; class weights make it a weighted mean', () => {
    const [plain, weighted] = tf.tidy(() => [
      pixelCrossEntropy(logits(), target()).arraySync(),
      pixelCrossEntropy(logits(), target(), [1, 3]).arraySync(),
    ]);
    expect(plain[0]).toBeCloseTo((ce0 + ce1) / 2, 5);
    expect(weighted[0]).toBeCloseTo((1 * ce0 + 3 * ce1) / 4, 5);
  });

  it('Dice loss: 1 - mean over classes of (2 sum(p*y) + 1) / (sum p + sum y + 1)', () => {
    const loss = tf.tidy(() => diceLoss(logits(), target()).arraySync());
    const p0 = 1 / (1 + Math.exp(-2)); // softmax([2, 0])[0]
    const class0 = (2 * p0 + 1) / (p0 + 0.5 + 1 + 1);
    const class1 = (2 * 0.5 + 1) / ((1 - p0) + 0.5 + 1 + 1);
    expect(loss[0]).toBeCloseTo(1 - (class0 + class1) / 2, 5);
    // A perfect, confident prediction has a Dice loss near 0.
    const perfect = tf.tidy(() => diceLoss(tf.tensor4d([[[[30, 0], [0, 30]]]]), target()).arraySync());
    expect(perfect[0]).toBeLessThan(1e-6);
  });

  it('with a Dice weight, the loss is cross-entropy plus that share of Dice', () => {
    const task = segmentationWorkerWith({ dice: 0.5 });
    const [total, ce, dice] = tf.tidy(() => [task.lossPerExample(logits(), target()).arraySync(),
      pixelCrossEntropy(logits(), target()).arraySync(), diceLoss(logits(), target()).arraySync()]);
    expect(total[0]).toBeCloseTo((ce[0] as number) + 0.5 * (dice[0] as number), 5);
  });

  it('pixel accuracy, and each class\'s intersection and union', () => {
    // Two examples of 2x2 pixels, 3 classes. Predictions by arg max; the ties never occur here.
    const scores = tf.tensor4d([
      [[[5, 0, 0], [0, 5, 0]], [[0, 5, 0], [0, 0, 5]]], // predicted 0 1 / 1 2
      [[[5, 0, 0], [5, 0, 0]], [[5, 0, 0], [5, 0, 0]]], // predicted 0 0 / 0 0
    ]);
    const truth = [[0, 1, 2, 2], [0, 0, 0, 1]];
    const oneHot = tf.tensor2d(truth.map((row) => row.flatMap((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)))));
    const [accuracy, sums] = tf.tidy(() => [pixelAccuracy(scores, oneHot).arraySync(), intersectionsAndUnions(scores, oneHot).arraySync()]);
    expect(accuracy).toEqual([0.75, 0.75]);
    // Class 0: predicted at 5 pixels, true at 4, both at 4. Class 1: predicted 2, true 2, both 1. Class 2: 1, 2, 1.
    expect(sums).toEqual([4, 1, 1, 5, 3, 2]);
    const summary = iouSummary(sums, 3);
    expect(summary.classIoU).toEqual([4 / 5, 1 / 3, 1 / 2]);
    expect(summary.meanIoU).toBeCloseTo((4 / 5 + 1 / 3 + 1 / 2) / 3, 6);
    tf.dispose([scores, oneHot]);
  });

  it('a class neither true nor predicted anywhere has no IoU and stays out of the mean', () => {
    const summary = iouSummary([3, 0, 4, 0], 2);
    expect(summary.classIoU[0]).toBe(0.75);
    expect(Number.isNaN(summary.classIoU[1])).toBe(true);
    expect(summary.meanIoU).toBe(0.75);
  });

  it('writes a one-hot row per pixel from the mask, and refuses a class the dataset does not have', () => {
    const data = { inputShape: [1, 2, 3] as const, numClasses: 3 };
    const out = new Float32Array(2 + 12).fill(9);
    segmentationTask.writeTarget({ labels: new Uint8Array(2), masks: new Uint8Array([0, 0, 2, 1]) }, 1, out, 2, data);
    expect(Array.from(out)).toEqual([9, 9, 0, 0, 1, 0, 1, 0, 9, 9, 9, 9, 9, 9]);
    expect(segmentationTask.targetSize(data)).toBe(6);
    expect(() => segmentationTask.writeTarget({ labels: new Uint8Array(1), masks: new Uint8Array([0, 3]) }, 0, out, 0, data))
      .toThrow(/mask class 3/);
    expect(() => segmentationTask.writeTarget({ labels: new Uint8Array(1) }, 0, out, 0, data)).toThrow(/no per-pixel masks/);
    expect(segmentationTask.outputShape({ inputShape: [64, 64, 3], numClasses: 4 })).toEqual([64, 64, 4]);
  });

  it('leaves no tensors behind', () => {
    const task = segmentationWorkerWith({ dice: 1, classWeights: [1, 2] });
    const [l, t] = [logits(), target()];
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      task.lossPerExample(l, t);
      task.correctPerExample(l, t);
      task.extraSums?.(l, t);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([l, t]);
  });
});
