import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './AppContext';

export const StatusBar = memo(function StatusBar() {
  const { t } = useTranslation();
  const phase = useApp((s) => s.phase);
  const detail = useApp((s) => s.phaseDetail);
  const backend = useApp((s) => s.backend);
  const examples = useApp((s) => s.examples);
  const error = useApp((s) => s.error);
  return (
    <div className="status-bar" role="status" aria-live="polite">
      <span className={`phase phase-${phase}`} data-phase={phase}>{t(`phase.${phase}`)}</span>
      {detail && <span className="detail">{detail}</span>}
      {backend && (
        <span className="backend" data-backend={backend.name} title={[backend.reason, backend.renderer].filter(Boolean).join(' · ')}>
          {t('backendInUse', { name: t(`backendNames.${backend.name}`) })}
        </span>
      )}
      {examples && <span className="examples">{t('train.examples', { train: examples.train, test: examples.test })}</span>}
      {error && <span className="error-text" role="alert">{error}</span>}
    </div>
  );
});
