import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './AppContext';
import { formatCount, formatPercent } from './format';
import { StaleNote } from './StaleNote';
import { selectScoreKind } from '../store/dataSlice';
import { epochScore } from '../tasks/score';

const formatIoU = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));

export const EpochTable = memo(function EpochTable() {
  const { t, i18n } = useTranslation();
  const epochs = useApp((s) => s.epochs);
  const tp = useTranslation('predict').t;
  const { t: td } = useTranslation('data');
  // A detector is judged by its mAP at IoU 0.5, shown where accuracy is (src/tasks/score.ts).
  const kind = useApp(selectScoreKind);
  const isMap = kind === 'meanAP';
  const hasValidation = epochs.some((e) => e.validationAccuracy !== undefined);
  // A task with a class per pixel adds its mean IoU (src/tasks/segmentation.ts).
  const hasIoU = epochs.some((e) => e.testMeanIoU !== undefined);
  const formatScore = isMap ? formatIoU : (v: number | undefined) => (v === undefined ? '–' : formatPercent(v));
  return (
    <section className="panel epoch-panel" aria-labelledby="epoch-heading">
      <h2 id="epoch-heading">{isMap ? t('epochs.headingMeanAP') : t('epochs.heading')}</h2>
      {epochs.length === 0 ? (
        <p className="muted">{t('epochs.none')}</p>
      ) : (<>
        <StaleNote />
        <table className="epoch-table">
          <thead>
            <tr>
              <th scope="col">{t('epochs.epoch')}</th>
              {hasValidation && <th scope="col" className="num" title={isMap ? t('epochs.testMeanAPHint') : undefined}>
                {isMap ? t('epochs.validationMeanAP') : td('epochValidation')}</th>}
              <th scope="col" className="num" title={isMap ? t('epochs.testMeanAPHint') : undefined}>
                {isMap ? t('epochs.testMeanAP') : t('epochs.testAccuracy')}</th>
              {hasIoU && <th scope="col" className="num" title={t('epochs.testMeanIoUHint')}>{t('epochs.testMeanIoU')}</th>}
              <th scope="col" className="num">{t('epochs.testLoss')}</th>
              {hasValidation && <th scope="col" className="num">{tp('epochs.validationLoss')}</th>}
              <th scope="col" className="num">{t('epochs.speed')}</th>
              <th scope="col" className="num">{t('epochs.time')}</th>
            </tr>
          </thead>
          <tbody>
            {epochs.map((e) => {
              const score = epochScore(e, kind);
              return (
              <tr key={e.epoch} data-epoch={e.epoch}>
                <td>{e.epoch}</td>
                {hasValidation && (
                  <td className={`num ${isMap ? 'validation-mean-ap' : 'validation-accuracy'}`} data-value={score.validation}>
                    {formatScore(score.validation)}
                  </td>
                )}
                <td className={`num ${isMap ? 'test-mean-ap' : 'test-accuracy'}`} data-value={score.test}>{formatScore(score.test)}</td>
                {hasIoU && <td className="num test-mean-iou" data-value={e.testMeanIoU}>{formatIoU(e.testMeanIoU)}</td>}
                <td className="num">{e.testLoss.toFixed(4)}</td>
                {hasValidation && <td className="num">{e.validationLoss === undefined ? '–' : e.validationLoss.toFixed(4)}</td>}
                <td className="num images-per-second" data-value={e.imagesPerSecond}>{formatCount(Math.round(e.imagesPerSecond), i18n.language)}</td>
                <td className="num">{e.seconds.toFixed(1)} s</td>
              </tr>
              );
            })}
          </tbody>
        </table>
      </>)}
    </section>
  );
});
