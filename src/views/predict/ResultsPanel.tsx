import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfusionView } from './ConfusionView';
import { useClassNames, usePredictionState } from './hooks';
import { MistakesGallery } from './MistakesGallery';
import { StaleNote } from '../StaleNote';
import './predict.css';

/** After each epoch: the test confusion matrix, per-class accuracy and the most confident mistakes. */
export const ResultsPanel = memo(function ResultsPanel() {
  const { t } = useTranslation('predict');
  const { confusion } = usePredictionState();
  const classNames = useClassNames(confusion?.numClasses ?? 0);
  return (
    <section className="panel results-panel" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('confusion.panel')}</h2>
      {!confusion ? <p className="muted">{t('confusion.none')}</p> : (
        <>
          <StaleNote />
          <ConfusionView report={confusion} classNames={classNames} />
          <h3>{t('mistakes.heading')}</h3>
          <p className="muted">{t('mistakes.explain')}</p>
          <MistakesGallery mistakes={confusion.mistakes} classNames={classNames} />
        </>
      )}
    </section>
  );
});
