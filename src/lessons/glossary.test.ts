// One Korean word per idea across the app and the lessons: every Korean message file and every lesson's Korean
// text is searched for the variants the glossary rules out.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS } from './index';

/** The word the app uses, and the variants that must not appear next to it. */
export const KO_GLOSSARY: readonly { readonly word: string; readonly not: readonly RegExp[] }[] = [
  { word: '에포크 (epoch)', not: [/에폭/] },
  { word: '그래디언트 흐름 / 그래디언트 노름 (the gradient-flow tab and its reading)', not: [/기울기 흐름/, /기울기 노름/] },
  { word: '학습 가능 / 학습 불가 (trainable parameters; not "trained")', not: [/학습됨/, /학습 안 됨/] },
  { word: '살펴보기용 (a reference network open to inspect, not to train)', not: [/학습용으로/] },
  { word: '블록 패널 (the panel of the selected block; there is no "속성 창")', not: [/속성 창/] },
];

const I18N = new URL('../i18n/', import.meta.url);
const koFiles = readdirSync(I18N).filter((f) => f.endsWith('.ko.ts'));
const lessonTexts = LESSONS.flatMap((l) => [l.title.ko, ...l.steps.flatMap((s) => [
  s.title.ko, s.body.ko, s.task.ko, ...s.hints.map((h) => h.ko),
  ...(s.predict ? [s.predict.question.ko, s.predict.reveal.ko, ...s.predict.options.map((o) => o.ko)] : []),
  ...(s.setup.compare ?? []).map((c) => c.label.ko),
])]);

describe('the Korean glossary', () => {
  it('has Korean message files to check', () => expect(koFiles.length).toBeGreaterThan(10));

  for (const { word, not } of KO_GLOSSARY) {
    it(`uses ${word} everywhere`, () => {
      const found = [
        ...koFiles.flatMap((f) => readFileSync(new URL(f, I18N), 'utf8').split('\n')
          .filter((line) => not.some((re) => re.test(line))).map((line) => `${f}: ${line.trim()}`)),
        ...lessonTexts.filter((text) => not.some((re) => re.test(text))),
      ];
      expect(found).toEqual([]);
    });
  }
});
