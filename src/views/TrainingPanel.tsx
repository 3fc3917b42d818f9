import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectFirstError, selectIsPaused, selectIsRunning } from '../store/appStore';
import { useApp } from './AppContext';
import { DivergenceNotice } from './training/DivergenceNotice';
import { DataGroup, OptimizerGroup, ScheduleGroup } from './training/HyperGroups';
import { RunEstimateLine } from './training/RunEstimateLine';
import { useRunEstimate } from './training/useRunEstimate';
import './training/training.css';

export const TrainingPanel = memo(function TrainingPanel() {
  const { t } = useTranslation();
  const { t: tm } = useTranslation('model');
  const batchSize = useApp((s) => s.hyper.batchSize);
  const running = useApp(selectIsRunning);
  const paused = useApp(selectIsPaused);
  const firstError = useApp(selectFirstError);
  const studyPreset = useApp((s) => s.studyPreset);
  const estimate = useRunEstimate();
  const busy = running || paused;

  return (
    <section className="panel training-panel" aria-labelledby="train-heading">
      <h2 id="train-heading">{t('train.heading')}</h2>
      <OptimizerGroup busy={busy} />
      <ScheduleGroup busy={busy} />
      <DataGroup busy={busy} />
      {estimate && <RunEstimateLine estimate={estimate} batchSize={batchSize} />}
      {/* Train, pause, step and reset, and the backend, sit in the workspace's top bar. */}
      {studyPreset !== null && (
        <p className="disabled-reason" role="status" data-reason="study">{t('train.studyOnly')}</p>
      )}
      {firstError && (
        <p className="disabled-reason" role="status">
          {t('train.disabledInvalid', { reason: tm(`issue.${firstError.code}`, { ...firstError.values, defaultValue: firstError.code }) })}
        </p>
      )}
      <DivergenceNotice />
    </section>
  );
});
