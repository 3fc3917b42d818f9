// A convolution that reads the image itself needs no input gradient: nothing before it learns. tfjs's Conv2D
// layer calls the fused conv2d, whose gradient computes the input gradient eagerly all the same (one function
// returns the input, filter and bias gradients together). Measured on wasm: 17 of ~88 ms per LeNet-5 step at
// batch 128, 8.7 ms per cifarBn step at batch 64 (bench/node/stepProfile.node.ts). A conv layer on the input
// therefore computes unfused: conv2d, bias add and activation, ops whose gradients the tape takes only for what
// leads to a weight, so the image's gradient is never computed. The layer stays a Keras Conv2D (same weights,
// config and class), so exports, probes and the block map see no difference. (A conv with a fused ReLU already
// falls back to unfused ops while gradients are taken; the fused op, and its eager gradient, serve a linear one.)
import * as tf from '@tensorflow/tfjs';

/** What tfjs-layers' Conv2D keeps that the unfused call needs (its own fields, read as they are). */
interface ConvFields {
  readonly kernel: tf.LayerVariable;
  readonly bias: tf.LayerVariable | null;
  readonly useBias: boolean;
  readonly strides: number[];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: number | number[];
  readonly activation: { apply(x: tf.Tensor): tf.Tensor };
}

/** Makes `layer` (a built-in Conv2D with dilation 1 whose input is the model's input) compute unfused. */
export function unfuseInputConv(layer: tf.layers.Layer): void {
  const conv = layer as unknown as ConvFields;
  const call = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => tf.tidy(() => {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const [sh, sw] = conv.strides as [number, number];
    let y: tf.Tensor = tf.conv2d(x, conv.kernel.read() as tf.Tensor4D, [sh, sw], conv.padding);
    if (conv.useBias && conv.bias !== null) y = tf.add(y, conv.bias.read());
    return conv.activation.apply(y);
  });
  (layer as unknown as { call: typeof call }).call = call;
}
