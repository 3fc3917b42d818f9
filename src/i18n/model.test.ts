// The 'model' messages against the core's issue contract: a sentence for every code in both languages,
// placeholders only from the values the code carries, and nested $t() that resolve.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { BLOCK_KINDS } from '../model/graph';
import { FIELD_NAMES, ISSUE_CODES, ISSUE_VALUE_KEYS, type IssueCode } from '../model/issues';
import { ALL_PRESETS } from '../model/presets';
import { BLOCK_FIELDS, FIELD_PROBLEMS } from '../model/blockFields';
import { CONNECT_CODES, CONNECT_ISSUE_CODES, connectMessageKey } from '../model/connect';
import { ACTIVATION_FNS, INIT_NAMES } from '../model/shapes';
import en from './model.en';
import ko from './model.ko';

const LANGS = { en, ko } as const;

const SAMPLE: Record<string, number | string> = {
  id: 'conv1', kind: 'lstm', input: 'ghost', expected: 1, actual: 2, count: 2, field: 'kernel', value: 0,
  shape: '7×7×16', kernel: '5×5', padding: 0, axis: 'height', height: 4, width: 4, stride: 2, dropped: 1,
  elements: 3_000_000_000, limit: 2 ** 31, params: 3_000_000_000, minimum: 2, shapes: '14×14×32, 7×7×64',
  dilation: 2, next: 'dense1', blocks: 'conv1, conv2, …', heads: 4,
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
    for (const field of FIELD_NAMES) {
      expect(messages.field).toHaveProperty(field);
      expect(messages.hint).toHaveProperty(field);
    }
    for (const preset of ALL_PRESETS) expect(messages.preset).toHaveProperty(preset.id);
  });

  it('explain every refused connection and every field problem', () => {
    expect(Object.keys(messages.connect).sort()).toEqual([...CONNECT_CODES].sort());
    for (const code of [...CONNECT_CODES, ...CONNECT_ISSUE_CODES]) {
      const [group, name] = connectMessageKey(code).split('.') as ['connect' | 'issue', string];
      expect((messages[group] as Record<string, string>)[name]).toBeTruthy();
    }
    expect(Object.keys(messages.fieldProblem).sort()).toEqual([...FIELD_PROBLEMS].sort());
    for (const text of Object.values(messages.fieldProblem)) {
      for (const name of placeholders(text)) expect(['min', 'max']).toContain(name);
    }
  });

  it('label every editable field and every option it offers', () => {
    for (const fields of Object.values(BLOCK_FIELDS)) {
      for (const field of fields) {
        expect(messages.field).toHaveProperty(field.name);
        expect(messages.hint).toHaveProperty(field.name);
        // The inspector's select labels each option <optionLabels or name>.<value>, whatever the kind.
        const labels = (messages as unknown as Record<string, Record<string, string> | undefined>)[field.optionLabels ?? field.name];
        for (const option of field.type === 'enum' ? field.options ?? [] : []) expect([field.name, labels?.[option]]).toEqual([field.name, expect.any(String)]);
      }
    }
    expect(Object.keys(messages.activation).sort()).toEqual([...ACTIVATION_FNS].sort());
    expect(Object.keys(messages.init).sort()).toEqual([...INIT_NAMES].sort());
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
