// Every task has its tfjs side (found by the same id), and classification's loss and metric are the
// cross-entropy of the softmax and the arg-max match the engine has always used. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TASK, TASKS, taskOf } from '../../tasks/registry';
import { taskLossOptions, workerTaskOf, workerTaskWith } from './registry';
import { balancedClassWeights } from '../../tasks/segmentation';
import { diceLoss, pixelCrossEntropy } from './segmentation';
import type { LoadedDataset } from '../../data/types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('tasks', () => {
  it.each(TASKS.map((t) => [t.id, t]))('%s has a tfjs side with the same id and reports loss and accuracy first', (id, task) => {
    expect(workerTaskOf(id).id).toBe(id);
    expect(workerTaskOf(id).task).toBe(task);
    expect(task.metrics.slice(0, 2)).toEqual(['loss', 'accuracy']);
    expect(taskOf(id)).toBe(task);
  });

  it('falls back to classification for an unknown id', () => {
    expect(taskOf('nope')).toBe(DEFAULT_TASK);
    expect(DEFAULT_TASK.id).toBe('classification');
    expect(() => workerTaskOf('nope')).toThrow(/no worker side/);
  });

  it('classification: cross-entropy of the softmax per example, right when the top score is the label', () => {
    const task = workerTaskOf('classification');
    const [loss, correct] = tf.tidy(() => {
      const logits = tf.tensor2d([[2, 0, 0], [0, 0, 3]]);
      const labels = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
      return [task.lossPerExample(logits, labels).arraySync(), task.correctPerExample(logits, labels).arraySync()];
    });
    const lse = (xs: number[]) => Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
    expect(loss[0]).toBeCloseTo(lse([2, 0, 0]) - 2, 5);
    expect(loss[1]).toBeCloseTo(lse([0, 0, 3]), 5);
    expect(correct).toEqual([1, 0]);
    expect(task.task.targetSize({ inputShape: [4, 4, 1], numClasses: 10 })).toBe(10);
  });

  it('weighs classes by median frequency: the median class weighs 1, a rarer one more (hand-worked)', () => {
    // Pixel counts 6, 3, 1 and none: median of the present 3, so 0.5, 1, 3, and 1 for the absent class.
    expect(balancedClassWeights([0, 0, 0, 0, 0, 0, 1, 1, 1, 2], 4)).toEqual([0.5, 1, 3, 1]);
  });

  it('a segmentation run takes its Dice weight and class weights from the settings, and the training masks', () => {
    const data = { meta: { task: 'segmentation', classNames: ['bg', 'a'] }, train: { masks: Uint8Array.from([0, 0, 0, 1]) } } as unknown as LoadedDataset;
    expect(taskLossOptions(data, { dice: 0, balance: false })).toBeUndefined();
    expect(taskLossOptions(data, undefined)).toBeUndefined();
    const options = taskLossOptions(data, { dice: 2, balance: true });
    expect(options).toEqual({ dice: 2, classWeights: [2 / 3, 2] });
    const classification = { ...data, meta: { classNames: ['a', 'b'] } } as unknown as LoadedDataset;
    expect(taskLossOptions(classification, { dice: 2, balance: true })).toBeUndefined();
    const task = workerTaskWith('segmentation', options);
    const [got, want] = tf.tidy(() => {
      const logits = tf.tensor4d([0.5, -1, 2, 0, 0, 1, -0.3, 0.2], [1, 2, 2, 2]);
      const y = tf.tensor4d([1, 0, 1, 0, 1, 0, 0, 1], [1, 2, 2, 2]);
      const expected = tf.add(pixelCrossEntropy(logits, y, [2 / 3, 2]), tf.mul(2, diceLoss(logits, y))) as tf.Tensor1D;
      return [task.lossPerExample(logits, y).arraySync(), expected.arraySync()];
    });
    expect(got[0]).toBeCloseTo(want[0]!, 6);
  });
});
