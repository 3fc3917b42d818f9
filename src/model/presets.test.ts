import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { measureModel } from './cost';
import { alexnetStyle, cifarBn, cifarSmall, inceptionStyle, resnetStyle, vggStyle } from './presetNets';
import { activation, chain, conv2d, dense, flatten, input, lenet5Mnist, maxPool2d, ALL_PRESETS, PRESETS, softmax } from './presets';
import type { DataShape, ModelSpec } from './spec';
import { shapesEncoderDecoder, shapesFcn, shapesUnet } from './segmentationNets';
import { gridDetector } from './detectionNets';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;
const DATA: Record<'mnist' | 'cifar10' | 'shapes' | 'mnistScenes', DataShape> = {
  mnist: MNIST, cifar10: { inputShape: [32, 32, 3], numClasses: 10 }, shapes: { inputShape: [64, 64, 3], numClasses: 4 },
  mnistScenes: { inputShape: [64, 64, 1], numClasses: 11 },
};
/** What each dataset's task needs the network to output: a score per class, per image or per pixel. */
const OUTPUT: Record<keyof typeof DATA, readonly number[]> = { mnist: [10], cifar10: [10], shapes: [64, 64, 4], mnistScenes: [8, 8, 15] };

describe('chain', () => {
  it('wires each block to the one before, with readable ids', () => {
    const spec = chain(input(), conv2d(4, 3), activation(), conv2d(8, 3), flatten(), dense(5), softmax());
    expect(spec.blocks.map((b) => [b.id, b.inputs])).toEqual([
      ['input', []], ['conv1', ['input']], ['act1', ['conv1']], ['conv2', ['act1']], ['flatten', ['conv2']],
      ['dense1', ['flatten']], ['output', ['dense1']],
    ]);
  });

  it('fills in the defaults: stride 1 and valid padding for conv, stride = size for pooling', () => {
    const [, conv, pool] = chain(input(), conv2d(4, 3), maxPool2d(3)).blocks;
    expect(conv).toMatchObject({ kind: 'conv2d', filters: 4, kernel: 3, stride: 1, padding: 'valid' });
    expect(pool).toMatchObject({ kind: 'maxpool2d', size: 3, stride: 3, padding: 'valid' });
  });

  it('keeps given ids and never reuses one for an automatic id', () => {
    const spec = chain({ ...input(), id: 'conv1' }, conv2d(1, 1), { ...flatten(), id: 'x' }, softmax());
    expect(spec.blocks.map((b) => b.id)).toEqual(['conv1', 'conv2', 'x', 'output']);
    expect(spec.blocks[2]?.inputs).toEqual(['conv2']);
  });

  it('gives the second flatten a number', () => {
    expect(chain(input(), flatten(), flatten()).blocks.map((b) => b.id)).toEqual(['input', 'flatten', 'flatten2']);
  });
});

describe('presets', () => {
  it('have unique ids and a message key each', () => {
    expect(new Set(ALL_PRESETS.map((p) => p.id)).size).toBe(ALL_PRESETS.length);
    expect(PRESETS.map((p) => p.id)).toEqual(expect.arrayContaining(['lenet5', 'mlp']));
    for (const preset of ALL_PRESETS) expect(preset.nameKey).toBe(`preset.${preset.id}`);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is a valid network for its dataset, without warnings', (_id, preset) => {
    expect(preset.trainable).toBe(true);
    const dataset = preset.dataset as keyof typeof DATA;
    const analysis = analyzeModel(preset.build(), DATA[dataset]);
    expect(analysis.issues).toEqual([]);
    expect(analysis.outputShape).toEqual(OUTPUT[dataset]);
  });

  it('shapesFcn keeps the full resolution and sees a whole object: a 33-pixel receptive field, 17.7 M multiply-adds', () => {
    const data = DATA.shapes;
    const analysis = analyzeModel(shapesFcn(), data);
    const cost = measureModel(shapesFcn(), analysis, data);
    expect(cost.totals.macs).toBe(64 * 64 * (27 * 8 + 72 * 8 + 72 * 16 + 144 * 16 + 16 * 4));
    expect(cost.blocks.at(-1)?.receptiveField?.size).toEqual([33, 33]);
  });

  it('the small U-Net carries full-resolution maps to its head by skips; the encoder-decoder without skips does not', () => {
    const data = DATA.shapes;
    const kinds = (spec: ModelSpec) => spec.blocks.map((b) => b.kind).filter((k) => k !== 'concat');
    expect(kinds(shapesUnet())).toEqual(kinds(shapesEncoderDecoder()));
    expect(shapesUnet().blocks.filter((b) => b.kind === 'concat')).toHaveLength(2);
    expect(shapesEncoderDecoder().blocks.some((b) => b.kind === 'concat')).toBe(false);
    // A path from the input to the head that skips both poolings exists only with skips.
    const unpooled = (spec: ModelSpec): boolean => {
      const byId = new Map(spec.blocks.map((b) => [b.id, b]));
      const reach = (id: string): boolean => {
        const b = byId.get(id)!;
        if (b.kind === 'input') return true;
        return b.kind !== 'maxpool2d' && b.inputs.some(reach);
      };
      return reach(spec.blocks.at(-1)!.id);
    };
    expect(unpooled(shapesUnet())).toBe(true);
    expect(unpooled(shapesEncoderDecoder())).toBe(false);
    for (const spec of [shapesUnet(), shapesEncoderDecoder()]) {
      const analysis = analyzeModel(spec, data);
      expect(analysis.outputShape).toEqual([64, 64, 4]);
      // Cheap enough to train on wasm in minutes: under 30 M multiply-adds per image.
      expect(measureModel(spec, analysis, data).totals.macs).toBeLessThan(30e6);
    }
  });

  it('gridDetector gives an 8x8 grid whose cells each see a whole digit: a 38-pixel receptive field, 12.4 M multiply-adds', () => {
    const data = DATA.mnistScenes;
    const analysis = analyzeModel(gridDetector(), data);
    const cost = measureModel(gridDetector(), analysis, data);
    expect(cost.totals.macs).toBe(64 * 64 * 9 * 16 + 32 * 32 * 9 * 16 * 32 + 16 * 16 * 9 * 32 * 64 + 8 * 8 * 9 * 64 * 64 + 8 * 8 * 64 * 15);
    expect(cost.blocks.at(-1)?.receptiveField?.size).toEqual([38, 38]);
  });

  it('cifarSmall stays cheap: under 4 M multiply-adds and 200 k parameters per image', () => {
    const spec = cifarSmall();
    const analysis = analyzeModel(spec, DATA.cifar10);
    expect(measureModel(spec, analysis, DATA.cifar10).totals.macs).toBeLessThan(4e6);
    expect(analysis.totals.trainable).toBeLessThan(200_000);
  });

  it('the styled nets carry their architecture\'s signature', () => {
    const kinds = (spec: ModelSpec) => new Set(spec.blocks.map((b) => b.kind));
    expect([...kinds(resnetStyle())]).toEqual(expect.arrayContaining(['add', 'batchnorm', 'globalavgpool']));
    expect([...kinds(inceptionStyle())]).toEqual(expect.arrayContaining(['concat']));
    expect([...kinds(alexnetStyle())]).toEqual(expect.arrayContaining(['dropout']));
    // VGG: every convolution is 3x3
    expect(vggStyle().blocks.filter((b) => b.kind === 'conv2d').every((b) => b.kind === 'conv2d' && b.kernel === 3)).toBe(true);
    // ResNet: a projection shortcut (1x1, stride 2) wherever the stage narrows
    expect(resnetStyle().blocks.filter((b) => b.kind === 'conv2d' && b.kernel === 1 && b.stride === 2)).toHaveLength(2);
  });

  it('build a fresh spec each time', () => {
    const preset = PRESETS[0];
    expect(preset?.build()).toEqual(preset?.build());
    expect(preset?.build()).not.toBe(preset?.build());
  });

  it('LeNet-5 has the classic layout', () => {
    expect(lenet5Mnist().blocks.map((b) => b.kind)).toEqual([
      'input', 'conv2d', 'activation', 'maxpool2d', 'conv2d', 'activation', 'maxpool2d', 'flatten',
      'dense', 'activation', 'dense', 'activation', 'softmax',
    ]);
    expect(lenet5Mnist().blocks[1]).toMatchObject({ filters: 6, kernel: 5, stride: 1, padding: 2 });
  });

  it('the MLP has 50,890 parameters', () => {
    // 784*64+64 = 50,240, then 64*10+10 = 650
    const mlp = PRESETS.find((p) => p.id === 'mlp');
    expect(analyzeModel(mlp?.build() ?? { blocks: [] }, MNIST).totals.trainable).toBe(50_890);
  });
});

describe('cifarBn', () => {
  it('is conv-BN-ReLU units of 3x3 convolutions without bias, pinned to its size', () => {
    const spec = cifarBn();
    const kinds = spec.blocks.map((b) => b.kind);
    const convs = spec.blocks.filter((b) => b.kind === 'conv2d');
    expect(convs.map((b) => b.kind === 'conv2d' && b.filters)).toEqual([16, 32, 32, 64, 64]);
    expect(convs.every((b) => b.kind === 'conv2d' && b.kernel === 3 && b.useBias === false)).toBe(true);
    // every convolution feeds batch norm, which feeds a ReLU
    convs.forEach((c) => {
      const at = kinds.indexOf('conv2d', spec.blocks.indexOf(c));
      expect(kinds.slice(at, at + 3)).toEqual(['conv2d', 'batchnorm', 'activation']);
    });
    const analysis = analyzeModel(spec, DATA.cifar10);
    expect(analysis.valid).toBe(true);
    expect(analysis.totals.trainable + analysis.totals.nonTrainable).toBe(80_634);
    expect(measureModel(spec, analysis, DATA.cifar10).totals.macs).toBeCloseTo(7.53e6, -5);
  });
});
