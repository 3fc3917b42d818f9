// The tensor work of one worker's shard in a data-parallel step, shared by the coordinator (its own shard)
// and the helpers: the loss the engine minimises (mean cross-entropy on logits plus the L2 penalty, as
// steps.ts's trainStep), its gradient for every trainable variable, read back flat and ready to transfer.
// Nothing is applied here; the coordinator applies the size-weighted average (coordinator.ts).
import * as tf from '@tensorflow/tfjs';
import { l2Penalty, type BatchLayout } from '../steps';
import { workerTaskOf } from '../tasks/registry';

export interface ShardModel extends BatchLayout {
  /** The network up to its class scores (BuiltModel.logits). */
  readonly logits: tf.LayersModel;
  /** Trainable variables, in the order gradients travel. */
  readonly variables: readonly tf.Variable[];
  readonly weightDecay: number;
  readonly decayed: readonly tf.Variable[];
  /** The most tensor bytes seen, sampled when the forward pass's activations are alive. */
  readonly memory?: { peakBytes: number };
}

export interface ShardResult {
  /** The shard's mean data loss (without the penalty, as the chart shows) and accuracy. */
  readonly loss: number;
  readonly accuracy: number;
  readonly grads: Float32Array[];
}

/** The shard's loss, accuracy and gradients; `x` and `y` hold `n` examples. Leaves no tensors behind. */
export function shardStep(m: ShardModel, x: Float32Array, y: Float32Array | Int32Array, n: number): ShardResult {
  const [h, w, c] = m.inputShape;
  const task = m.task ?? workerTaskOf(undefined);
  const size = task.task.targetSize({ inputShape: m.inputShape, numClasses: m.numClasses });
  // Kept past the gradient's own tidy to be read; disposed here however the step ends.
  const seen: { loss?: tf.Scalar; accuracy?: tf.Scalar } = {};
  // The typed arrays are written to this holder, not returned from tf.tidy: tidy walks whatever it returns
  // looking for tensors, element by element through a Float32Array, which took longer than the step itself.
  const out: { grads: Float32Array[] } = { grads: [] };
  try {
    tf.tidy(() => {
      const xs = tf.tensor4d(x.subarray(0, n * h * w * c), [n, h, w, c]);
      const ys = tf.tensor2d(y.subarray(0, n * size), [n, size], 'float32');
      const { grads } = tf.variableGrads(() => {
        const logits = m.logits.apply(xs, { training: true }) as tf.Tensor;
        seen.accuracy = tf.keep(tf.mean(task.correctPerExample(logits, ys)) as tf.Scalar);
        const loss = tf.mean(task.lossPerExample(logits, ys)) as tf.Scalar;
        seen.loss = tf.keep(loss);
        if (m.memory) m.memory.peakBytes = Math.max(m.memory.peakBytes, tf.memory().numBytes);
        if (m.weightDecay === 0 || m.decayed.length === 0) return tf.clone(loss);
        return tf.add(loss, l2Penalty(m.decayed as tf.Variable[], m.weightDecay)) as tf.Scalar;
      }, m.variables as tf.Variable[]);
      out.grads = m.variables.map((v) => {
        const g = grads[v.name];
        if (g === undefined) throw new Error(`no gradient for ${v.name}`);
        // A copy: the backend's own array must not be transferred away.
        return (g.dataSync() as Float32Array).slice();
      });
    });
    const read = (t: tf.Tensor | undefined) => (t ? (t.dataSync()[0] as number) : Number.NaN);
    return { loss: read(seen.loss), accuracy: read(seen.accuracy), grads: out.grads };
  } finally {
    seen.loss?.dispose();
    seen.accuracy?.dispose();
  }
}
