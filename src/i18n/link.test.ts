import { describe, expect, it } from 'vitest';
import { LINK_PROBLEM_VALUES, type LinkProblemCode } from '../model/link';
import en from './link.en';
import ko from './link.ko';

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '');

describe("the 'link' namespace", () => {
  it.each([['en', en], ['ko', ko]] as const)('has a sentence for every link problem in %s, using only its values', (_lang, messages) => {
    const codes = Object.keys(LINK_PROBLEM_VALUES) as LinkProblemCode[];
    expect(Object.keys(messages.problem).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const sentence = messages.problem[code];
      expect(sentence.trim().length).toBeGreaterThan(10);
      const allowed: readonly string[] = LINK_PROBLEM_VALUES[code];
      for (const name of placeholders(sentence)) expect(allowed, `${code}: {{${name}}}`).toContain(name);
    }
  });

  it('is really translated: no Korean sentence equals the English one', () => {
    for (const code of Object.keys(en.problem) as LinkProblemCode[]) expect(ko.problem[code]).not.toBe(en.problem[code]);
    expect(ko.copyLink).not.toBe(en.copyLink);
  });
});
