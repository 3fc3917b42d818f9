// A task's tfjs side: its loss and its metric per example, from the network's raw output and the targets.
import type * as tf from '@tensorflow/tfjs';

export interface WorkerTask {
  readonly id: string;
  /** Numbers in one example's target (a one-hot row of numClasses for classification). */
  targetSize(numClasses: number): number;
  lossPerExample(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D;
  /** 1 for a right answer, 0 for a wrong one: its mean is the accuracy. */
  correctPerExample(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D;
}
