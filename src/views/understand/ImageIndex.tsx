import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';

/** A test image by its number; the range follows the run's test split. */
export function ImageIndex({ value, onChange }: { value: number; onChange: (index: number) => void }) {
  const { t } = useTranslation('understand');
  const count = useApp((s) => s.examples?.test ?? 0);
  const max = Math.max(0, count - 1);
  return (
    <label>{t('common.image', { max })}{' '}
      <input type="number" min={0} max={max} value={value}
        onChange={(e) => onChange(Math.max(0, Math.min(max, Math.round(Number(e.target.value) || 0))))} />
    </label>
  );
}
