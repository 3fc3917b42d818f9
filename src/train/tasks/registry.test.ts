// Every task has its tfjs side (found by the same id), and classification's loss and metric are the
// cross-entropy of the softmax and the arg-max match the engine has always used. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TASK, TASKS, taskOf } from '../../tasks/registry';
import { workerTaskOf } from './registry';

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
});
