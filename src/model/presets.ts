// Ready-made networks the student can train here, sized for MNIST or CIFAR-10. The DSL that writes them
// lives in dsl.ts and is re-exported, so `chain(input(), conv2d(6, 5), ...)` is one import away.
import { activation, chain, conv2d, dense, flatten, input, maxPool2d, softmax } from './dsl';
import { alexnetStyle, cifarBn, cifarSmall, inceptionStyle, resnetStyle, vggStyle } from './presetNets';
import { resnetVitSize, vitHybrid, vitTiny } from './presetVit';
import { shapesEncoderDecoder, shapesFcn, shapesUnet } from './segmentationNets';
import { gridDetector } from './detectionNets';
import { alexnet, googlenet, lenet5Classic, resnet18, resnet50, vgg16 } from './reference';
import type { DataShape, ModelSpec, Shape } from './spec';

export * from './dsl';

/**
 * LeNet-5 for 28x28x1 digits. The first convolution pads 2 pixels on each side, so the 28x28 image
 * stays 28x28 as the 32x32 input of the 1998 original did; ReLU and max pooling replace tanh and
 * subsampling, as most courses do today. With 10 classes: 61,706 parameters.
 */
export function lenet5Mnist(): ModelSpec {
  return chain(
    input(),
    conv2d(6, 5, { padding: 2 }), activation('relu'), maxPool2d(2),
    conv2d(16, 5), activation('relu'), maxPool2d(2),
    flatten(),
    dense(120), activation('relu'),
    dense(84), activation('relu'),
    softmax(),
  );
}

/** No convolution at all: the baseline that shows what convolutions add. */
export function mlp(): ModelSpec {
  return chain(input(), flatten(), dense(64), activation('relu'), softmax());
}

/** A small, quick CNN: trains in seconds even on the CPU backend. */
export function tinyCnn(): ModelSpec {
  return chain(
    input(),
    conv2d(8, 3, { padding: 'same' }), activation('relu'), maxPool2d(2),
    flatten(),
    softmax(),
  );
}

/** The datasets presets are sized for; 'imagenet' marks the reference architectures (not trainable here). */
export type PresetDataset = 'mnist' | 'cifar10' | 'shapes' | 'mnistScenes' | 'imagenet';

export interface Preset {
  readonly id: string;
  /** Key in the i18n 'model' namespace. */
  readonly nameKey: string;
  readonly build: () => ModelSpec;
  /** The dataset the network is sized for. */
  readonly dataset: PresetDataset;
  /** False for the full-size reference architectures: to study, far too large to train in a browser. */
  readonly trainable: boolean;
  /** The input shape and classes a reference architecture was published for (the dataset's otherwise). */
  readonly inputShape?: Shape;
  readonly numClasses?: number;
}

const trainable = (id: string, dataset: Exclude<PresetDataset, 'imagenet'>, build: () => ModelSpec): Preset =>
  ({ id, nameKey: `preset.${id}`, build, dataset, trainable: true });

const IMAGENET = { dataset: 'imagenet', trainable: false, inputShape: [224, 224, 3], numClasses: 1000 } as const;

/** Trainable networks, in menu order; the first is the default. */
export const PRESETS: readonly Preset[] = [
  trainable('lenet5', 'mnist', lenet5Mnist),
  trainable('mlp', 'mnist', mlp),
  trainable('tinyCnn', 'mnist', tinyCnn),
  trainable('cifarSmall', 'cifar10', cifarSmall),
  trainable('alexnetStyle', 'cifar10', alexnetStyle),
  trainable('vggStyle', 'cifar10', vggStyle),
  trainable('resnetStyle', 'cifar10', resnetStyle),
  trainable('inceptionStyle', 'cifar10', inceptionStyle),
  trainable('cifarBn', 'cifar10', cifarBn),
  trainable('vitTiny', 'mnist', () => vitTiny()),
  trainable('resnetVitMnist', 'mnist', resnetVitSize),
  trainable('vitTinyCifar', 'cifar10', () => vitTiny()),
  trainable('vitHybrid', 'cifar10', () => vitHybrid()),
  trainable('resnetVitCifar', 'cifar10', resnetVitSize),
  trainable('shapesFcn', 'shapes', shapesFcn),
  trainable('shapesUnet', 'shapes', shapesUnet),
  trainable('shapesEncoderDecoder', 'shapes', shapesEncoderDecoder),
  trainable('gridDetector', 'mnistScenes', gridDetector),
];

/** Full-size reference architectures with their published input shapes and 1000 ImageNet classes. */
export const REFERENCE_PRESETS: readonly Preset[] = [
  { id: 'lenet5Classic', nameKey: 'preset.lenet5Classic', build: lenet5Classic, dataset: 'mnist', trainable: false, inputShape: [32, 32, 1], numClasses: 10 },
  { id: 'alexnet', nameKey: 'preset.alexnet', build: alexnet, ...IMAGENET, inputShape: [227, 227, 3] },
  { id: 'vgg16', nameKey: 'preset.vgg16', build: vgg16, ...IMAGENET },
  { id: 'resnet18', nameKey: 'preset.resnet18', build: resnet18, ...IMAGENET },
  { id: 'resnet50', nameKey: 'preset.resnet50', build: resnet50, ...IMAGENET },
  { id: 'googlenet', nameKey: 'preset.googlenet', build: googlenet, ...IMAGENET },
];

export const ALL_PRESETS: readonly Preset[] = [...PRESETS, ...REFERENCE_PRESETS];

export function findPreset(id: string): Preset | undefined {
  return ALL_PRESETS.find((p) => p.id === id);
}

/** The data shape to analyse a preset with: its own for reference nets, else the given dataset's. */
export function presetDataShape(preset: Preset, datasetShape: DataShape): DataShape {
  return {
    inputShape: preset.inputShape ?? datasetShape.inputShape,
    numClasses: preset.numClasses ?? datasetShape.numClasses,
  };
}
