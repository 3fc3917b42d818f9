import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectCanTrain, selectFirstError, selectIsPaused, selectIsRunning } from '../store/appStore';
import type { BackendChoice, OptimizerName } from '../train/protocol';
import { useApp, useServices } from './AppContext';
import { NumberField } from './NumberField';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgl', 'wasm', 'cpu'];
const OPTIMIZERS: readonly OptimizerName[] = ['adam', 'sgd'];

export const TrainingPanel = memo(function TrainingPanel() {
  const { t } = useTranslation();
  const { run } = useServices();
  const hyper = useApp((s) => s.hyper);
  const setHyper = useApp((s) => s.setHyper);
  const backendChoice = useApp((s) => s.backendChoice);
  const setBackendChoice = useApp((s) => s.setBackendChoice);
  const running = useApp(selectIsRunning);
  const paused = useApp(selectIsPaused);
  const canTrain = useApp(selectCanTrain);
  const firstError = useApp(selectFirstError);
  const { t: tm } = useTranslation('model');
  const busy = running || paused;

  return (
    <section className="panel training-panel" aria-labelledby="train-heading">
      <h2 id="train-heading">{t('train.heading')}</h2>
      <div className="fields">
        <NumberField label={t('train.epochs')} value={hyper.epochs} min={1} max={1000} integer disabled={busy}
          onChange={(epochs) => setHyper({ epochs })} />
        <NumberField label={t('train.batchSize')} value={hyper.batchSize} min={1} max={4096} integer disabled={busy}
          onChange={(batchSize) => setHyper({ batchSize })} />
        <NumberField label={t('train.learningRate')} value={hyper.learningRate} min={1e-7} max={10} disabled={busy}
          onChange={(learningRate) => setHyper({ learningRate })} />
        <NumberField label={t('train.seed')} value={hyper.seed} min={0} max={2 ** 31 - 1} integer disabled={busy}
          onChange={(seed) => setHyper({ seed })} />
        <div className="field">
          <label htmlFor="optimizer">{t('train.optimizer')}</label>
          <select id="optimizer" value={hyper.optimizer} disabled={busy}
            onChange={(e) => setHyper({ optimizer: e.target.value as OptimizerName })}>
            {OPTIMIZERS.map((o) => <option key={o} value={o}>{o === 'adam' ? 'Adam' : 'SGD'}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="backend">{t('train.backend')}</label>
          <select id="backend" value={backendChoice} disabled={busy}
            onChange={(e) => setBackendChoice(e.target.value as BackendChoice)}>
            {BACKEND_CHOICES.map((b) => (
              <option key={b} value={b}>{b === 'auto' ? t('train.backendAuto') : t(`backendNames.${b}`)}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="controls">
        <button type="button" className="primary" data-action="train" disabled={!canTrain} onClick={() => run.start()}>
          {t('train.start')}
        </button>
        {paused ? (
          <button type="button" data-action="resume" onClick={() => run.resume()}>{t('train.resume')}</button>
        ) : (
          <button type="button" data-action="pause" disabled={!running} onClick={() => run.pause()}>{t('train.pause')}</button>
        )}
        <button type="button" data-action="stop" disabled={!busy} onClick={() => run.stop()}>{t('train.stop')}</button>
      </div>
      {firstError && (
        <p className="disabled-reason" role="status">
          {t('train.disabledInvalid', { reason: tm(`issue.${firstError.code}`, { ...firstError.values, defaultValue: firstError.code }) })}
        </p>
      )}
    </section>
  );
});
