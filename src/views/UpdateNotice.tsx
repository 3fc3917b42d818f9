import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { selectRunActive } from '../store/appStore';
import { useApp } from './AppContext';
import type { Updates } from './updates';
import './updateNotice.css';

/**
 * Says that a new version is ready and reloads into it when the user chooses; never during a run (the
 * button waits until the run is stopped or done), so no training is cut off by an update.
 */
export function UpdateNotice({ updates }: { readonly updates: Updates }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(updates.subscribe, updates.state);
  const running = useApp(selectRunActive);
  if (state === 'none') return null;
  return (
    <div className="update-notice" role="status" data-update={state}>
      <span>{t(state === 'ready' ? 'update.ready' : 'update.active')}</span>
      <button type="button" data-action="update-reload" disabled={running} onClick={() => updates.apply()}>
        {t('update.reload')}
      </button>
      {running && <span className="update-notice-wait">{t('update.afterRun')}</span>}
    </div>
  );
}
