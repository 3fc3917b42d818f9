// The tensor work of one training step and one evaluation batch. Every intermediate lives inside a tidy;
// what leaves is a handful of scalars the caller owns, so tensor memory stays flat step after step.
import * as tf from '@tensorflow/tfjs';
import type { BatchBuffers, TargetLayout } from '../data/batches';
import { workerTaskOf } from './tasks/registry';
import type { WorkerTask } from './tasks/types';
import { applyScaledGradients, type ScaledVariables } from './blockTraining';

export { correctPerExample, crossEntropyFromLogits } from './tasks/classification';

/** What a step needs to turn the filled buffers into tensors. */
export interface BatchLayout {
  /** [height, width, channels] of one example. */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** What the output means: its loss and metric (src/train/tasks/); classification when absent. */
  readonly task?: WorkerTask;
}

const taskOf = (layout: BatchLayout): WorkerTask => layout.task ?? workerTaskOf(undefined);

/** How fillBatch writes this layout's targets: through its task (a one-hot row, or one per pixel). */
export function targetLayoutOf(layout: BatchLayout): TargetLayout {
  return { task: taskOf(layout).task, data: { inputShape: layout.inputShape, numClasses: layout.numClasses } };
}

export interface TrainContext extends BatchLayout {
  /** The network up to the class scores before its softmax (BuiltModel.logits): the loss is taken there. */
  readonly logits: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  /** The model's trainable variables, read once per run. */
  readonly variables: tf.Variable[];
  /** L2 weight decay factor (0 = off) and the weights it applies to: kernels, not biases or BN parameters. */
  readonly weightDecay: number;
  readonly decayed: tf.Variable[];
  /** Variables of blocks with their own learning-rate multiplier (blockTraining.ts); none when absent. */
  readonly scaled?: readonly ScaledVariables[];
  /** The most tensor bytes seen, sampled when the forward pass's activations are all alive. */
  readonly memory?: { peakBytes: number };
}

// tf.tensor keeps a reference to the array on the cpu backend instead of copying it: that is safe here
// only because each step's tensors are disposed before the buffers are filled again.
function batchTensors(buffers: BatchBuffers, n: number, layout: BatchLayout): [tf.Tensor4D, tf.Tensor2D] {
  const [h, w, c] = layout.inputShape;
  const xs = tf.tensor4d(buffers.x.subarray(0, n * h * w * c), [n, h, w, c]);
  const size = taskOf(layout).task.targetSize({ inputShape: layout.inputShape, numClasses: layout.numClasses });
  const ys = tf.tensor2d(buffers.y.subarray(0, n * size), [n, size], 'float32');
  return [xs, ys];
}

/** What a step leaves: mean loss and accuracy, and the gradient norms when they were asked for. */
export type StepResult = [loss: tf.Scalar, accuracy: tf.Scalar, gradientNorms?: tf.Tensor1D];

/**
 * One optimizer step on the first `n` examples of the buffers; returns [mean loss, accuracy]. Given
 * groups of variables (one per layer), it also returns the L2 norm of each group's gradient, taken from
 * the gradients this very step applies: the gradient-flow view then costs a few sums, not a backward pass
 * of its own. With weight decay on, these gradients include the decay term, as the update does.
 */
export function trainStep(ctx: TrainContext, buffers: BatchBuffers, n: number,
  normGroups?: readonly (readonly tf.Variable[])[]): StepResult {
  // The loss function runs in a tidy of its own that keeps only the loss, so the accuracy has to be kept
  // explicitly; the holder lets it out of the closure and lets a failure dispose it.
  const kept: { accuracy?: tf.Scalar; dataLoss?: tf.Scalar; norms?: tf.Tensor1D } = {};
  const task = taskOf(ctx);
  try {
    return tf.tidy(() => {
      const [xs, ys] = batchTensors(buffers, n, ctx);
      // What optimizer.minimize does, with the gradients in view between computing and applying them.
      const { value: loss, grads } = ctx.optimizer.computeGradients(
        () => {
          const logits = ctx.logits.apply(xs, { training: true }) as tf.Tensor;
          kept.accuracy = tf.keep(tf.mean(task.correctPerExample(logits, ys)) as tf.Scalar);
          const dataLoss = tf.mean(task.lossPerExample(logits, ys)) as tf.Scalar;
          if (ctx.memory) ctx.memory.peakBytes = Math.max(ctx.memory.peakBytes, tf.memory().numBytes);
          if (ctx.weightDecay === 0 || ctx.decayed.length === 0) return dataLoss;
          // The chart shows the data loss, so curves with and without decay compare; the penalty only
          // shapes the gradients (weightDecay * w for each kernel).
          kept.dataLoss = tf.keep(dataLoss);
          return tf.add(dataLoss, l2Penalty(ctx.decayed, ctx.weightDecay)) as tf.Scalar;
        },
        ctx.variables,
      );
      if (normGroups) kept.norms = tf.keep(groupNorms(normGroups, grads));
      applyScaledGradients(ctx.optimizer, ctx.variables, grads, ctx.scaled);
      if (!kept.accuracy) throw new Error('The optimizer returned no loss.');
      const result: StepResult = [kept.dataLoss ?? (loss as tf.Scalar), kept.accuracy];
      if (kept.dataLoss) loss.dispose();
      if (kept.norms) result.push(kept.norms);
      return result;
    });
  } catch (err) {
    for (const t of [kept.accuracy, kept.dataLoss, kept.norms]) t?.dispose();
    throw err;
  }
}

/** The L2 norm of each group's gradients, as one [groups] tensor (0 for a group with none). */
export function groupNorms(groups: readonly (readonly tf.Variable[])[], grads: tf.NamedTensorMap): tf.Tensor1D {
  return tf.stack(groups.map((group) => {
    const gs = group.map((v) => grads[v.name]).filter((g): g is tf.Tensor => g !== undefined);
    return gs.length > 0 ? tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g))))) : tf.scalar(0);
  })) as tf.Tensor1D;
}

/**
 * Loss and correct-answer count summed over the first `n` examples, then the task's own sums (segmentation:
 * per-class intersections and unions), as one tensor the caller owns. `logits` is the network up to its
 * class scores (BuiltModel.logits).
 */
export function evaluateBatch(logits: tf.LayersModel, buffers: BatchBuffers, n: number, layout: BatchLayout): tf.Tensor1D {
  return tf.tidy(() => {
    const [xs, ys] = batchTensors(buffers, n, layout);
    const scores = logits.apply(xs, { training: false }) as tf.Tensor;
    return lossAndCorrect(taskOf(layout), scores, ys);
  });
}

/**
 * evaluateBatch's sums, and each example's predicted class and its probability (the confusion matrix and
 * the most confident mistakes), from the same forward pass. The caller owns all three.
 */
export function evaluateBatchWithGuesses(logits: tf.LayersModel, buffers: BatchBuffers, n: number, layout: BatchLayout):
  [sums: tf.Tensor1D, guess: tf.Tensor1D, confidence: tf.Tensor1D] {
  return tf.tidy(() => {
    const [xs, ys] = batchTensors(buffers, n, layout);
    const scores = logits.apply(xs, { training: false }) as tf.Tensor;
    const task = taskOf(layout);
    // A class per pixel: the masks come as the guesses, with no confidence.
    if (task.pixelGuesses) return [lossAndCorrect(task, scores, ys), task.pixelGuesses(scores), tf.zeros([0]) as tf.Tensor1D];
    if (!task.guesses) throw new Error(`the ${task.id} task has no guess per example`);
    return [lossAndCorrect(task, scores, ys), ...task.guesses(scores)];
  });
}

/** evaluateBatch's sums and the network's raw output for the batch (detection's boxes). The caller owns both. */
export function evaluateBatchWithOutput(logits: tf.LayersModel, buffers: BatchBuffers, n: number, layout: BatchLayout):
  [sums: tf.Tensor1D, output: tf.Tensor] {
  return tf.tidy(() => {
    const [xs, ys] = batchTensors(buffers, n, layout);
    const scores = logits.apply(xs, { training: false }) as tf.Tensor;
    return [lossAndCorrect(taskOf(layout), scores, ys), scores];
  });
}

function lossAndCorrect(task: WorkerTask, scores: tf.Tensor, ys: tf.Tensor): tf.Tensor1D {
  const sums = tf.stack([tf.sum(task.lossPerExample(scores, ys)), tf.sum(task.correctPerExample(scores, ys))]) as tf.Tensor1D;
  return task.extraSums ? tf.concat([sums, task.extraSums(scores, ys)]) : sums;
}

/** weightDecay / 2 * sum of squares of every weight. */
export function l2Penalty(weights: tf.Variable[], weightDecay: number): tf.Scalar {
  return tf.mul(weightDecay / 2, tf.addN(weights.map((w) => tf.sum(tf.square(w))))) as tf.Scalar;
}

/** Kernels (rank >= 2) take weight decay; biases and batch-norm scales and offsets (rank 1) do not. */
export function decayedVariables(variables: tf.Variable[]): tf.Variable[] {
  return variables.filter((v) => v.rank >= 2);
}

/** The variables the optimizer updates: the layer weights marked trainable. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}
