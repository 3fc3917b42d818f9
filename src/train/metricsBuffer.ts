// Per-step loss and accuracy, kept on the backend as scalar tensors and read back in groups. Reading a
// value after every step would stall the GPU pipeline (each read waits for the queue to drain); one
// stacked read every ~250 ms costs one sync and still gives the charts every single step.
import * as tf from '@tensorflow/tfjs';
import { DivergenceError } from './divergence';
import type { Divergence, MetricsBatch } from './api/protocol';

export { DivergenceError } from './divergence';

/** Looks at each read-back loss in order; a Divergence stops the run (see divergence.ts). */
export type LossCheck = (step: number, epoch: number, loss: number) => Divergence | null;

export interface MetricsBufferOptions {
  /** Read back and post at most this often (ms), apart from forced flushes at epoch end and pause. */
  readonly flushIntervalMs: number;
  /** Read back at the latest after this many steps, so the pending tensors stay few. */
  readonly maxPendingSteps: number;
  readonly now: () => number;
  /** Receives each batch; its arrays' buffers are fresh and may be transferred. */
  readonly post: (batch: MetricsBatch) => void;
  /** Default: only NaN / infinite losses diverge. */
  readonly check?: LossCheck;
  /** The learning rate in effect, reported with each batch. */
  readonly learningRate?: () => number;
}

const nanOnly: LossCheck = (step, epoch, loss) => (Number.isFinite(loss) ? null
  : { kind: 'nan', step, epoch, loss: null, startLoss: null, learningRate: Number.NaN, suggestedLearningRate: Number.NaN });

export class MetricsBuffer {
  private steps: number[] = [];
  private epochs: number[] = [];
  private losses: tf.Scalar[] = [];
  private accuracies: tf.Scalar[] = [];
  private lastFlush: number;

  constructor(private readonly options: MetricsBufferOptions) {
    this.lastFlush = options.now();
  }

  get pending(): number {
    return this.steps.length;
  }

  /** Takes ownership of the two scalars. */
  push(step: number, epoch: number, loss: tf.Scalar, accuracy: tf.Scalar): void {
    this.steps.push(step);
    this.epochs.push(epoch);
    this.losses.push(loss);
    this.accuracies.push(accuracy);
  }

  isDue(): boolean {
    if (this.pending === 0) return false;
    return this.pending >= this.options.maxPendingSteps || this.options.now() - this.lastFlush >= this.options.flushIntervalMs;
  }

  /**
   * Reads every pending step in one stacked read, posts them, and throws DivergenceError at the first
   * step the check rejects (after posting the steps before it, and that step too when its loss is
   * finite, so the chart shows where it went wrong).
   */
  async flush(): Promise<void> {
    this.lastFlush = this.options.now();
    const count = this.pending;
    if (count === 0) return;
    const steps = this.steps;
    const epochs = this.epochs;
    const values = await this.readAll();
    const check = this.options.check ?? nanOnly;
    let divergence: Divergence | null = null;
    let keep = count;
    for (let i = 0; i < count && divergence === null; i++) {
      divergence = check(steps[i] ?? 0, epochs[i] ?? 0, values[i] ?? Number.NaN);
      if (divergence) keep = divergence.kind === 'nan' ? i : i + 1;
    }
    if (keep > 0) {
      const learningRate = this.options.learningRate?.();
      this.options.post({
        step: Float64Array.from(steps.slice(0, keep)),
        epoch: Float64Array.from(epochs.slice(0, keep)),
        loss: values.slice(0, keep),
        accuracy: values.slice(count, count + keep),
        ...(learningRate === undefined ? {} : { learningRate }),
      });
    }
    if (divergence) throw new DivergenceError(divergence);
  }

  /** Drops pending steps unread (on stop or error). */
  dispose(): void {
    tf.dispose(this.losses);
    tf.dispose(this.accuracies);
    this.reset();
  }

  /** Losses then accuracies, one Float32Array; the scalars are disposed whatever happens. */
  private async readAll(): Promise<Float32Array> {
    const losses = this.losses;
    const accuracies = this.accuracies;
    this.reset();
    try {
      const stacked = tf.tidy(() => tf.concat([tf.stack(losses), tf.stack(accuracies)]));
      try {
        return (await stacked.data()) as Float32Array;
      } finally {
        stacked.dispose();
      }
    } finally {
      tf.dispose(losses);
      tf.dispose(accuracies);
    }
  }

  private reset(): void {
    this.steps = [];
    this.epochs = [];
    this.losses = [];
    this.accuracies = [];
  }
}
