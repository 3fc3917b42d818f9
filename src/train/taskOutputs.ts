// For a task whose metric needs every example's output rather than sums (detection's mAP): the raw outputs
// of a split's evaluation, read back batch by batch into one buffer in the split's order, and the true
// boxes in that same order, handed to the task's pure side once the split is done.
import type * as tf from '@tensorflow/tfjs';
import type { TaskSummary } from '../tasks/types';
import type { TargetBox } from '../tasks/detectionGrid';
import type { Session } from './session';

export interface OutputCollector {
  /** Reads back and disposes one batch's output (examples start..start+n of the evaluation order). */
  add(output: tf.Tensor, start: number, n: number): Promise<void>;
  summarize(): TaskSummary;
}

/** A collector for the session's test split, or null when its task needs only sums. */
export function outputCollector(session: Session): OutputCollector | null {
  const task = session.task?.task;
  const summarizeOutputs = task?.summarizeOutputs;
  if (task === undefined || summarizeOutputs === undefined) return null;
  const { test } = session.data;
  const data = { inputShape: session.inputShape, numClasses: session.numClasses };
  const size = task.outputShape(data).reduce((a, b) => a * b, 1);
  const all = new Float32Array(test.count * size);
  return {
    async add(output, start, n) {
      try {
        all.set((await output.data()) as Float32Array, start * size);
      } finally {
        output.dispose();
      }
      if (n * size > all.length - start * size) throw new Error('evaluation output beyond the split');
    },
    summarize() {
      const truths: (readonly TargetBox[])[] = Array.from(session.testOrder, (i) => test.boxes?.[i] ?? []);
      return summarizeOutputs(all, truths, data);
    },
  };
}
