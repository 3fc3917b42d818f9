// Dropout that is reproducible and still random. tf.layers.dropout with a seed draws its mask from a new
// generator seeded the same way on every call, so every training step drops the very same units: a fixed
// thinned network, not dropout. This layer draws its mask from (block seed, epoch, step), read from a clock
// the training loop sets before each step: a run with the same seed replays the same masks, each step gets
// a new one, and a step taken again (after a pause, or on another backend after a lost GPU context) gets
// the very mask it had the first time.
import * as tf from '@tensorflow/tfjs';

/** The training position the dropout masks are drawn for; the loop sets it before each step. */
export interface DropoutClock {
  epoch: number;
  step: number;
  /** Data-parallel training: which worker's shard of the batch this is (0, the coordinator's, draws as one worker does). */
  shard?: number;
}

export const createDropoutClock = (): DropoutClock => ({ epoch: 0, step: 0 });

/** A 32-bit seed from the layer's seed and the clock (murmur3's finaliser over each word). */
export function maskSeed(layerSeed: number, epoch: number, step: number, shard = 0): number {
  let h = layerSeed >>> 0;
  for (const word of shard > 0 ? [epoch, step, shard] : [epoch, step]) {
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
    return tf.dropout(x, this.rate, undefined, maskSeed(this.seed, this.clock.epoch, this.clock.step, this.clock.shard));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
