// The transposed convolution the playground trains: Keras's Conv2DTranspose with 'valid' padding, an
// output padding and a dilation rate (tfjs 4.22's own layer ignores both). The crop that PyTorch's
// padding or TensorFlow's 'same' makes is a Cropping2D layer after it (src/train/blocks/convTranspose2d.ts),
// so the export is the same two standard Keras layers. Built from ops with gradients on every backend: a
// dilated kernel is the kernel with d-1 zeros between its taps, the output padding is a larger output
// shape for conv2dTranspose (the rows after get no patch, only the bias).
import * as tf from '@tensorflow/tfjs';
import { activate } from './dilatedConv';

type Fused = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear';
type Init = ReturnType<typeof tf.initializers.zeros>;

export interface ConvTranspose2DArgs {
  readonly name: string;
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly dilationRate: [number, number];
  readonly outputPadding: [number, number];
  readonly useBias: boolean;
  readonly activation: Fused;
  readonly kernelInitializer: Init;
}

/** (in - 1)*s + d*(k - 1) + 1 + output padding: every patch, and the rows after. */
export const transposedLength = (size: number, kernel: number, stride: number, dilation: number, extra: number): number =>
  (size - 1) * stride + dilation * (kernel - 1) + 1 + extra;

/** The kernel [kh, kw, out, in] with d-1 zero taps between its taps along the two spatial axes. */
export function dilateKernel(kernel: tf.Tensor4D, [dh, dw]: readonly [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    let k = kernel;
    const [kh, kw, o, i] = k.shape;
    if (dh > 1) {
      const spread = tf.pad(k.reshape([kh, 1, kw, o, i]), [[0, 0], [0, dh - 1], [0, 0], [0, 0], [0, 0]]);
      k = spread.reshape([kh * dh, kw, o, i]).slice([0, 0, 0, 0], [dh * (kh - 1) + 1, kw, o, i]) as tf.Tensor4D;
    }
    if (dw > 1) {
      const [h] = k.shape;
      const spread = tf.pad(k.reshape([h, kw, 1, o, i]), [[0, 0], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
      k = spread.reshape([h, kw * dw, o, i]).slice([0, 0, 0, 0], [h, dw * (kw - 1) + 1, o, i]) as tf.Tensor4D;
    }
    return k;
  });
}

export class ConvTranspose2D extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundConvTranspose2D';
  private readonly args: ConvTranspose2DArgs;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: ConvTranspose2DArgs) {
    super({ name: args.name });
    this.args = args;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const { kernelSize: [kh, kw], filters, kernelInitializer, useBias } = this.args;
    this.kernel = this.addWeight('kernel', [kh, kw, filters, shape[3] as number], 'float32', kernelInitializer);
    if (useBias) this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  private outSize(h: number, w: number): [number, number] {
    const { kernelSize: [kh, kw], strides: [sh, sw], dilationRate: [dh, dw], outputPadding: [eh, ew] } = this.args;
    return [transposedLength(h, kh, sh, dh, eh), transposedLength(w, kw, sw, dw, ew)];
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, h, w] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [batch ?? null, ...this.outSize(h as number, w as number), this.args.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      if (this.kernel === null) throw new Error('ConvTranspose2D called before build');
      const { strides, dilationRate, filters, activation } = this.args;
      const kernel = dilateKernel(this.kernel.read() as tf.Tensor4D, dilationRate);
      const [h, w] = this.outSize(x.shape[1], x.shape[2]);
      let y: tf.Tensor = tf.conv2dTranspose(x, kernel, [x.shape[0], h, w, filters], strides, 'valid');
      if (this.bias !== null) y = tf.add(y, this.bias.read());
      return activate(y, activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, dilationRate, outputPadding, useBias, activation } = this.args;
    return {
      ...super.getConfig(), filters, useBias, activation, kernelSize: [...kernelSize], strides: [...strides],
      dilationRate: [...dilationRate], outputPadding: [...outputPadding],
    };
  }
}

tf.serialization.registerClass(ConvTranspose2D);
