// The status bar's worker count and its reason exist in both languages for every reason the worker sends,
// and the Korean ones use no English words (names and units aside).
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { WORKERS_REASONS } from '../train/api/protocol';

describe('worker reasons', () => {
  it.each(['en', 'ko'])('has every reason and the count in %s', (lng) => {
    const t = i18n.getFixedT(lng, 'parallel');
    for (const reason of WORKERS_REASONS) {
      const text = t(`reason.${reason}`, { count: 2, cores: 2, detail: 'x' });
      expect(text).not.toContain('reason.');
      expect(text.length).toBeGreaterThan(10);
      if (lng === 'ko') expect(text.replace(/\(x\)|GPU|CPU/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    }
    expect(t('count', { count: 2 })).toBe(lng === 'en' ? ' · 2 workers' : ' · 워커 2개');
    expect(t('count', { count: 1 })).toBe(lng === 'en' ? ' · 1 worker' : ' · 워커 1개');
  });

  it('words the data-parallel reason with the count and the cores', () => {
    expect(i18n.getFixedT('en', 'parallel')('reason.cores', { count: 3, cores: 4 })).toContain('3 workers for 4 logical cores');
  });
});
