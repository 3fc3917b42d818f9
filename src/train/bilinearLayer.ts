// Bilinear upsampling by whole factors with half-pixel centres, as Keras's UpSampling2D and PyTorch's
// align_corners=False compute it. tfjs 4.22's resizeBilinear takes halfPixelCenters forward, but its
// gradient kernel ignores the flag; here the resize is two matrix products (src/blocks/common/
// interpolation.ts), which have gradients on every backend: y = A_h · x · A_wᵀ per image and channel.
import * as tf from '@tensorflow/tfjs';
import { interpolationMatrix } from '../blocks/common/interpolation';

export class BilinearUpSampling2D extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundBilinearUpSampling2D';
  private readonly size: [number, number];

  constructor(args: { name: string; size: [number, number] }) {
    super({ name: args.name });
    this.size = args.size;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [b, h, w, c] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [b ?? null, (h as number) * this.size[0], (w as number) * this.size[1], c ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const [b, h, w, c] = x.shape;
      const [sh, sw] = this.size;
      const rows = tf.tensor2d(interpolationMatrix(h, sh, 'bilinear'), [h * sh, h]);
      const cols = tf.tensor2d(interpolationMatrix(w, sw, 'bilinear'), [w * sw, w]);
      // [h, b*w*c] -> rows -> [h*sh, b, w, c] -> [w, b, h*sh, c] -> cols -> [w*sw, b, h*sh, c] -> NHWC.
      const tall = tf.matMul(rows, tf.transpose(x, [1, 0, 2, 3]).reshape([h, b * w * c])).reshape([h * sh, b, w, c]);
      const wide = tf.matMul(cols, tf.transpose(tall, [2, 1, 0, 3]).reshape([w, b * h * sh * c])).reshape([w * sw, b, h * sh, c]);
      return tf.transpose(wide, [1, 2, 0, 3]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: [...this.size], interpolation: 'bilinear' };
  }
}

tf.serialization.registerClass(BilinearUpSampling2D);
