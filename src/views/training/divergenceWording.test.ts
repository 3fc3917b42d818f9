import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import type { Divergence } from '../../train/api/protocol';
import { divergenceWording } from './divergenceWording';

const base: Divergence = { kind: 'exploding', step: 80, epoch: 1, loss: 12.04, startLoss: 2.3, learningRate: 1, suggestedLearningRate: 0.1 };
const spiked: Divergence = { ...base, loss: 7.2, fellBack: { peakLoss: 10000, peakStep: 21, recentLoss: 1.5 } };

const say = (d: Divergence, lng: 'en' | 'ko') => {
  const { key, values } = divergenceWording(d);
  return i18n.t(key, { ...values, ns: 'run', lng });
};

describe('divergence notice wording', () => {
  it('says the loss stayed high when it did', () => {
    expect(say(base, 'en')).toBe('By batch 80 (epoch 1) the loss had risen to 12 from 2.3 at the start, and stayed there.');
    expect(say(base, 'ko')).toContain('내려오지 않았습니다');
  });

  it('says a loss that spiked came back down, naming the peak, its batch and where the loss is now', () => {
    for (const lng of ['en', 'ko'] as const) {
      const text = say(spiked, lng);
      expect(text).toContain('10000');
      expect(text).toContain('21');
      expect(text).toContain('1.5');
      expect(text).not.toMatch(/stayed there|내려오지 않았습니다|\{\{/);
    }
    expect(say(spiked, 'en')).toMatch(/^At batch 21 the loss jumped to 10000 from 2\.3 at the start\. By batch 80 \(epoch 1\) it had come back down to 1\.5/);
  });

  it('names a NaN loss as such', () => {
    expect(divergenceWording({ ...base, kind: 'nan', loss: null }).key).toBe('diverged.nan');
  });
});
