// A network with every block kind the app has, for the format tests: asymmetric TensorFlow 'same' pooling
// (max and average), explicit zero padding of conv and both pools, a residual add, a concat of global
// max / average pools with a flattened branch, batch norm on images and on features, fused and separate
// activations of every function, a dense layer without bias, dropout.
import type { DataShape, ModelSpec } from '../../model/spec';

export const EVERY_KIND_DATA: DataShape = { inputShape: [12, 10, 3], numClasses: 7 };

export const everyKindNetwork = (): ModelSpec => ({
  blocks: [
    { kind: 'input', id: 'input', inputs: [] },
    { kind: 'conv2d', id: 'conv1', inputs: ['input'], filters: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxpool2d', id: 'pool1', inputs: ['conv1'], size: 3, stride: 2, padding: 'same' },
    { kind: 'conv2d', id: 'conv2', inputs: ['pool1'], filters: 4, kernel: [3, 2], stride: 1, padding: 'same', activation: 'leakyRelu' },
    { kind: 'add', id: 'add1', inputs: ['conv2', 'pool1'] },
    { kind: 'batchnorm', id: 'bn1', inputs: ['add1'], epsilon: 0.01 },
    { kind: 'activation', id: 'act1', inputs: ['bn1'], fn: 'elu', alpha: 0.5 },
    { kind: 'maxpool2d', id: 'pool2', inputs: ['act1'], size: 2, stride: 1, padding: 1 },
    { kind: 'avgpool2d', id: 'pool3', inputs: ['act1'], size: 3, stride: 2, padding: 'same' },
    { kind: 'avgpool2d', id: 'pool4', inputs: ['pool2'], size: 2, stride: 2, padding: 1 },
    { kind: 'globalavgpool', id: 'gap', inputs: ['pool4'] },
    { kind: 'globalmaxpool', id: 'gmp', inputs: ['pool3'] },
    { kind: 'conv2d', id: 'conv3', inputs: ['pool3'], filters: 3, kernel: 2, stride: 1, padding: 1, dilation: 2, useBias: false, activation: 'sigmoid' },
    { kind: 'activation', id: 'act2', inputs: ['conv3'], fn: 'leakyRelu', alpha: 0.2 },
    { kind: 'flatten', id: 'flat', inputs: ['act2'] },
    { kind: 'activation', id: 'act3', inputs: ['flat'], fn: 'tanh' },
    { kind: 'convtranspose2d', id: 'tconv', inputs: ['act1'], filters: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1, activation: 'leakyRelu' },
    { kind: 'crop2d', id: 'crop', inputs: ['tconv'], top: 1, bottom: 1, left: 0, right: 2 },
    { kind: 'upsample2d', id: 'up', inputs: ['crop'], scale: [1, 2], interpolation: 'bilinear' },
    { kind: 'globalmaxpool', id: 'gmp2', inputs: ['up'] },
    { kind: 'patchembed', id: 'patches', inputs: ['input'], patch: 4, width: 5 },
    { kind: 'flatten', id: 'flat3', inputs: ['patches'] },
    { kind: 'concat', id: 'cat', inputs: ['gap', 'gmp', 'act3', 'gmp2', 'flat3'] },
    { kind: 'dense', id: 'dense1', inputs: ['cat'], units: 9, activation: 'elu' },
    { kind: 'batchnorm', id: 'bn2', inputs: ['dense1'] },
    { kind: 'activation', id: 'act4', inputs: ['bn2'], fn: 'sigmoid' },
    { kind: 'dropout', id: 'drop', inputs: ['act4'], rate: 0.3 },
    { kind: 'dense', id: 'dense2', inputs: ['drop'], units: 8, useBias: false, activation: 'tanh' },
    { kind: 'activation', id: 'act5', inputs: ['dense2'], fn: 'relu' },
    { kind: 'activation', id: 'act6', inputs: ['act5'], fn: 'linear' },
    { kind: 'flatten', id: 'flat2', inputs: ['act6'] },
    { kind: 'softmax', id: 'output', inputs: ['flat2'] },
  ],
});

/** Block ids that clash with the ONNX graph's input and output names and with the names it makes itself. */
export const clashingIdsNetwork = (): ModelSpec => ({
  blocks: [
    { kind: 'input', id: 'probabilities', inputs: [] },
    { kind: 'conv2d', id: 'images', inputs: ['probabilities'], filters: 3, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { kind: 'maxpool2d', id: 'images_2', inputs: ['images'], size: 2, stride: 2, padding: 'valid' },
    { kind: 'batchnorm', id: 'images_2.Relu', inputs: ['images_2'] },
    { kind: 'flatten', id: 'images-2', inputs: ['images_2.Relu'] },
    { kind: 'softmax', id: 'N', inputs: ['images-2'] },
  ],
});
