// Dropout that is reproducible and still random. tf.layers.dropout with a seed draws its mask from a new
// generator seeded the same way on every call, so every training step drops the very same units: a fixed
// thinned network, not dropout. This layer draws its mask from (block seed, epoch, step), read from a clock
// the training loop sets before each step: a run with the same seed replays the same masks, each step gets
// a new one, and a step taken again (after a pause, or on another backend after a lost GPU context) gets
// the very mask it had the first time. Data-parallel workers each hold a share of the batch: a worker draws
// the whole batch's mask and keeps its own rows, so every example gets the mask it would get on one worker
// and the run does not depend on how many workers share the batch.
import * as tf from '@tensorflow/tfjs';

/**
 * Where the training loop is, set before each step: the position the dropout masks are drawn for, and which
 * part of the batch this forward pass holds (batch norm reads `groups`, kernels/batchNormLayer.ts).
 */
export interface DropoutClock {
  epoch: number;
  step: number;
  /** The whole batch's size, when this pass holds only rows offset .. offset + n of it (data-parallel). */
  batch?: number;
  offset?: number;
  /** The sizes of the batch-norm groups (virtual shards) of this pass, in order; absent: the whole pass is one. */
  groups?: readonly number[];
}

export const createDropoutClock = (): DropoutClock => ({ epoch: 0, step: 0 });

/** A 32-bit seed from the layer's seed and the clock (murmur3's finaliser over each word). */
export function maskSeed(layerSeed: number, epoch: number, step: number): number {
  let h = layerSeed >>> 0;
  for (const word of [epoch, step]) {
    h = Math.imul(h ^ (word >>> 0), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  // tf.dropout treats seed 0 like any other; +1 keeps it clear of "no seed" checks elsewhere.
  return h + 1;
}

export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundSeededDropout';
  private readonly rate: number;
  private readonly seed: number;
  private readonly clock: DropoutClock;

  constructor(args: { name: string; rate: number; seed: number; clock?: DropoutClock }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
    this.clock = args.clock ?? createDropoutClock();
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    // Inference passes values through unchanged; tfjs' dropout already scales kept values by 1/(1-rate).
    if (kwargs.training !== true || this.rate === 0) return tf.clone(x);
    const seed = maskSeed(this.seed, this.clock.epoch, this.clock.step);
    const { batch, offset = 0 } = this.clock;
    const n = x.shape[0] ?? 0;
    if (batch === undefined || (offset === 0 && batch === n) || offset + n > batch) return tf.dropout(x, this.rate, undefined, seed);
    // tf.dropout's own mask, drawn for the whole batch, of which this pass keeps its rows.
    return tf.tidy(() => {
      const keep = 1 - this.rate;
      const noise = tf.slice(tf.randomUniform([batch, ...x.shape.slice(1)], 0, 1, 'float32', seed), offset, n);
      return tf.mul(x, tf.div(tf.floor(tf.add(noise, keep)), keep));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
