import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectCanTrain, selectFirstError, selectInvalidFieldNames, selectIsPaused, selectIsRunning } from '../store/appStore';
import type { BackendChoice } from '../train/protocol';
import { findPreset } from '../model/presets';
import { useApp, useServices } from './AppContext';
import { DivergenceNotice } from './training/DivergenceNotice';
import { SelectField } from './training/fields';
import { DataGroup, OptimizerGroup, ScheduleGroup } from './training/HyperGroups';
import { RunEstimateLine } from './training/RunEstimateLine';
import { useRunEstimate } from './training/useRunEstimate';
import './training/training.css';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgl', 'wasm', 'cpu'];

export const TrainingPanel = memo(function TrainingPanel() {
  const { t } = useTranslation();
  const { t: tr } = useTranslation('run');
  const { t: tm } = useTranslation('model');
  const { run } = useServices();
  const backendChoice = useApp((s) => s.backendChoice);
  const setBackendChoice = useApp((s) => s.setBackendChoice);
  const batchSize = useApp((s) => s.hyper.batchSize);
  const running = useApp(selectIsRunning);
  const paused = useApp(selectIsPaused);
  const firstError = useApp(selectFirstError);
  const studyPreset = useApp((s) => s.studyPreset);
  const invalidFields = useApp(selectInvalidFieldNames);
  const { t: tw } = useTranslation('walk');
  const estimate = useRunEstimate();
  const refused = estimate?.refused ?? false;
  const canTrain = useApp(selectCanTrain) && !refused;
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
      <DataGroup busy={busy} />
      <div className="fields backend-field">
        <SelectField name="backend" label={t('train.backend')} value={backendChoice} options={BACKEND_CHOICES} disabled={busy}
          optionLabel={(b) => (b === 'auto' ? t('train.backendAuto') : t(`backendNames.${b}`))}
          onChange={(b) => setBackendChoice(b)} />
      </div>
      {/* A reference network open for study is not trained here: no time estimate or memory refusal beside that reason. */}
      {estimate && studyPreset === null && <RunEstimateLine estimate={estimate} batchSize={batchSize} />}
      <div className="controls">
        <button type="button" className="primary" data-action="train" disabled={!canTrain} onClick={() => run.start()}>
          {t('train.start')}
        </button>
        {paused ? (
          <button type="button" data-action="resume" onClick={() => run.resume()}>{t('train.resume')}</button>
        ) : (
          <button type="button" data-action="pause" disabled={!running} onClick={() => run.pause()}>{t('train.pause')}</button>
        )}
        <button type="button" data-action="step" title={tr('stepHelp')} disabled={!(paused || canTrain)} onClick={() => run.step()}>
          {tr('step')}
        </button>
        <button type="button" data-action="stop" disabled={!busy} onClick={() => run.stop()}>{t('train.stop')}</button>
      </div>
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
