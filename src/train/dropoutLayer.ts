// Dropout that is reproducible and still random. tf.layers.dropout with a seed draws its mask from a new
// generator seeded the same way on every call, so every training step drops the very same units: a fixed
// thinned network, not dropout. This layer derives a fresh seed per call from the block's seed and a call
// counter: a run with the same seed replays the same masks, and each step gets a new one.
import * as tf from '@tensorflow/tfjs';

export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundSeededDropout';
  private readonly rate: number;
  private readonly seed: number;
  private calls = 0;

  constructor(args: { name: string; rate: number; seed: number }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    // Inference passes values through unchanged; tfjs' dropout already scales kept values by 1/(1-rate).
    if (kwargs.training !== true || this.rate === 0) return tf.clone(x);
    const seed = (Math.imul(this.seed ^ this.calls, 2654435761) >>> 0) + 1;
    this.calls++;
    return tf.dropout(x, this.rate, undefined, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
