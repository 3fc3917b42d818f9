// ELU with any alpha. tfjs' elu layer accepts only alpha = 1 ("Non-default alpha value is not supported"),
// but the playground lets students change it: x for x > 0, alpha * (e^x - 1) otherwise.
import * as tf from '@tensorflow/tfjs';

export class EluAlpha extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundEluAlpha';
  private readonly alpha: number;

  constructor(args: { name: string; alpha: number }) {
    super({ name: args.name });
    this.alpha = args.alpha;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      // elu(x) is e^x - 1 below zero and x above, relu(x) is 0 below and x above, so this mix is x above
      // zero and alpha * (e^x - 1) below: built only of ops with gradients on every backend (a
      // comparison, as in where(x > 0, ...), has none in tfjs).
      return tf.add(tf.mul(tf.relu(x), 1 - this.alpha), tf.mul(tf.elu(x), this.alpha));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

tf.serialization.registerClass(EluAlpha);
