import { describe, expect, it } from 'vitest';
import { encodeSpec } from '../model/link';
import { PRESETS } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import type { HyperParams } from '../train/api/protocol';
import { decodeExperiment, encodeExperiment, HYPER_FIELDS, type Experiment } from './linkState';

const preset = (i: number): ModelSpec => {
  const p = PRESETS[i];
  if (!p) throw new Error(`no preset ${i}`);
  return p.build();
};

const DEFAULTS: Experiment = { spec: preset(0), hyper: DEFAULT_HYPER_PARAMS, datasetId: 'mnist', validationFraction: 0.1 };

const CHANGED: Experiment = {
  spec: preset(1),
  datasetId: 'cifar10',
  validationFraction: 0.25,
  hyper: {
    optimizer: 'nesterov', learningRate: 0.0125, momentum: 0.95,
    schedule: { kind: 'step', everyEpochs: 5, factor: 0.5 }, weightDecay: 0.0005,
    augmentation: { flip: true, shift: 2 }, batchSize: 128, epochs: 12, seed: 42, pixelLoss: { dice: 1.5, balance: true },
    boxLoss: { coord: 7.5, noObject: 0.25 }, labelShare: 0.1,
  },
};

describe('experiment link', () => {
  it('round-trips the network, the dataset and every hyper-parameter', () => {
    const fragment = encodeExperiment(CHANGED);
    expect(decodeExperiment(`#${fragment}`, DEFAULTS)).toEqual({ experiment: CHANGED, problems: [] });
  });

  it('round-trips each schedule kind', () => {
    for (const schedule of [{ kind: 'constant' }, { kind: 'cosine', minFactor: 0.01 }] as const) {
      const e = { ...CHANGED, hyper: { ...CHANGED.hyper, schedule } };
      expect(decodeExperiment(encodeExperiment(e), DEFAULTS).experiment).toEqual(e);
    }
  });

  it('round-trips both ends of every range the training panel allows', () => {
    const ends: HyperParams[] = [
      { optimizer: 'sgd', learningRate: 1e-7, momentum: 0, schedule: { kind: 'step', everyEpochs: 1, factor: 0.001 },
        weightDecay: 0, augmentation: { flip: false, shift: 0 }, batchSize: 1, epochs: 1, seed: 0, pixelLoss: { dice: 0, balance: false },
        boxLoss: { coord: 0, noObject: 0 }, labelShare: 0.01 },
      { optimizer: 'adagrad', learningRate: 10, momentum: 0.999, schedule: { kind: 'step', everyEpochs: 1000, factor: 1 },
        weightDecay: 1, augmentation: { flip: true, shift: 8 }, batchSize: 4096, epochs: 1000, seed: 2 ** 31 - 1,
        pixelLoss: { dice: 10, balance: true }, boxLoss: { coord: 20, noObject: 20 }, labelShare: 1 },
      { ...DEFAULT_HYPER_PARAMS, schedule: { kind: 'cosine', minFactor: 0 } },
      { ...DEFAULT_HYPER_PARAMS, schedule: { kind: 'cosine', minFactor: 1 } },
    ];
    for (const hyper of ends) {
      const e = { ...DEFAULTS, hyper };
      expect(decodeExperiment(encodeExperiment(e), DEFAULTS)).toEqual({ experiment: e, problems: [] });
    }
  });

  it('writes readable fields and the network last', () => {
    const fragment = encodeExperiment(CHANGED);
    expect(fragment).toMatch(/^v=1&data=cifar10&val=0.25&opt=nesterov&lr=0.0125&/);
    expect(fragment).toContain('sched=kind:step,everyEpochs:5,factor:0.5');
    expect(fragment).toContain('aug=flip:true,shift:2');
    expect(fragment).toMatch(/&m=[A-Za-z0-9_-]+$/);
  });

  it('has a field for every hyper-parameter, each with its own property name', () => {
    expect(Object.keys(HYPER_FIELDS).sort()).toEqual(Object.keys(DEFAULT_HYPER_PARAMS).sort());
    const params = Object.values(HYPER_FIELDS).map((f) => f.param);
    expect(new Set([...params, 'v', 'm', 'data']).size).toBe(params.length + 3);
  });

  it('marks a dataset made from the user\'s own images, which cannot travel: the opener is told it falls back', () => {
    const fragment = encodeExperiment({ ...CHANGED, datasetId: 'custom' });
    expect(fragment).toContain('&data=custom&');
    const opened = decodeExperiment(fragment, DEFAULTS);
    expect(opened.experiment?.datasetId).toBe('mnist');
    expect(opened.experiment?.hyper).toEqual(CHANGED.hyper);
    expect(opened.problems).toEqual([{ code: 'customData', values: {} }]);
  });

  it('is empty for a plain visit', () => {
    expect(decodeExperiment('', DEFAULTS)).toEqual({ experiment: null, problems: [] });
    expect(decodeExperiment('#', DEFAULTS)).toEqual({ experiment: null, problems: [] });
  });

  it('fills fields an older link lacks with their defaults, without complaint', () => {
    const old = `v=1&lr=0.05&bs=32&m=${encodeSpec(preset(2))}`;
    const hyper: HyperParams = { ...DEFAULT_HYPER_PARAMS, learningRate: 0.05, batchSize: 32 };
    expect(decodeExperiment(old, DEFAULTS)).toEqual({
      experiment: { spec: preset(2), hyper, datasetId: 'mnist', validationFraction: 0.1 }, problems: [] });
  });

  it('fills a part of an object field an older link lacks from the default', () => {
    const { experiment, problems } = decodeExperiment('v=1&aug=flip:true', DEFAULTS);
    expect(problems).toEqual([]);
    expect(experiment?.hyper.augmentation).toEqual({ ...DEFAULT_HYPER_PARAMS.augmentation, flip: true });
  });

  it('reads the per-pixel loss settings, refusing a Dice weight out of range', () => {
    expect(decodeExperiment('v=1&pixloss=balance:true', DEFAULTS).experiment?.hyper.pixelLoss).toEqual({ dice: 0, balance: true });
    const { experiment, problems } = decodeExperiment('v=1&pixloss=dice:11,balance:false', DEFAULTS);
    expect(experiment?.hyper.pixelLoss).toEqual(DEFAULT_HYPER_PARAMS.pixelLoss);
    expect(problems.length).toBeGreaterThan(0);
  });

  it("reads the detector's loss weights, refusing one out of range", () => {
    expect(encodeExperiment(CHANGED)).toContain('boxloss=coord:7.5,noObject:0.25');
    expect(decodeExperiment('v=1&boxloss=noObject:2', DEFAULTS).experiment?.hyper.boxLoss).toEqual({ coord: 5, noObject: 2 });
    for (const bad of ['coord:21', 'noObject:-1', 'coord:x', 'lambda:1']) {
      const { experiment, problems } = decodeExperiment(`v=1&boxloss=${bad}`, DEFAULTS);
      expect(experiment?.hyper.boxLoss).toEqual(DEFAULT_HYPER_PARAMS.boxLoss);
      expect(problems.length).toBeGreaterThan(0);
    }
  });

  it('reads the share of labels as 100, 10 or 1 percent, refusing any other', () => {
    expect(encodeExperiment(CHANGED)).toContain('&labels=10&');
    expect(decodeExperiment('v=1&labels=1', DEFAULTS).experiment?.hyper.labelShare).toBe(0.01);
    expect(decodeExperiment('v=1', DEFAULTS).experiment?.hyper.labelShare).toBe(1);
    for (const bad of ['50', '0.1', 'ten', '']) {
      const { experiment, problems } = decodeExperiment(`v=1&labels=${bad}`, DEFAULTS);
      expect([bad, experiment?.hyper.labelShare]).toEqual([bad, 1]);
      expect(problems.length).toBeGreaterThan(0);
    }
  });

  it('opens the default for a link of another or no version', () => {
    const future = encodeExperiment(CHANGED).replace('v=1', 'v=2');
    expect(decodeExperiment(future, DEFAULTS)).toEqual({
      experiment: DEFAULTS, problems: [{ code: 'unknownVersion', values: { version: '2' } }] });
    expect(decodeExperiment('lr=0.1', DEFAULTS).problems).toEqual([{ code: 'unknownVersion', values: { version: '' } }]);
  });

  it('refuses an address far longer than any link this app writes, before reading it', () => {
    const { experiment, problems } = decodeExperiment(`v=1&lr=0.1&junk=${'x'.repeat(100_000)}`, DEFAULTS);
    expect(experiment).toEqual(DEFAULTS);
    expect(problems.map((p) => p.code)).toEqual(['tooLong']);
  });

  it('takes the default for each bad field and names them', () => {
    const fragment = encodeExperiment(CHANGED)
      .replace('lr=0.0125', 'lr=1e9')
      .replace('opt=nesterov', 'opt=eval(1)')
      .replace('data=cifar10', 'data=imagenet')
      .replace('sched=kind:step,everyEpochs:5,factor:0.5', 'sched=kind:step,everyEpochs:0,factor:0.5')
      .replace('aug=flip:true,shift:2', 'aug=flip:true,shift:2,__proto__:1')
      .replace('bs=128', 'bs=12.5')
      .replace('val=0.25', 'val=0.9');
    const { experiment, problems } = decodeExperiment(fragment, DEFAULTS);
    expect(problems).toEqual([{ code: 'ignoredFields', values: { names: 'data, val, opt, lr, sched, aug, bs' } }]);
    expect(experiment).toEqual({
      spec: CHANGED.spec,
      datasetId: 'mnist',
      validationFraction: 0.1,
      hyper: { ...CHANGED.hyper, optimizer: 'adam', learningRate: 0.001, schedule: { kind: 'constant' },
        augmentation: { flip: false, shift: 0 }, batchSize: 64 },
    });
    expect(({} as Record<string, unknown>)['1']).toBeUndefined();
  });

  it('rejects an unknown key in an object field and text where numbers belong', () => {
    for (const bad of ['sched=kind:cosine,minFactor:0.1,extra:1', 'sched=kind:cosine,minFactor:abc', 'sched=kind', 'seed=0x10', 'ep=']) {
      const { problems } = decodeExperiment(`v=1&${bad}`, DEFAULTS);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.code).toBe('ignoredFields');
    }
  });

  it('opens the default network with the reason when the network is tampered with', () => {
    const good = encodeExperiment(CHANGED);
    const tampered = good.replace(/m=([A-Za-z0-9_-]{6})/, 'm=$1$$$$');
    const { experiment, problems } = decodeExperiment(tampered, DEFAULTS);
    expect(experiment?.spec).toEqual(DEFAULTS.spec);
    expect(experiment?.hyper).toEqual(CHANGED.hyper); // the readable fields were fine
    expect(problems.map((p) => p.code)).toEqual(['badEncoding']);
  });
});
