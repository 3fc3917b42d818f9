// The detector's two settable loss weights (YOLO v1's lambda_coord and lambda_noobj), from a run's settings
// through taskLossOptions and workerTaskWith (the path the session and the data-parallel helpers take) to
// the loss, against the formula worked out in float64 on a small grid. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedDataset } from '../../data/types';
import { writeGridTarget } from '../../tasks/detectionGrid';
import { DEFAULT_BOX_LOSS } from '../api/hyper';
import type { BoxLoss } from '../api/protocol';
import { taskLossOptions, workerTaskWith } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// A 16x16 image, background + 2 classes: a 2x2 grid of 5 + 2 numbers per cell; one box of class 2 in cell 1.
const data = { inputShape: [16, 16, 1] as const, numClasses: 3 };
const dataset = { meta: { task: 'detection', classNames: ['bg', 'a', 'b'], inputShape: [16, 16, 1] } } as unknown as LoadedDataset;
const GRID = [
  -1.2, 0.3, -0.4, 0.8, -0.6, 0.5, -0.2,
  0.7, -0.9, 1.1, -1.5, 0.2, -0.3, 0.9,
  0.4, 0.6, 0.1, -0.7, 1.3, 0.8, 0.0,
  -2.0, 0.2, 0.3, 0.4, 0.5, 1.0, -1.0,
];

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
/** Cross-entropy of sigmoid(l) against y in {0, 1}, in float64. */
const bce = (l: number, y: number) => -(y * Math.log(sigmoid(l)) + (1 - y) * Math.log(1 - sigmoid(l)));

/** YOLO v1's loss for one image by hand: object + coord * box + noObject * empty cells + classes. */
function reference(target: Float32Array, w: BoxLoss): { total: number; box: number; empty: number } {
  let object = 0;
  let empty = 0;
  let box = 0;
  let classes = 0;
  for (let c = 0; c < 4; c++) {
    const g = GRID.slice(c * 7, c * 7 + 7);
    const t = Array.from(target.subarray(c * 7, c * 7 + 7));
    if (t[0] === 0) {
      empty += bce(g[0]!, 0);
      continue;
    }
    object += bce(g[0]!, 1);
    box += (sigmoid(g[1]!) - t[1]!) ** 2 + (sigmoid(g[2]!) - t[2]!) ** 2
      + (Math.sqrt(sigmoid(g[3]!)) - Math.sqrt(t[3]!)) ** 2 + (Math.sqrt(sigmoid(g[4]!)) - Math.sqrt(t[4]!)) ** 2;
    const z = Math.log(Math.exp(g[5]!) + Math.exp(g[6]!));
    classes += -(t[5]! * (g[5]! - z) + t[6]! * (g[6]! - z));
  }
  return { total: object + w.coord * box + w.noObject * empty + classes, box, empty };
}

/** The loss the worker side computes for a run with these weights. */
function workerLoss(target: Float32Array, boxLoss: BoxLoss | undefined): number {
  const task = workerTaskWith('detection', taskLossOptions(dataset, undefined, boxLoss));
  return tf.tidy(() => task.lossPerExample(tf.tensor4d(GRID, [1, 2, 2, 7]), tf.tensor2d(target, [1, 28])).arraySync()[0]!);
}

describe("the detector's loss weights", () => {
  const target = new Float32Array(28);
  writeGridTarget([{ classIndex: 2, x0: 9, y0: 2, x1: 12, y1: 5 }], target, 0, data);

  it('weigh the box error and the empty cells as YOLO v1 says, by default 5 and 0.5', () => {
    expect(workerLoss(target, undefined)).toBeCloseTo(reference(target, DEFAULT_BOX_LOSS).total, 4);
    expect(workerLoss(target, DEFAULT_BOX_LOSS)).toBeCloseTo(reference(target, DEFAULT_BOX_LOSS).total, 4);
  });

  it('change the loss by the change in weight times the term it weighs', () => {
    const { box, empty } = reference(target, DEFAULT_BOX_LOSS);
    expect(box).toBeGreaterThan(0.05);
    expect(empty).toBeGreaterThan(0.5);
    const base = workerLoss(target, DEFAULT_BOX_LOSS);
    for (const w of [{ coord: 10, noObject: 0.5 }, { coord: 5, noObject: 2 }, { coord: 0, noObject: 0 }, { coord: 20, noObject: 20 }]) {
      const got = workerLoss(target, w);
      expect(got).toBeCloseTo(reference(target, w).total, 4);
      expect(got - base).toBeCloseTo((w.coord - 5) * box + (w.noObject - 0.5) * empty, 4);
    }
  });

  it('travel to the helpers as numbers only when they differ from the defaults, and only for a detection run', () => {
    expect(taskLossOptions(dataset, undefined, DEFAULT_BOX_LOSS)).toBeUndefined();
    expect(taskLossOptions(dataset, undefined, { coord: 2, noObject: 1 })).toEqual({ boxLoss: { coord: 2, noObject: 1 } });
    const classification = { meta: { classNames: ['a', 'b'] } } as unknown as LoadedDataset;
    expect(taskLossOptions(classification, undefined, { coord: 2, noObject: 1 })).toBeUndefined();
  });
});
