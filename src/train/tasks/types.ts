// A task's tfjs side: its loss and its metric per example, from the network's raw output and the targets.
import type * as tf from '@tensorflow/tfjs';
import type { TaskModule } from '../../tasks/types';

export interface WorkerTask {
  readonly id: string;
  /** The pure side, by the same id (src/tasks/): target layout, metric names, summaries. */
  readonly task: TaskModule;
  /** Per-example loss from the raw scores (logits) and the targets as the batch buffers hold them. */
  lossPerExample(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D;
  /** Per example, the share of right answers (1 or 0 for one label; the share of pixels): its mean is the accuracy. */
  correctPerExample(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D;
  /** Sums over a batch that TaskModule.summarize turns into the split's metrics (segmentation: IoU). */
  extraSums?(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D;
  /** One guess and its probability per example, for the confusion matrix and the mistakes (one label per image). */
  guesses?(output: tf.Tensor): [guess: tf.Tensor1D, confidence: tf.Tensor1D];
  /** One class per pixel: every example's predicted mask, flat (n * H * W), for the mask view and the pixel confusion matrix. */
  pixelGuesses?(output: tf.Tensor): tf.Tensor1D;
}
