import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useServices } from '../AppContext';
import { divergenceWording } from './divergenceWording';

/** Why a run stopped itself, in words, with the lower learning rate to try one click away. */
export const DivergenceNotice = memo(function DivergenceNotice() {
  const { t } = useTranslation('run');
  const { t: tw } = useTranslation('walk');
  const { run } = useServices();
  const d = useApp((s) => s.divergence);
  if (!d) return null;
  const { key, values } = divergenceWording(d);
  return (
    <div className="divergence-notice" role="alert" data-kind={d.kind}>
      <strong>{t('diverged.title')}</strong>
      <p>{t(key, values)}</p>
      <p>{t('diverged.advice', values)}</p>
      {d.suggestionTested && <p data-tested="true">{tw('diverged.tested', values)}</p>}
      <button type="button" data-action="apply-suggested-lr" onClick={() => run.setLearningRate(d.suggestedLearningRate)}>
        {t('diverged.apply', values)}
      </button>
    </div>
  );
});
