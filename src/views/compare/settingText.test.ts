// The comparison table names each run's differing setting as the rest of the UI does: the optimizer by its
// translated name (the table showed the ids 'sgd / momentum / adam'), numbers in the UI's locale.
import { describe, expect, it } from 'vitest';
import en from '../../i18n/run.en';
import ko from '../../i18n/run.ko';
import { DEFAULT_HYPER_PARAMS } from '../../train/api/hyper';
import type { HyperParams } from '../../train/api/protocol';
import { settingText } from './compareRunner';

const run = (hyper: Partial<HyperParams>, label = 'run') => ({ label, hyper: { ...DEFAULT_HYPER_PARAMS, ...hyper } });
const names = (messages: typeof en) => (id: string) => messages.optimizer.names[id as keyof typeof messages.optimizer.names];

describe('settingText', () => {
  it('gives the optimizer its name in the UI language, not its id', () => {
    expect(settingText('optimizer', run({ optimizer: 'momentum' }), names(en), 'en')).toBe('SGD + momentum');
    expect(settingText('optimizer', run({ optimizer: 'momentum' }), names(ko), 'ko')).toBe('SGD + 모멘텀');
    expect(settingText('optimizer', run({ optimizer: 'adam' }), names(ko), 'ko')).toBe('Adam');
  });

  it('writes numbers in the locale and the network by the run label', () => {
    expect(settingText('learningRate', run({ learningRate: 0.001 }), names(en), 'en')).toBe('0.001');
    expect(settingText('batchSize', run({ batchSize: 1024 }), names(en), 'en')).toBe('1,024');
    expect(settingText('network', run({}, 'ReLU + He'), names(en), 'en')).toBe('ReLU + He');
  });
});
