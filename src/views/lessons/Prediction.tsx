import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import type { Prediction as PredictionData } from '../../lessons';
import { useApp } from '../AppContext';

/** "Predict, then reveal": the options stay open until one is picked; then the answer and why. */
export const Prediction = memo(function Prediction({ data, stepKey, lang }: { data: PredictionData; stepKey: string; lang: Language }) {
  const { t } = useTranslation('lessons');
  const picked = useApp((s) => s.lessonAnswers[stepKey]);
  const answer = useApp((s) => s.answerPrediction);
  return (
    <fieldset className="lesson-predict" data-testid="predict">
      <legend>{t('predict')}</legend>
      <p>{data.question[lang]}</p>
      <div className="lesson-options">
        {data.options.map((o, i) => (
          <button key={i} type="button" disabled={picked !== undefined} aria-pressed={picked === i} data-option={i}
            className={picked !== undefined && i === data.answer ? 'right' : undefined} onClick={() => answer(stepKey, i)}>
            {o[lang]}
          </button>
        ))}
      </div>
      {picked !== undefined && (
        <p className="lesson-reveal" role="status">
          <strong>{picked === data.answer ? t('correct') : t('wrong', { answer: data.options[data.answer]?.[lang] ?? '' })}</strong>{' '}
          {data.reveal[lang]}
        </p>
      )}
    </fieldset>
  );
});
