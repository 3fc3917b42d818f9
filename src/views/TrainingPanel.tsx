import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectFirstError, selectInvalidFieldNames, selectIsPaused, selectIsRunning } from '../store/appStore';
import { findPreset } from '../model/presets';
import { useApp } from './AppContext';
import { DivergenceNotice } from './training/DivergenceNotice';
import { DataGroup, OptimizerGroup, ScheduleGroup } from './training/HyperGroups';
import { PixelLossGroup } from './training/PixelLossGroup';
import { BoxLossGroup } from './training/BoxLossGroup';
import { RunEstimateLine } from './training/RunEstimateLine';
import { useRunEstimate } from './training/useRunEstimate';
import { WorkersSetting } from './training/WorkersSetting';
import './training/training.css';

export const TrainingPanel = memo(function TrainingPanel() {
  const { t } = useTranslation();
  const { t: tm } = useTranslation('model');
  const batchSize = useApp((s) => s.hyper.batchSize);
  const running = useApp(selectIsRunning);
  const paused = useApp(selectIsPaused);
  const firstError = useApp(selectFirstError);
  const studyPreset = useApp((s) => s.studyPreset);
  const invalidFields = useApp(selectInvalidFieldNames);
  const { t: tw } = useTranslation('walk');
  const estimate = useRunEstimate();
  const busy = running || paused;
  // LeNet-5 as published is small, but sized for 32x32 inputs no dataset here has: a different reason than size.
  const studyReason = (id: string) => {
    const preset = findPreset(id);
    if (!preset || preset.dataset === 'imagenet' || !preset.inputShape) return t('train.studyOnly');
    return tw('train.studyShape', { name: tm(preset.nameKey), shape: preset.inputShape.join('×') });
  };

  return (
    <section className="panel training-panel" aria-labelledby="train-heading">
      <h2 id="train-heading">{t('train.heading')}</h2>
      <OptimizerGroup busy={busy} />
      <ScheduleGroup busy={busy} />
      <PixelLossGroup busy={busy} />
      <BoxLossGroup busy={busy} />
      <DataGroup busy={busy} />
      <WorkersSetting busy={busy} />
      {estimate && studyPreset === null && <RunEstimateLine estimate={estimate} batchSize={batchSize} />}
      {/* Train, pause, step and reset, and the backend, sit in the workspace's top bar. */}
      {studyPreset !== null && (
        <p className="disabled-reason" role="status" data-reason="study">{studyReason(studyPreset)}</p>
      )}
      {firstError && (
        <p className="disabled-reason" role="status" data-reason="invalid-network" data-block={firstError.blockId ?? undefined}>
          {firstError.blockId === null
            ? t('train.disabledInvalid', { reason: tm(`issue.${firstError.code}`, { ...firstError.values, defaultValue: firstError.code }) })
            : tw('train.fixBlock', { block: firstError.blockId,
              reason: tm(`issue.${firstError.code}`, { ...firstError.values, defaultValue: firstError.code }) })}
        </p>
      )}
      {invalidFields !== '' && (
        <p className="disabled-reason" role="status" data-reason="invalid-field">{tw('train.fixFields', { names: invalidFields })}</p>
      )}
      <DivergenceNotice />
    </section>
  );
});
