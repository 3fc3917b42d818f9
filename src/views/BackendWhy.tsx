import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackendInfo, BackendName } from '../train/api/protocol';

/** The measured reason for the automatic backend, in the UI's language; nothing when it was not measured. */
export const BackendWhy = memo(function BackendWhy({ backend }: { backend: BackendInfo }) {
  const { t } = useTranslation('speed');
  const { t: tApp } = useTranslation();
  if (backend.measuredMs === undefined) return null;
  const times = (Object.entries(backend.measuredMs) as Array<[BackendName, number]>)
    .sort((a, b) => a[1] - b[1])
    .map(([name, ms]) => t('measuredTime', { name: tApp(`backendNames.${name}`), ms }))
    .join(', ');
  return <span className="backend-why" data-measured={Object.keys(backend.measuredMs).join(',')}>{t('measured', { times })}</span>;
});
