// The reference architectures against the published figures of the implementation each follows.
// Parameters: torchvision's num_params (weights incl. BN gamma/beta, without BN running statistics, which
// the core counts as non-trainable, as Keras does) and Keras Applications' model.summary() totals.
// Multiply-adds: torchvision's "GFLOPS" column (multiply-adds of conv and linear layers), and for Keras's
// ResNet-50 the 3.8e9 of the ResNet paper (He et al. 2016, Table 1).
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { measureModel } from './cost';
import { presetDataShape, REFERENCE_PRESETS } from './presets';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 };

function totals(id: string) {
  const preset = REFERENCE_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`no reference ${id}`);
  const data = presetDataShape(preset, MNIST);
  const spec = preset.build();
  const analysis = analyzeModel(spec, data);
  return { preset, analysis, macs: measureModel(spec, analysis, data).totals.macs };
}

describe('reference architectures', () => {
  it.each([
    // id, trainable params, non-trainable (BN statistics), multiply-adds (exact), published G multiply-adds
    ['lenet5Classic', 61_706, 0, 416_520, null],
    ['alexnet', 61_100_840, 0, 714_188_480, 0.714], // torchvision alexnet: 61,100,840 params, 0.714 GFLOPS
    ['vgg16', 138_357_544, 0, 15_470_264_320, 15.47], // Keras VGG16 (= torchvision vgg16): 138,357,544
    ['resnet18', 11_689_512, 9_600, 1_814_073_344, 1.81], // torchvision resnet18: 11,689,512, 1.81 GFLOPS
    ['resnet50', 25_583_592, 53_120, 3_857_973_248, 3.8], // Keras ResNet50: 25,636,712 total, 53,120 non-trainable
    ['googlenet', 6_624_904, 14_560, 1_498_376_192, 1.5], // torchvision googlenet: 6,624,904, 1.50 GFLOPS
  ] as const)('%s: %i trainable parameters', (id, trainable, nonTrainable, macs, published) => {
    const { preset, analysis, macs: measured } = totals(id);
    expect(preset.trainable).toBe(false);
    expect(analysis.valid).toBe(true);
    expect(analysis.issues.filter((i) => !i.code.startsWith('biasBeforeBatchNorm'))).toEqual([]);
    expect(analysis.totals).toEqual({ trainable, nonTrainable });
    expect(analysis.outputShape).toEqual([preset.numClasses]);
    expect(measured).toBe(macs);
    // torchvision's figures agree to their last printed digit; the ResNet paper's 3.8e9 is rounded
    // further (Keras's v1 bottleneck, stride on the first 1x1, comes to 3.86e9; torchvision's v1.5 to 4.09e9).
    const tolerance = id === 'resnet50' ? 0.08 : 0.006;
    if (published !== null) expect(Math.abs(measured / 1e9 - published)).toBeLessThan(tolerance);
  });

  it('ResNet-50 totals 25,636,712 parameters as Keras reports it', () => {
    const { analysis } = totals('resnet50');
    expect(analysis.totals.trainable + analysis.totals.nonTrainable).toBe(25_636_712);
  });

  it('reference shapes follow the published tables', () => {
    const shapes = (id: string) => new Map(totals(id).analysis.blocks.map((b) => [b.id, b.outputShape]));
    expect(shapes('alexnet').get('conv1')).toEqual([55, 55, 64]);
    expect(shapes('alexnet').get('flatten')).toEqual([9216]);
    expect(shapes('vgg16').get('flatten')).toEqual([25088]);
    const resnet = totals('resnet18').analysis.blocks;
    expect(resnet.find((b) => b.kind === 'maxpool2d')?.outputShape).toEqual([56, 56, 64]);
    expect(resnet.find((b) => b.kind === 'globalavgpool')?.outputShape).toEqual([512]);
    const googlenet = totals('googlenet').analysis.blocks;
    expect(googlenet.filter((b) => b.kind === 'concat').map((b) => b.outputShape?.[2])).toEqual(
      [256, 480, 512, 512, 512, 528, 832, 832, 1024],
    );
  });
});
