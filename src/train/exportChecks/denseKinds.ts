// Networks of the dense-prediction blocks for the exporter tests: transposed convolutions with PyTorch
// padding and output padding, TensorFlow 'same' (one more row cropped after than before), per-axis
// kernels and strides, a dilation; bilinear and nearest upsampling; a crop that makes a U-Net skip fit its
// concat. `denseSettings` has settings TensorFlow.js's own layers cannot load (its export refuses it);
// `denseLoadable` has only settings they can.
import type { DataShape, ModelSpec } from '../../model/spec';

export const DENSE_DATA: DataShape = { inputShape: [10, 9, 2], numClasses: 3 };

export const denseSettingsNetwork = (): ModelSpec => ({
  blocks: [
    { kind: 'input', id: 'input', inputs: [] },
    { kind: 'conv2d', id: 'down', inputs: ['input'], filters: 4, kernel: 3, stride: 2, padding: 'same', activation: 'relu' },
    { kind: 'convtranspose2d', id: 'up1', inputs: ['down'], filters: 3, kernel: 3, stride: 2, padding: 1, outputPadding: 1, activation: 'leakyRelu' },
    { kind: 'upsample2d', id: 'bilinear', inputs: ['down'], scale: 2, interpolation: 'bilinear' },
    { kind: 'concat', id: 'cat1', inputs: ['up1', 'bilinear'] },
    { kind: 'crop2d', id: 'crop', inputs: ['cat1'], top: 0, bottom: 0, left: 1, right: 0 },
    { kind: 'concat', id: 'skip', inputs: ['crop', 'input'] },
    { kind: 'convtranspose2d', id: 'same', inputs: ['skip'], filters: 2, kernel: [3, 2], stride: [2, 1], padding: 'same', activation: 'sigmoid' },
    { kind: 'convtranspose2d', id: 'dilated', inputs: ['same'], filters: 2, kernel: 2, stride: 1, padding: 1, dilation: [2, 3], useBias: false },
    { kind: 'upsample2d', id: 'nearest', inputs: ['dilated'], scale: [1, 2] },
    { kind: 'flatten', id: 'flat', inputs: ['nearest'] },
    { kind: 'softmax', id: 'output', inputs: ['flat'] },
  ],
});

export const denseLoadableNetwork = (): ModelSpec => ({
  blocks: [
    { kind: 'input', id: 'input', inputs: [] },
    { kind: 'conv2d', id: 'down', inputs: ['input'], filters: 4, kernel: 3, stride: 2, padding: 'same' },
    { kind: 'convtranspose2d', id: 'same', inputs: ['down'], filters: 3, kernel: 3, stride: 2, padding: 'same', activation: 'relu' },
    { kind: 'convtranspose2d', id: 'dcgan', inputs: ['same'], filters: 2, kernel: [4, 3], stride: 2, padding: 1, activation: 'tanh' },
    { kind: 'crop2d', id: 'crop', inputs: ['dcgan'], top: 1, bottom: 2, left: 3, right: 0 },
    { kind: 'upsample2d', id: 'nearest', inputs: ['crop'], scale: [2, 1] },
    { kind: 'flatten', id: 'flat', inputs: ['nearest'] },
    { kind: 'softmax', id: 'output', inputs: ['flat'] },
  ],
});
