// Networks tried for the CIFAR-10 target besides the presets (curve.node.ts NET=<name>).
import type { ModelSpec } from '../../src/model/spec';
import { chain, input, conv2d, batchNorm, activation, maxPool2d, flatten, softmax } from '../../src/model/presets';

const unit = (filters: number) => [conv2d(filters, 3, { padding: 'same', useBias: false }), batchNorm(), activation('relu')];

export const candidates: Record<string, () => ModelSpec> = {
  /** cifarBn with a third unit in the last stage. */
  deep: () => chain(input(), ...unit(16), maxPool2d(2), ...unit(32), ...unit(32), maxPool2d(2), ...unit(64), ...unit(64),
    maxPool2d(2), ...unit(128), flatten(), softmax()),
  /** One unit per stage, wider: fewer multiply-adds per image, more epochs in the budget. */
  lite: () => chain(input(), ...unit(32), maxPool2d(2), ...unit(64), maxPool2d(2), ...unit(128), maxPool2d(2), flatten(), softmax()),
};
