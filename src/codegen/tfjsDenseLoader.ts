// dense-layers.js, shipped with a TensorFlow.js export whose transposed convolutions have an output
// padding or a dilation, or whose upsampling is bilinear: tfjs 4.x's own Conv2DTranspose ignores
// output_padding and dilation_rate, and its UpSampling2D reads bilinear at the corners where Keras,
// PyTorch and the playground use half-pixel centres. The loader registers both classes as Keras computes
// them (the ELU loader in tfjsModel.ts does the same for ELU's alpha). Only inference: no gradients needed.

/** Whether a standard layer of the exported model.json needs dense-layers.js to load as it was trained. */
export function needsDenseLoader(layer: { class_name: string; config: Record<string, unknown> }): boolean {
  const c = layer.config;
  if (layer.class_name === 'UpSampling2D') return c.interpolation === 'bilinear';
  if (layer.class_name !== 'Conv2DTranspose') return false;
  const [k, s, d, e] = [c.kernel_size, c.strides, c.dilation_rate, c.output_padding] as [number, number][];
  return [0, 1].some((a) => d?.[a] !== 1 || e?.[a] !== Math.max((s?.[a] ?? 1) - (k?.[a] ?? 1), 0));
}

export const TFJS_DENSE_LOADER = `// Teaches TensorFlow.js 4.x two Keras layers as Keras computes them: Conv2DTranspose with output_padding
// and dilation_rate, and UpSampling2D's bilinear interpolation with half-pixel centres.
// Usage: registerDenseLayers(tf); then tf.loadLayersModel('model.json').
function registerDenseLayers(tf) {
  const pair = (v, fallback) => (v == null ? [fallback, fallback] : Array.isArray(v) ? v : [v, v]);
  const ACTIVATIONS = { linear: (x) => x, relu: tf.relu, elu: tf.elu, sigmoid: tf.sigmoid, tanh: tf.tanh };

  // The kernel [kh, kw, out, in] with d - 1 zero taps between its taps along one spatial axis.
  function dilate(k, d, axis) {
    if (d === 1) return k;
    const shape = k.shape;
    const n = shape[axis];
    const spread = shape.slice(0, axis + 1).concat([1], shape.slice(axis + 1));
    const pads = spread.map(() => [0, 0]);
    pads[axis + 1] = [0, d - 1];
    const grown = shape.slice();
    grown[axis] = n * d;
    const size = shape.slice();
    size[axis] = d * (n - 1) + 1;
    return tf.slice(tf.reshape(tf.pad(tf.reshape(k, spread), pads), grown), shape.map(() => 0), size);
  }

  class Conv2DTranspose extends tf.layers.Layer {
    static className = 'Conv2DTranspose';
    constructor(config) {
      super(config);
      if ((config.padding || 'valid') !== 'valid') throw new Error('registerDenseLayers: Conv2DTranspose with padding valid only');
      this.filters = config.filters;
      this.kernelSize = pair(config.kernelSize, 1);
      this.strides = pair(config.strides, 1);
      this.dilation = pair(config.dilationRate, 1);
      const reach = [0, 1].map((a) => this.dilation[a] * (this.kernelSize[a] - 1) + 1);
      this.extra = config.outputPadding == null ? [0, 1].map((a) => Math.max(this.strides[a] - reach[a], 0)) : pair(config.outputPadding, 0);
      this.reach = reach;
      this.useBias = config.useBias !== false;
      this.activationName = config.activation || 'linear';
    }
    build(inputShape) {
      const channels = inputShape[inputShape.length - 1];
      this.kernel = this.addWeight('kernel', [...this.kernelSize, this.filters, channels], 'float32', tf.initializers.zeros());
      if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
      this.built = true;
    }
    outSize(h, w) {
      return [h, w].map((n, a) => (n - 1) * this.strides[a] + this.reach[a] + this.extra[a]);
    }
    computeOutputShape(s) {
      return [s[0], ...this.outSize(s[1], s[2]), this.filters];
    }
    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const kernel = dilate(dilate(this.kernel.read(), this.dilation[0], 0), this.dilation[1], 1);
        const [h, w] = this.outSize(x.shape[1], x.shape[2]);
        let y = tf.conv2dTranspose(x, kernel, [x.shape[0], h, w, this.filters], this.strides, 'valid');
        if (this.useBias) y = tf.add(y, this.bias.read());
        return ACTIVATIONS[this.activationName](y);
      });
    }
    getConfig() {
      return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, strides: this.strides,
        dilationRate: this.dilation, outputPadding: this.extra, useBias: this.useBias, activation: this.activationName, padding: 'valid' };
    }
  }

  class UpSampling2D extends tf.layers.Layer {
    static className = 'UpSampling2D';
    constructor(config) {
      super(config);
      this.size = pair(config.size, 2);
      this.interpolation = config.interpolation || 'nearest';
    }
    computeOutputShape(s) {
      return [s[0], s[1] * this.size[0], s[2] * this.size[1], s[3]];
    }
    call(inputs) {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const size = [x.shape[1] * this.size[0], x.shape[2] * this.size[1]];
        return this.interpolation === 'bilinear' ? tf.image.resizeBilinear(x, size, false, true) : tf.image.resizeNearestNeighbor(x, size);
      });
    }
    getConfig() {
      return { ...super.getConfig(), size: this.size, interpolation: this.interpolation };
    }
  }

  tf.serialization.registerClass(Conv2DTranspose);
  tf.serialization.registerClass(UpSampling2D);
}
if (typeof module !== 'undefined') module.exports = { registerDenseLayers };
`;
