import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { selectResultsStale } from '../store/results';
import { useApp } from './AppContext';

/** Said beside results that came from the network as it was trained, once it has been edited since. */
export const StaleNote = memo(function StaleNote() {
  const { t } = useTranslation('walk');
  const stale = useApp(selectResultsStale);
  if (stale !== 'network') return null;
  return <p className="notice stale-note" role="status" data-stale="network">{t('stale.network')}</p>;
});
