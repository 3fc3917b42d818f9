// The training knobs, in three groups: how the weights move (optimizer, rate, momentum, decay), how the
// rate changes (schedule), and what each step sees (batch, epochs, augmentation, seed). While a run goes
// on, only the learning rate stays editable: it reaches the worker at the next batch.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SHIFT } from '../../train/api/hyper';
import { OPTIMIZER_NAMES, type LrSchedule } from '../../train/api/protocol';
import { useApp, useServices } from '../AppContext';
import { NumberField } from '../NumberField';
import { CheckField, SelectField, useValidity } from './fields';

const SCHEDULE_KINDS = ['constant', 'step', 'cosine'] as const;
const DEFAULT_SCHEDULES: Record<LrSchedule['kind'], LrSchedule> = {
  constant: { kind: 'constant' },
  step: { kind: 'step', everyEpochs: 1, factor: 0.5 },
  cosine: { kind: 'cosine', minFactor: 0 },
};

export const OptimizerGroup = memo(function OptimizerGroup({ busy }: { busy: boolean }) {
  const { t } = useTranslation('run');
  const { run } = useServices();
  const hyper = useApp((s) => s.hyper);
  const setHyper = useApp((s) => s.setHyper);
  const checked = useValidity();
  const liveRate = useApp((s) => s.liveLearningRate);
  const usesMomentum = hyper.optimizer === 'momentum' || hyper.optimizer === 'nesterov';
  return (
    <fieldset className="knob-group" data-group="optimizer">
      <legend>{t('groups.optimizer')}</legend>
      <div className="fields">
        <SelectField name="optimizer" label={t('optimizer.label')} value={hyper.optimizer} options={OPTIMIZER_NAMES}
          optionLabel={(o) => t(`optimizer.names.${o}`)} disabled={busy} help={t(`optimizer.help.${hyper.optimizer}`)}
          onChange={(optimizer) => setHyper({ optimizer })} />
        <div className="field-with-help" data-field="learningRate">
          <NumberField onValidity={checked('hyper:learningRate', t('learningRate'))} label={t('learningRate')} value={hyper.learningRate} min={1e-7} max={10}
            onChange={(learningRate) => run.setLearningRate(learningRate)} />
          <span className="field-help">
            {t('learningRateLive')}
            {busy && liveRate !== null && <> {t('liveRate', { rate: Number(liveRate.toPrecision(3)) })}</>}
          </span>
        </div>
        {usesMomentum && (
          <NumberField onValidity={checked('hyper:momentum', t('momentum'))} label={t('momentum')} value={hyper.momentum} min={0} max={0.999} disabled={busy}
            onChange={(momentum) => setHyper({ momentum })} />
        )}
        <div className="field-with-help" data-field="weightDecay">
          <NumberField onValidity={checked('hyper:weightDecay', t('weightDecay'))} label={t('weightDecay')} value={hyper.weightDecay} min={0} max={1} disabled={busy}
            onChange={(weightDecay) => setHyper({ weightDecay })} />
          <span className="field-help">{t('weightDecayHelp')}</span>
        </div>
      </div>
    </fieldset>
  );
});

export const ScheduleGroup = memo(function ScheduleGroup({ busy }: { busy: boolean }) {
  const { t } = useTranslation('run');
  const schedule = useApp((s) => s.hyper.schedule);
  const setHyper = useApp((s) => s.setHyper);
  const checked = useValidity();
  const set = (next: LrSchedule) => setHyper({ schedule: next });
  return (
    <fieldset className="knob-group" data-group="schedule">
      <legend>{t('groups.schedule')}</legend>
      <div className="fields">
        <SelectField name="schedule" label={t('schedule.label')} value={schedule.kind} options={SCHEDULE_KINDS}
          optionLabel={(k) => t(`schedule.kinds.${k}`)} disabled={busy} help={t(`schedule.help.${schedule.kind}`)}
          onChange={(kind) => set(DEFAULT_SCHEDULES[kind])} />
        {schedule.kind === 'step' && (
          <>
            <NumberField onValidity={checked('hyper:schedule.everyEpochs', t('schedule.everyEpochs'))} label={t('schedule.everyEpochs')} value={schedule.everyEpochs} min={1} max={1000} integer disabled={busy}
              onChange={(everyEpochs) => set({ ...schedule, everyEpochs })} />
            <NumberField onValidity={checked('hyper:schedule.factor', t('schedule.factor'))} label={t('schedule.factor')} value={schedule.factor} min={0.001} max={1} disabled={busy}
              onChange={(factor) => set({ ...schedule, factor })} />
          </>
        )}
        {schedule.kind === 'cosine' && (
          <NumberField onValidity={checked('hyper:schedule.minFactor', t('schedule.minFactor'))} label={t('schedule.minFactor')} value={schedule.minFactor} min={0} max={1} disabled={busy}
            onChange={(minFactor) => set({ ...schedule, minFactor })} />
        )}
      </div>
    </fieldset>
  );
});

export const DataGroup = memo(function DataGroup({ busy }: { busy: boolean }) {
  const { t } = useTranslation('run');
  const { t: ta } = useTranslation();
  const hyper = useApp((s) => s.hyper);
  const setHyper = useApp((s) => s.setHyper);
  const checked = useValidity();
  const aug = hyper.augmentation;
  return (
    <fieldset className="knob-group" data-group="data">
      <legend>{t('groups.data')}</legend>
      <div className="fields">
        <NumberField onValidity={checked('hyper:train.epochs', ta('train.epochs'))} label={ta('train.epochs')} value={hyper.epochs} min={1} max={1000} integer disabled={busy}
          onChange={(epochs) => setHyper({ epochs })} />
        <NumberField onValidity={checked('hyper:train.batchSize', ta('train.batchSize'))} label={ta('train.batchSize')} value={hyper.batchSize} min={1} max={4096} integer disabled={busy}
          onChange={(batchSize) => setHyper({ batchSize })} />
        <CheckField name="flip" label={t('augmentation.flip')} checked={aug.flip} disabled={busy} help={t('augmentation.flipHelp')}
          onChange={(flip) => setHyper({ augmentation: { ...aug, flip } })} />
        <div className="field-with-help" data-field="shift">
          <NumberField onValidity={checked('hyper:augmentation.shift', t('augmentation.shift'))} label={t('augmentation.shift')} value={aug.shift} min={0} max={MAX_SHIFT} integer disabled={busy}
            onChange={(shift) => setHyper({ augmentation: { ...aug, shift } })} />
          <span className="field-help">{t('augmentation.shiftHelp')}</span>
        </div>
        <div className="field-with-help" data-field="seed">
          <NumberField onValidity={checked('hyper:train.seed', ta('train.seed'))} label={ta('train.seed')} value={hyper.seed} min={0} max={2 ** 31 - 1} integer disabled={busy}
            onChange={(seed) => setHyper({ seed })} />
          <span className="field-help">{t('seedHelp')}</span>
        </div>
      </div>
    </fieldset>
  );
});
