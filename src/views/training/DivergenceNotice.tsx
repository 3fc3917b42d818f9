import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../AppContext';

const num = (x: number | null) => (x === null ? '?' : Number(x.toPrecision(3)).toString());

/** Why a run stopped itself, in words, with the lower learning rate to try one click away. */
export const DivergenceNotice = memo(function DivergenceNotice() {
  const { t } = useTranslation('run');
  const { t: tw } = useTranslation('walk');
  const { run } = useServices();
  const d = useApp((s) => s.divergence);
  if (!d) return null;
  const values = { step: d.step, epoch: d.epoch, loss: num(d.loss), start: num(d.startLoss), rate: num(d.learningRate),
    suggested: num(d.suggestedLearningRate) };
  return (
    <div className="divergence-notice" role="alert" data-kind={d.kind}>
      <strong>{t('diverged.title')}</strong>
      <p>{t(d.kind === 'nan' ? 'diverged.nan' : 'diverged.exploding', values)}</p>
      <p>{t('diverged.advice', values)}</p>
      {d.suggestionTested && <p data-tested="true">{tw('diverged.tested', values)}</p>}
      <button type="button" data-action="apply-suggested-lr" onClick={() => run.setLearningRate(d.suggestedLearningRate)}>
        {t('diverged.apply', values)}
      </button>
    </div>
  );
});
