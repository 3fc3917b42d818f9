// The detection task against hand-worked cases: the grid target of a box, decoding a grid back to the same
// box, each term of the loss on one cell, the cell accuracy, mAP of a perfect and of a duplicated answer,
// and no tensors left behind. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION, detectImages, detectionTask, gridMeanAp } from '../../tasks/detection';
import { CELL, decodeGrid, writeGridTarget } from '../../tasks/detectionGrid';
import { cellAccuracy, detectionTerms, detectionWorkerWith } from './detection';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// A 16x16 image, 3 classes (background + 2): a 2x2 grid of 5 + 2 numbers per cell.
const data = { inputShape: [16, 16, 1] as const, numClasses: 3 };
const logit = (p: number) => Math.log(p / (1 - p));
// A box of class 2 over pixels x 9..12, y 2..5: corners [9, 2, 13, 6], centre (11, 4): cell row 0, col 1.
const box = { classIndex: 2, x0: 9, y0: 2, x1: 12, y1: 5 };

/** The raw grid whose decoding is exactly `box` with objectness 0.9 and class 2 at probability e^4 / (e^4 + 1). */
function gridFor(): Float32Array {
  const grid = new Float32Array(4 * 7).fill(0);
  for (let c = 0; c < 4; c++) grid[c * 7] = -6; // other cells: objectness ~0.0025
  grid.set([logit(0.9), logit(11 / CELL - 1), logit(4 / CELL), logit(4 / 16), logit(4 / 16), 0, 4], 1 * 7);
  return grid;
}

describe('detection task', () => {
  it('writes the box into the cell holding its centre: 1, x and y in the cell, w and h of the image, its class', () => {
    const out = new Float32Array(2 + 28).fill(9);
    detectionTask.writeTarget({ labels: new Uint8Array(1), boxes: [[box]] }, 0, out, 2, data);
    expect(Array.from(out.subarray(0, 2))).toEqual([9, 9]);
    const cells = Array.from(out.subarray(2));
    expect(cells.slice(7, 14)).toEqual([1, 11 / 8 - 1, 4 / 8, 0.25, 0.25, 0, 1]);
    expect(cells.filter((v, i) => i < 7 || i >= 14).every((v) => v === 0)).toBe(true);
    expect(detectionTask.targetSize(data)).toBe(28);
    expect(detectionTask.outputShape({ inputShape: [64, 64, 1], numClasses: 11 })).toEqual([8, 8, 15]);
    expect(() => detectionTask.writeTarget({ labels: new Uint8Array(1) }, 0, out, 0, data)).toThrow(/no boxes/);
    expect(() => writeGridTarget([{ ...box, classIndex: 3 }], out, 0, data)).toThrow(/class 3/);
  });

  it('decodes a grid back into the box, scored objectness times class probability', () => {
    const cells = decodeGrid(gridFor(), 0, data);
    const best = cells[1]!;
    expect([best.row, best.col, best.label]).toEqual([0, 1, 2]);
    best.box.forEach((v, i) => expect(v).toBeCloseTo([9, 2, 13, 6][i]!, 4));
    expect(best.score).toBeCloseTo(0.9 * Math.exp(4) / (Math.exp(4) + 1), 5);
    expect(cells.filter((c) => c !== best).every((c) => c.score < 0.01)).toBe(true);
  });

  it('the loss terms: objectness cross-entropy with and without an object, box squared error with square roots, class cross-entropy', () => {
    const target = new Float32Array(28);
    writeGridTarget([box], target, 0, data);
    const grid = gridFor();
    grid[1 * 7 + 3] = logit(0.09); // predicted width 0.09 of the image where the truth is 0.25
    const t = tf.tidy(() => {
      const terms = detectionTerms(tf.tensor4d(grid, [1, 2, 2, 7]), tf.tensor2d(target, [1, 28]));
      return { object: terms.object.arraySync()[0]!, noObject: terms.noObject.arraySync()[0]!, box: terms.box.arraySync()[0]!, classes: terms.classes.arraySync()[0]! };
    });
    expect(t.object).toBeCloseTo(-Math.log(0.9), 5);
    expect(t.noObject).toBeCloseTo(3 * Math.log(1 + Math.exp(-6)), 5);
    expect(t.box).toBeCloseTo((Math.sqrt(0.09) - 0.5) ** 2, 4);
    expect(t.classes).toBeCloseTo(Math.log(1 + Math.exp(-4)), 5);
    const w = { ...DEFAULT_DETECTION, objectness: 2, noObject: 3, box: 5, classes: 7 };
    const total = tf.tidy(() => detectionWorkerWith(w).lossPerExample(tf.tensor4d(grid, [1, 2, 2, 7]), tf.tensor2d(target, [1, 28])).arraySync()[0]!);
    expect(total).toBeCloseTo(2 * t.object + 3 * t.noObject + 5 * t.box + 7 * t.classes, 4);
  });

  it('cell accuracy: the share of cells right about holding an object', () => {
    const target = new Float32Array(28);
    writeGridTarget([box], target, 0, data);
    const grid = gridFor();
    grid[0] = 2; // cell 0 wrongly says "object"
    const acc = tf.tidy(() => cellAccuracy(tf.tensor4d(grid, [1, 2, 2, 7]), tf.tensor2d(target, [1, 28])).arraySync());
    expect(acc).toEqual([0.75]);
  });

  it('mAP@0.5: 1 for the right box, and a second copy of it is dropped by NMS before it could count as a false positive', () => {
    expect(gridMeanAp(gridFor(), [[box]], data)).toBeCloseTo(1, 6);
    expect(gridMeanAp(gridFor(), [[{ ...box, classIndex: 1 }]], data)).toBe(0);
    const dets = [
      { image: 0, label: 2, box: [9, 2, 13, 6] as const, score: 0.9 },
      { image: 0, label: 2, box: [9, 2, 13, 7] as const, score: 0.8 },
      { image: 0, label: 2, box: [0, 0, 3, 3] as const, score: 0.04 },
    ];
    expect(detectImages(dets, { scoreThreshold: 0.05, iouThreshold: 0.5 }).map((d) => d.score)).toEqual([0.9]);
    expect(detectImages(dets, { scoreThreshold: 0.01, iouThreshold: 0.9 }).map((d) => d.score)).toEqual([0.9, 0.8, 0.04]);
  });

  it('leaves no tensors behind', () => {
    const [g, t] = [tf.tensor4d(gridFor(), [1, 2, 2, 7]), tf.zeros([1, 28])];
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      detectionWorkerWith().lossPerExample(g, t);
      cellAccuracy(g, t);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([g, t]);
  });
});
