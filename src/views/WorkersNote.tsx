import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkersInfo } from '../train/api/protocol';

/** " · 2 workers" after the backend in the status bar, with why that many in its tooltip. */
export const WorkersNote = memo(function WorkersNote({ workers }: { workers: WorkersInfo }) {
  const { t } = useTranslation('parallel');
  const why = t(`reason.${workers.reason}`, { count: workers.count, cores: workers.cores ?? '?', detail: workers.detail ?? '' });
  return (
    <span className="workers" data-workers={workers.count} data-reason={workers.reason} title={why}>
      {t('count', { count: workers.count })}
    </span>
  );
});
