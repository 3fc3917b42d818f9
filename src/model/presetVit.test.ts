// The transformer presets beside the convolutional ones they are compared with: ViT-tiny on MNIST and
// CIFAR-10, the hybrid (convolution stem, then the transformer) and the ResNet-style network of the same
// size, with their parameter counts stated.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { findPreset } from './presets';
import { resnetVitSize, vitHybrid, vitTiny } from './presetVit';
import type { DataShape, ModelSpec } from './spec';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
const CIFAR: DataShape = { inputShape: [32, 32, 3], numClasses: 10 };
const totals = (spec: ModelSpec, data: DataShape) => {
  const analysis = analyzeModel(spec, data);
  expect(analysis.issues).toEqual([]);
  return analysis.totals;
};

describe('transformer presets and their ResNet of the same size', () => {
  it('are in the preset menu, each on its dataset', () => {
    const on = (id: string) => findPreset(id)?.dataset;
    expect([on('vitTiny'), on('resnetVitMnist'), on('vitTinyCifar'), on('vitHybrid'), on('resnetVitCifar')])
      .toEqual(['mnist', 'mnist', 'cifar10', 'cifar10', 'cifar10']);
  });

  it('ViT-tiny for CIFAR-10: 4×4 patches make 8·8 = 64 tokens of 64, 4 heads, 4 layers, 142,026 parameters', () => {
    const spec = vitTiny();
    const blocks = new Map(analyzeModel(spec, CIFAR).blocks.map((b) => [b.id, b]));
    expect(blocks.get('patch1')?.outputShape).toEqual([64, 64]);
    expect(spec.blocks.filter((b) => b.kind === 'attention').map((b) => b.kind === 'attention' && b.heads)).toEqual([4, 4, 4, 4]);
    // 4·4·3·64 + 64, class token, 65·64 positions, 4 layers of 33,472, final norm, head 64·10 + 10
    expect(totals(spec, CIFAR)).toEqual({ trainable: 3136 + 64 + 4160 + 4 * 33_472 + 128 + 650, nonTrainable: 0 });
  });

  it('the hybrid cuts 2×2 patches from a convolution stem\'s half-size map: as many tokens, 148,042 parameters', () => {
    const spec = vitHybrid();
    const analysis = analyzeModel(spec, CIFAR);
    const patch = analysis.blocks.find((b) => spec.blocks.find((s) => s.id === b.id)?.kind === 'patchembed');
    expect(patch?.outputShape).toEqual([64, 64]);
    expect(spec.blocks.slice(0, 4).map((b) => b.kind)).toEqual(['input', 'conv2d', 'maxpool2d', 'patchembed']);
    expect(totals(spec, CIFAR)).toEqual({ trainable: 896 + 8256 + 64 + 4160 + 4 * 33_472 + 128 + 650, nonTrainable: 0 });
  });

  it('the ResNet-style network has about ViT-tiny\'s parameters: 140,562 vs 139,018 (MNIST), 140,994 vs 142,026 (CIFAR-10)', () => {
    const resnet = resnetVitSize();
    expect(resnet.blocks.filter((b) => b.kind === 'add')).toHaveLength(3);
    expect(totals(resnet, MNIST)).toEqual({ trainable: 140_562, nonTrainable: 912 });
    expect(totals(vitTiny(), MNIST).trainable).toBe(139_018);
    expect(totals(resnet, CIFAR)).toEqual({ trainable: 140_994, nonTrainable: 912 });
    for (const data of [MNIST, CIFAR]) {
      const ratio = totals(resnet, data).trainable / totals(vitTiny(), data).trainable;
      expect(Math.abs(ratio - 1)).toBeLessThan(0.02);
    }
  });
});
