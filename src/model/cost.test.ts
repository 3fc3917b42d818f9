// Multiply-adds, activation memory and receptive fields, by hand for LeNet-5 and small graphs; and the
// Keras-style summary text.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { measureModel } from './cost';
import {
  add, chain, conv2d, flatten, globalAvgPool, input, lenet5Mnist, maxPool2d, network, softmax,
} from './presets';
import { formatSummary } from './summary';
import { findPreset } from './presets';
import type { DataShape, ModelSpec } from './spec';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
const measure = (spec: ModelSpec, data: DataShape) => {
  const analysis = analyzeModel(spec, data);
  return { analysis, cost: measureModel(spec, analysis, data) };
};

describe('measureModel on LeNet-5', () => {
  const { analysis, cost } = measure(lenet5Mnist(), MNIST);
  const byId = new Map(cost.blocks.map((b) => [b.id, b]));

  it('counts multiply-adds of conv and dense layers', () => {
    // conv1 28*28*6 outputs * 5*5*1 = 117,600; conv2 10*10*16 * 5*5*6 = 240,000;
    // dense 400*120 = 48,000 and 120*84 = 10,080; head 84*10 = 840.
    expect(byId.get('conv1')?.macs).toBe(117_600);
    expect(byId.get('conv2')?.macs).toBe(240_000);
    expect(byId.get('output')?.macs).toBe(840);
    expect(byId.get('pool1')?.macs).toBe(0);
    expect(cost.totals.macs).toBe(117_600 + 240_000 + 48_000 + 10_080 + 840);
  });

  it('measures activation memory per example as float32', () => {
    expect(byId.get('conv1')).toMatchObject({ activations: 28 * 28 * 6, bytes: 28 * 28 * 6 * 4 });
    const all = analysis.blocks.reduce((n, b) => n + (b.outputShape ?? []).reduce((a, d) => a * d, 1), 0);
    expect(cost.totals.activations).toBe(all);
    expect(cost.totals.activationBytes).toBe(all * 4);
    expect(cost.totals.paramBytes).toBe(61_706 * 4);
  });

  it('grows the receptive field block by block until it spans the image', () => {
    // conv 5: 5; pool 2/2: 6 (jump 2); conv 5: 6 + 4*2 = 14; pool: 16 (jump 4); dense over 5x5: 16 + 4*4 = 32
    const sizes = ['input', 'conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'dense1'].map((id) => byId.get(id)?.receptiveField?.size[0]);
    expect(sizes).toEqual([1, 5, 6, 14, 16, 16, 28]); // the dense layer's 32 is clamped to the 28x28 image
    expect(byId.get('pool2')?.receptiveField).toMatchObject({ jump: [4, 4], wholeInput: false });
    expect(byId.get('dense1')?.receptiveField?.wholeInput).toBe(true);
  });
});

describe('receptive fields of dilated convs and branches', () => {
  it('a dilated 3x3 conv reaches 5 pixels; a residual add takes the larger field', () => {
    const spec = network((n) => {
      const x = n.seq(null, input());
      const a = n.seq(x, conv2d(2, 3, { dilation: 2, padding: 'same', id: 'wide' }));
      const b = n.seq(x, conv2d(2, [1, 3], { padding: 'same', id: 'thin' }));
      n.seq(n.node({ ...add(), id: 'sum' }, a, b), { ...maxPool2d(2), id: 'p' }, globalAvgPool(), softmax());
    });
    const { cost } = measure(spec, { inputShape: [8, 8, 1], numClasses: 2 });
    const rf = (id: string) => cost.blocks.find((b) => b.id === id)?.receptiveField;
    expect(rf('wide')?.size).toEqual([5, 5]);
    expect(rf('thin')?.size).toEqual([1, 3]);
    expect(rf('sum')?.size).toEqual([5, 5]);
    expect(rf('p')).toMatchObject({ size: [6, 6], jump: [2, 2] });
    expect(rf('gap1')?.size).toEqual([8, 8]); // 6 + 3 * 2 = 12, clamped to the 8x8 image
    expect(rf('gap1')?.wholeInput).toBe(true);
  });

  it('has no receptive field on flat input and no cost for broken blocks', () => {
    const { cost } = measure(chain(input(), flatten(), softmax()), { inputShape: [6], numClasses: 2 });
    expect(cost.blocks.every((b) => b.receptiveField === null)).toBe(true);
    const broken = measure(chain(input(), conv2d(2, 9), flatten(), softmax()), { inputShape: [4, 4, 1], numClasses: 2 });
    expect(broken.cost.blocks.slice(1).every((b) => b.macs === 0 && b.activations === 0)).toBe(true);
  });
});

describe('formatSummary', () => {
  it('prints a Keras-style table with totals', () => {
    const spec = chain(input(), conv2d(6, 5, { padding: 'same' }), maxPool2d(2), flatten(), softmax());
    const analysis = analyzeModel(spec, MNIST);
    const text = formatSummary(spec, analysis);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Model: "cnnPlayground"');
    expect(lines[2]).toMatch(/^Layer \(type\)\s+Output Shape\s+Param #$/);
    expect(text).toMatch(/conv1 \(Conv2D\)\s+\(None, 28, 28, 6\)\s+156\n/);
    expect(text).toMatch(/output \(Dense\)\s+\(None, 10\)\s+11,770\n/);
    expect(text).toContain('Total params: 11,926\nTrainable params: 11,926\nNon-trainable params: 0');
    // the columns line up: every row's shape starts where the heading's does
    const at = lines[2]?.indexOf('Output Shape');
    for (const row of lines.filter((l) => l.includes('(None'))) expect(row.indexOf('(None')).toBe(at);
  });

  it('adds "Connected to", multiply-adds and translated labels when asked', () => {
    const spec = network((n) => {
      const x = n.seq(null, input(), conv2d(2, 3, { padding: 'same' }));
      n.seq(n.node({ ...add(), id: 'sum' }, x, n.seq(x, conv2d(2, 3, { padding: 'same' }))), flatten(), softmax());
    });
    const analysis = analyzeModel(spec, MNIST);
    const cost = measureModel(spec, analysis, MNIST);
    const text = formatSummary(spec, analysis, { cost, labels: { total: '전체 파라미터' }, formatNumber: (v) => `${v}` });
    expect(text).toMatch(/Connected to/);
    expect(text).toMatch(/sum \(Add\)\s+\(None, 28, 28, 2\)\s+0\s+0\s+conv1, conv2/);
    expect(text).toContain(`전체 파라미터: ${analysis.totals.trainable}`);
    expect(text).toContain(`Mult-Adds: ${cost.totals.macs}`);
  });
});

describe('receptive field of a block that sees the whole image', () => {
  it('is the image size, never larger (LeNet-5 dense layers on 28x28 MNIST)', () => {
    const data = { inputShape: [28, 28, 1], numClasses: 10 } as const;
    const spec = findPreset('lenet5')!.build();
    const costs = measureModel(spec, analyzeModel(spec, data), data);
    const whole = costs.blocks.filter((b) => b.receptiveField?.wholeInput);
    expect(whole.length).toBeGreaterThan(0);
    for (const b of whole) expect(b.receptiveField?.size).toEqual([28, 28]);
  });
});
