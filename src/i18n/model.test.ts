// The 'model' messages against the core's issue contract: a sentence for every code in both languages,
// placeholders only from the values the code carries, and nested $t() that resolve.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { BLOCK_KINDS } from '../model/graph';
import { ISSUE_CODES, ISSUE_VALUE_KEYS, type IssueCode } from '../model/issues';
import { PRESETS } from '../model/presets';
import en from './model.en';
import ko from './model.ko';

const LANGS = { en, ko } as const;
const FIELDS = ['filters', 'kernel', 'size', 'stride', 'padding', 'units', 'fn', 'id', 'inputShape', 'numClasses'];

const SAMPLE: Record<string, number | string> = {
  id: 'conv1', kind: 'lstm', input: 'ghost', expected: 1, actual: 2, count: 2, field: 'kernel', value: 0,
  shape: '7×7×16', kernel: 5, padding: 0, axis: 'height', height: 4, width: 4, stride: 2, dropped: 1,
  elements: 3_000_000_000, limit: 2 ** 31, params: 3_000_000_000,
};

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

describe.each(Object.entries(LANGS))('model messages (%s)', (lang, messages) => {
  const issues = messages.issue as Record<string, string>;

  it('have a sentence for every issue code, and no sentence for codes that do not exist', () => {
    expect(Object.keys(issues).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it.each(ISSUE_CODES)('issue.%s uses only the values it is given', (code) => {
    const allowed: readonly string[] = ISSUE_VALUE_KEYS[code as IssueCode];
    for (const name of placeholders(issues[code] ?? '')) expect(allowed).toContain(name);
  });

  it('name every block kind, field, axis and preset', () => {
    expect(Object.keys(messages.kind).sort()).toEqual([...BLOCK_KINDS].sort());
    for (const field of FIELDS) {
      expect(messages.field).toHaveProperty(field);
      expect(messages.hint).toHaveProperty(field);
    }
    for (const preset of PRESETS) expect(messages.preset).toHaveProperty(preset.id);
  });

  it('render every issue to plain text, nested keys resolved', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: lang, resources: { [lang]: { app: {}, model: messages } }, defaultNS: 'app',
      interpolation: { escapeValue: false }, showSupportNotice: false,
    });
    for (const code of ISSUE_CODES) {
      for (const key of [`model:issue.${code}`, `issue.${code}`]) {
        const text = i18n.t(key, { ns: 'model', ...SAMPLE });
        expect(text).not.toMatch(/\{\{|\$t\(|model:|issue\.|field\.|hint\.|axis\./);
      }
    }
    expect(i18n.t('model:issue.invalidValue', SAMPLE)).toContain(messages.field.kernel);
  });
});
