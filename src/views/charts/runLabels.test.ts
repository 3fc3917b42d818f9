import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import en from '../../i18n/runLabels.en';
import ko from '../../i18n/runLabels.ko';
import { lenet5Mnist, mlp } from '../../model/presets';
import type { ModelSpec } from '../../model/spec';
import { DEFAULT_HYPER_PARAMS } from '../../train/api/hyper';
import type { HyperParams } from '../../train/api/protocol';
import { createRunNumbers, CUSTOM_DATASET, runNames, textWidth, truncateLabel, type RunSettings } from './runLabels';
import { runWords } from './runWords';

const words = (lng: 'en' | 'ko') => runWords(i18n.getFixedT(lng, 'runLabels'), i18n.getFixedT(lng, 'run'));
const base: RunSettings = { hyper: DEFAULT_HYPER_PARAMS, spec: lenet5Mnist(), dataset: 'MNIST' };
const run = (patch: Partial<HyperParams> = {}, rest: Partial<Omit<RunSettings, 'hyper'>> = {}): RunSettings =>
  ({ ...base, ...rest, hyper: { ...base.hyper, ...patch } });
/** Short names of the runs given, numbered 1, 2, … */
const names = (runs: readonly (RunSettings | null)[], lng: 'en' | 'ko' = 'en') =>
  runNames(runs.map((settings, i) => ({ run: i + 1, settings })), words(lng)).map((n) => n.short);
/** LeNet-5 with conv1 given `filters` filters. */
const withConv1 = (filters: number): ModelSpec => {
  const spec = lenet5Mnist();
  return { ...spec, blocks: spec.blocks.map((b) => (b.kind === 'conv2d' && b.id === 'conv1' ? { ...b, filters } : b)) };
};

describe('run names on the training curves', () => {
  it('names runs by the one setting that differs', () => {
    expect(names([run({ learningRate: 0.01 }), run({ learningRate: 0.1 }), run({ learningRate: 0.001 })]))
      .toEqual(['lr 0.01', 'lr 0.1', 'lr 0.001']);
  });

  it('lists several differences in a fixed order, the optimizer by its name', () => {
    expect(names([run({ optimizer: 'adam', batchSize: 32 }), run({ optimizer: 'sgd', batchSize: 64 })]))
      .toEqual(['Adam · bs 32', 'SGD · bs 64']);
  });

  it('names the network block and setting that changed', () => {
    expect(names([run({}, { spec: lenet5Mnist() }), run({}, { spec: withConv1(12) })]))
      .toEqual(['conv1 6 filters', 'conv1 12 filters']);
  });

  it('gives networks of different structure a letter each', () => {
    expect(names([run({}, { spec: lenet5Mnist() }), run({}, { spec: mlp() }), run({}, { spec: lenet5Mnist() })]))
      .toEqual(['network A', 'network B', 'network A']);
  });

  it('says when nothing differs, and names a seed-only difference', () => {
    expect(names([run(), run()])).toEqual(['Run 1, same settings', 'Run 2, same settings']);
    expect(names([run({ seed: 1 }), run({ seed: 7 })])).toEqual(['seed 1', 'seed 7']);
  });

  it('names datasets, schedules and augmentation', () => {
    expect(names([run({}, { dataset: 'MNIST' }), run({}, { dataset: CUSTOM_DATASET })])).toEqual(['MNIST', 'your images']);
    expect(names([run({ schedule: { kind: 'constant' } }), run({ schedule: { kind: 'cosine', minFactor: 0.1 } })]))
      .toEqual(['constant lr', 'cosine lr']);
    expect(names([run({ augmentation: { flip: false, shift: 0 } }), run({ augmentation: { flip: true, shift: 2 } })]))
      .toEqual(['no augmentation', 'flip + shift 2']);
  });

  it("names a detector's loss weights, and not for runs that keep the defaults", () => {
    expect(names([run({ boxLoss: { coord: 5, noObject: 0.5 } }), run({ boxLoss: { coord: 7, noObject: 0.5 } })]))
      .toEqual(['λ_coord 5, λ_noobj 0.5', 'λ_coord 7, λ_noobj 0.5']);
    // A run from before the setting existed (none given) trained with the defaults.
    const older: HyperParams = { ...DEFAULT_HYPER_PARAMS, boxLoss: undefined };
    expect(names([{ ...base, hyper: older }, run({ boxLoss: { coord: 5, noObject: 0.5 } })])).toEqual(['Run 1, same settings', 'Run 2, same settings']);
  });

  it('keeps "Run n" for a lone run and for a run whose settings are unknown', () => {
    expect(names([run()])).toEqual(['Run 1']);
    expect(names([null, run({ learningRate: 0.01 }), run({ learningRate: 0.1 })])).toEqual(['Run 1', 'lr 0.01', 'lr 0.1']);
  });

  it('puts the run number and every difference in the full name (the tooltip)', () => {
    const full = runNames([{ run: 3, settings: run({ learningRate: 0.01 }) }, { run: 4, settings: run({ learningRate: 0.1 }) }],
      words('en')).map((n) => n.full);
    expect(full).toEqual(['Run 3 (lr 0.01)', 'Run 4 (lr 0.1)']);
  });

  it('speaks Korean, leaving only names, block ids and numbers in Latin letters', () => {
    const ko1 = names([run({ learningRate: 0.01, batchSize: 32 }, { spec: withConv1(12) }), run({ batchSize: 64 })], 'ko');
    expect(ko1).toEqual(['conv1 필터 12개 · 학습률 0.01 · 배치 32', 'conv1 필터 6개 · 학습률 0.001 · 배치 64']);
    expect(names([run(), run()], 'ko')).toEqual(['1번째 실행, 같은 설정', '2번째 실행, 같은 설정']);
    expect(names([run({ seed: 1 }), run({ seed: 2 })], 'ko')).toEqual(['시드 1', '시드 2']);
  });

  it('has every English message in Korean too, translated', () => {
    const keys = (o: object, at = ''): string[] => Object.entries(o).flatMap(([k, v]) =>
      (typeof v === 'object' && v !== null ? keys(v as object, `${at}${k}.`) : [`${at}${k}`]));
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    expect(ko.same).not.toBe(en.same);
  });
});

describe('cutting a legend name to its share of the row', () => {
  it('leaves a name that fits and cuts a long one with an ellipsis', () => {
    expect(truncateLabel('lr 0.01', 100)).toBe('lr 0.01');
    // Whole differences while the first fits, then letters.
    expect(truncateLabel('conv1 12 filters · lr 0.01 · bs 32', 190)).toBe('conv1 12 filters · lr 0.01…');
    expect(truncateLabel('lr 0.001 · seed 1', 80)).toBe('lr 0.001…');
    const cut = truncateLabel('conv1 12 filters · lr 0.01 · bs 32', 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut)).toBeLessThanOrEqual(80);
    expect('conv1 12 filters · lr 0.01 · bs 32'.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('counts Hangul as wide and never cuts to nothing', () => {
    expect(textWidth('학습률')).toBeGreaterThan(textWidth('lr 0'));
    expect(truncateLabel('학습률 0.01 · 배치 32', 50).length).toBeLessThan('학습률 0.01 · 배치 32'.length);
    expect(truncateLabel('conv1 12 filters', 1)).toBe('c…');
  });
});

describe('run numbers', () => {
  it('count on from a reopened project: its restored run is the last saved, the next one after it', () => {
    const numbers = createRunNumbers();
    numbers.saved(3); // a project with four runs: three overlaid, the fourth restored as the current run
    numbers.started(1);
    numbers.started(2);
    expect([numbers.of(1), numbers.of(2)]).toEqual([4, 5]);
    numbers.started(2); // the same run seen again keeps its number
    expect(numbers.of(2)).toBe(5);
    expect(createRunNumbers().of(7)).toBe(7);
  });
});
