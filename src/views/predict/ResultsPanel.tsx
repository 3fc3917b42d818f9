import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfusionView } from './ConfusionView';
import { useClassNames, useDatasetTask, usePredictionState } from './hooks';
import { MaskView, SegmentationResults } from './SegmentationResults';
import { MistakesGallery } from './MistakesGallery';
import { StaleNote } from '../StaleNote';
import './predict.css';

/**
 * After each epoch: the test confusion matrix, per-class accuracy and the most confident mistakes; for a
 * segmentation run, the masks, IoU per class, the pixel confusion matrix and the images of lowest IoU.
 */
export const ResultsPanel = memo(function ResultsPanel() {
  const { t } = useTranslation('predict');
  const { confusion } = usePredictionState();
  const { task: datasetTask, count: datasetClassCount } = useDatasetTask();
  const classNames = useClassNames(confusion?.numClasses ?? datasetClassCount);
  // The mask view is there from the start of a segmentation run (it says when its first masks come).
  const segmentation = confusion ? confusion.masks !== undefined : datasetTask === 'segmentation';
  return (
    <section className="panel results-panel" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('confusion.panel')}</h2>
      {segmentation && <MaskView classNames={classNames} />}
      {!confusion ? <p className="muted">{t('confusion.none')}</p> : confusion.masks ? (
        <>
          <StaleNote />
          <SegmentationResults report={confusion} classNames={classNames} />
        </>
      ) : (
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
