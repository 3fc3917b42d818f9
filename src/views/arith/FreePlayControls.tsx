import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Padding } from '../../model/spec';
import type { FreePlay } from './frames';

const SLIDERS: readonly { key: keyof Omit<FreePlay, 'padding'>; min: number; max: number }[] = [
  { key: 'inputH', min: 1, max: 32 }, { key: 'inputW', min: 1, max: 32 },
  { key: 'kernelH', min: 1, max: 9 }, { key: 'kernelW', min: 1, max: 9 },
  { key: 'strideH', min: 1, max: 6 }, { key: 'strideW', min: 1, max: 6 },
  { key: 'dilationH', min: 1, max: 4 }, { key: 'dilationW', min: 1, max: 4 },
];

const PADDINGS: readonly Padding[] = ['valid', 'same', 0, 1, 2, 3, 4];

/** Sliders for every number of a sliding window, per axis (non-square windows allowed). */
export const FreePlayControls = memo(function FreePlayControls(
  { value, onChange }: { value: FreePlay; onChange: (next: FreePlay) => void },
) {
  const { t } = useTranslation('predict');
  return (
    <div className="free-play-controls">
      {SLIDERS.map(({ key, min, max }) => (
        <label key={key} className="slider">
          <span>{t(`arith.field.${key}`)}</span>
          <input type="range" min={min} max={max} step={1} value={value[key]} data-field={key}
            onChange={(e) => onChange({ ...value, [key]: Number(e.target.value) })} />
          <output>{value[key]}</output>
        </label>
      ))}
      <label className="slider">
        <span>{t('arith.field.padding')}</span>
        <select value={String(value.padding)} data-field="padding"
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...value, padding: v === 'valid' || v === 'same' ? v : Number(v) });
          }}>
          {PADDINGS.map((p) => (
            <option key={String(p)} value={String(p)}>{typeof p === 'number' ? p : t(`arith.padding.${p}`)}</option>
          ))}
        </select>
      </label>
    </div>
  );
});
