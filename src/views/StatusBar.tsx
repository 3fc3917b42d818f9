import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { selectStepsPerEpoch } from '../store/appStore';
import { useApp, useServices } from './AppContext';
import { guardLeaving } from '../store/leaveGuard';
import { formatCount } from './format';
import { selectResultsStale } from '../store/results';
import { backendReasonText } from './backendReason';
import { BackendWhy } from './BackendWhy';
import { WorkersNote } from './WorkersNote';

export const StatusBar = memo(function StatusBar() {
  const { t } = useTranslation();
  const { store } = useServices();
  // The status bar is always there: it holds the question before leaving the page mid-run.
  useEffect(() => guardLeaving(store, window), [store]);
  const phase = useApp((s) => s.phase);
  const detail = useApp((s) => s.phaseDetail);
  const backend = useApp((s) => s.backend);
  const examples = useApp((s) => s.examples);
  const error = useApp((s) => s.error);
  const failure = useApp((s) => s.failure);
  const { t: tr } = useTranslation('run');
  const progress = useApp((s) => s.progress);
  const epochs = useApp((s) => s.hyper.epochs);
  const stepsPerEpoch = useApp(selectStepsPerEpoch);
  const { i18n } = useTranslation();
  const { t: tw } = useTranslation('walk');
  const stale = useApp(selectResultsStale);
  const diverged = useApp((s) => s.divergence !== null);
  const n = (x: number) => formatCount(x, i18n.language);
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`phase phase-${phase}`} data-phase={phase}>{t(`phase.${phase}`)}</span>
      {detail && <span className="detail">{detail === 'lr-range-test' ? tw('diverged.testing') : detail}</span>}
      {stale === 'network' && <span className="detail stale" data-stale="network">{tw('stale.statusNetwork')}</span>}
      {backend && (
        <span className="backend" data-backend={backend.name} title={backendReasonText(backend.reason, tw)}>
          {t('backendInUse', { name: t(`backendNames.${backend.name}`) })}
          <BackendWhy backend={backend} />
          {backend.workers && <WorkersNote workers={backend.workers} />}
        </span>
      )}
      {progress && stepsPerEpoch && (
        <span className="progress" data-epoch={progress.epoch}>
          {t('progress', { epoch: progress.epoch, epochs, step: n(progress.step - (progress.epoch - 1) * stepsPerEpoch),
            steps: n(stepsPerEpoch) })}
        </span>
      )}
      {examples && <span className="examples" data-labelled-of={examples.labelledOf}>
        {examples.labelledOf === undefined ? t('train.examples', { train: n(examples.train), test: n(examples.test) })
          : t('train.examplesShared', { train: n(examples.train), of: n(examples.labelledOf), test: n(examples.test) })}</span>}
      {error && <span className="error-text" role="alert">{diverged ? tw('diverged.status') : failure ? tr(`failure.${failure.code}`, failure.values) : error}</span>}
    </div>
  );
});
