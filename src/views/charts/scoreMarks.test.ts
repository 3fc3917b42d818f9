import { describe, expect, it } from 'vitest';
import appEn from '../../i18n/app.en';
import appKo from '../../i18n/app.ko';
import predictEn from '../../i18n/predict.en';
import predictKo from '../../i18n/predict.ko';
import frameEn from '../../i18n/chartFrame.en';
import frameKo from '../../i18n/chartFrame.ko';
import { legendStyles } from './chartParts';
import { scoreMarks } from './scoreMarks';

/** A message by its dotted key, as i18next finds it; throws on a missing key rather than echoing it. */
const translate = (messages: object) => (key: string): string => {
  const found = key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], messages);
  if (typeof found !== 'string') throw new Error(`no message ${key}`);
  return found;
};

const LANGUAGES = [
  { lang: 'en', words: [appEn, predictEn, frameEn], accuracy: /accuracy/i },
  { lang: 'ko', words: [appKo, predictKo, frameKo], accuracy: /정확도/ },
] as const;

describe("the chart's words for a run's score", () => {
  for (const { lang, words, accuracy } of LANGUAGES) {
    const [app, predict, frame] = words.map(translate) as [ReturnType<typeof translate>, ReturnType<typeof translate>, ReturnType<typeof translate>];

    it(`names a detector's points mAP@0.5 and draws no accuracy curve (${lang})`, () => {
      const { marks, short, perBatch } = scoreMarks('meanAP', app, predict, frame);
      const styles = legendStyles(marks, short, false, perBatch);
      expect(styles.map((s) => s.key)).toEqual(['loss', 'test', 'validation']);
      for (const s of styles) {
        expect(s.title).not.toMatch(accuracy);
        expect(s.text).not.toMatch(accuracy);
      }
      expect(marks.accuracy).not.toMatch(accuracy);
      expect(styles.find((s) => s.key === 'test')?.title).toContain('mAP@0.5');
      expect(styles.find((s) => s.key === 'test')?.text).toContain('mAP');
    });

    it(`keeps the accuracy curve and its name for a classifier (${lang})`, () => {
      const { marks, short, perBatch } = scoreMarks('accuracy', app, predict, frame);
      const styles = legendStyles(marks, short, false, perBatch);
      expect(styles.map((s) => s.key)).toEqual(['loss', 'accuracy', 'test', 'validation']);
      expect(styles.find((s) => s.key === 'test')?.title).toMatch(accuracy);
    });
  }
});
