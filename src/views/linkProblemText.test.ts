import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { linkProblemText } from './linkProblemText';

describe('linkProblemText', () => {
  const en = [i18n.getFixedT('en', 'link'), i18n.getFixedT('en', 'walk')] as const;
  const ko = [i18n.getFixedT('ko', 'link'), i18n.getFixedT('ko', 'walk')] as const;
  it('names the settings a link got wrong, in the UI language', () => {
    const p = { code: 'ignoredFields', values: { names: 'data, opt, lr, bs, ep, seed' } };
    expect(linkProblemText(p, ...en)).toBe(
      'Some training settings were not valid and were set to their defaults: Dataset, Optimizer, Learning rate, Batch size, Epochs, Random seed.');
    expect(linkProblemText(p, ...ko)).toContain('데이터셋, 옵티마이저, 학습률, 배치 크기, 에포크 수, 난수 시드');
  });
  it('tells a link with no format mark from one of another version', () => {
    expect(linkProblemText({ code: 'unknownVersion', values: { version: '' } }, ...en)).toContain('no link format mark (v=)');
    expect(linkProblemText({ code: 'unknownVersion', values: { version: '7' } }, ...en)).toContain('link format “7”');
  });
});
