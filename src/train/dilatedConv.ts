// A dilated (atrous) convolution that can be trained. tfjs 4.22 computes dilated convolutions forward, but
// its Conv2D gradient refuses dilation rates above 1 on every backend ("not yet supported in gradients").
// TensorFlow itself computes atrous convolutions the same way as here (tf.nn.with_space_to_batch):
// space-to-batch splits the image into d*d interleaved sub-images, an ordinary convolution runs on each,
// batch-to-space weaves the results back. All three ops have gradients in tfjs, on every backend.
// Weights are laid out as Keras's Conv2D (kernel [kh, kw, inC, filters], then bias), so parameter counts,
// weight names and probes see an ordinary convolution.
import * as tf from '@tensorflow/tfjs';

type Fused = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear';
type Init = ReturnType<typeof tf.initializers.zeros>;

export interface DilatedConv2DArgs {
  readonly name: string;
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly dilationRate: [number, number];
  readonly padding: 'valid' | 'same';
  readonly useBias: boolean;
  readonly activation: Fused;
  readonly kernelInitializer: Init;
}

/** [before, after] padding and the extra rows that make the padded size a multiple of the rate. */
function axisPlan(size: number, kernel: number, rate: number, padding: 'valid' | 'same') {
  const reach = rate * (kernel - 1) + 1;
  const total = padding === 'same' ? reach - 1 : 0; // stride is always 1 with a dilation (core rule)
  const before = Math.floor(total / 2);
  const padded = size + total;
  const extra = (rate - (padded % rate)) % rate;
  return { pad: [before, total - before + extra] as [number, number], crop: [0, extra] as [number, number], out: padded - reach + 1 };
}

export class DilatedConv2D extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundDilatedConv2D';
  private readonly args: DilatedConv2DArgs;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: DilatedConv2DArgs) {
    super({ name: args.name });
    this.args = args;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[3] as number;
    const { kernelSize: [kh, kw], filters, kernelInitializer, useBias } = this.args;
    this.kernel = this.addWeight('kernel', [kh, kw, channels, filters], 'float32', kernelInitializer);
    if (useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, h, w] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const { kernelSize: [kh, kw], dilationRate: [dh, dw], padding, filters } = this.args;
    return [batch ?? null, axisPlan(h as number, kh, dh, padding).out, axisPlan(w as number, kw, dw, padding).out, filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      if (this.kernel === null) throw new Error('DilatedConv2D called before build');
      const { kernelSize: [kh, kw], dilationRate: [dh, dw], padding, activation } = this.args;
      const hp = axisPlan(x.shape[1], kh, dh, padding);
      const wp = axisPlan(x.shape[2], kw, dw, padding);
      const split = tf.spaceToBatchND(x, [dh, dw], [hp.pad, wp.pad]);
      const conv = tf.conv2d(split as tf.Tensor4D, this.kernel.read() as tf.Tensor4D, 1, 'valid');
      let y: tf.Tensor = tf.batchToSpaceND(conv, [dh, dw], [hp.crop, wp.crop]);
      if (this.bias !== null) y = tf.add(y, this.bias.read());
      return activate(y, activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, dilationRate, padding, useBias, activation } = this.args;
    return {
      ...super.getConfig(), filters, padding, useBias, activation, kernelSize: [...kernelSize], dilationRate: [...dilationRate],
    };
  }
}

export function activate(y: tf.Tensor, fn: Fused): tf.Tensor {
  switch (fn) {
    case 'relu': return tf.relu(y);
    case 'elu': return tf.elu(y);
    case 'sigmoid': return tf.sigmoid(y);
    case 'tanh': return tf.tanh(y);
    case 'linear': return y;
  }
}

tf.serialization.registerClass(DilatedConv2D);
