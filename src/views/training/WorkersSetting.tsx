import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';

/** Keeps training in one worker (no data-parallel helpers): a setting of this machine, like the backend. */
export const WorkersSetting = memo(function WorkersSetting({ busy }: { busy: boolean }) {
  const { t } = useTranslation('parallel');
  const one = useApp((s) => s.workersChoice === 'one');
  const setWorkersChoice = useApp((s) => s.setWorkersChoice);
  return (
    <label className="workers-setting" title={t('settingHint')}>
      <input type="checkbox" name="one-worker" checked={one} disabled={busy}
        onChange={(e) => setWorkersChoice(e.target.checked ? 'one' : 'auto')} />
      <span>{t('setting')}</span>
    </label>
  );
});
