import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';
import type { ViewLink } from './useUnderstand';

/** What the view's last request came to: working, how long it took on which step's weights, or why not. */
export function Status({ link }: { link: ViewLink }) {
  const { t } = useTranslation('understand');
  const { answer, busy, noRun } = link;
  const runId = useApp((s) => s.runId);
  if (noRun) return <p className="muted" role="status">{t('status.noRun')}</p>;
  if (busy && !answer?.result) return <p className="muted" role="status">{t('status.working')}</p>;
  if (!answer) return null;
  if (answer.problem === 'no-model') return <p className="muted" role="status">{t('status.noRun')}</p>;
  if (answer.problem === 'bad-request') return <p className="error" role="alert">{t('status.badRequest')}</p>;
  if (answer.problem === 'failed') return <p className="error" role="alert">{t('status.failed', { detail: answer.detail ?? '' })}</p>;
  const ms = Math.round(answer.ms).toLocaleString();
  // A picture computed on an earlier run's weights stays, but says so.
  if (!busy && answer.runId !== runId) return <p className="understand-stale" role="status" data-testid="understand-stale">{t('status.stale')}</p>;
  return (
    <p className="muted understand-took" role="status" data-testid="understand-took">
      {busy ? t('status.workingFor', { ms }) : t('status.took', { ms, step: answer.step.toLocaleString() })}
    </p>
  );
}
