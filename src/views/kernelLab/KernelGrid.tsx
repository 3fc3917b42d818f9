import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Kernel } from '../../kernelLab/convolve';

const show = (v: number) => String(Math.round(v * 1000) / 1000);

/** The editable grid: one number field per weight; a field that is not a number says so and keeps the old weight. */
export const KernelGrid = memo(function KernelGrid({ kernel, onChange, readOnly = false, name }:
  { kernel: Kernel; onChange?: (k: Kernel) => void; readOnly?: boolean; name: string }) {
  const { t } = useTranslation('lessons');
  const [bad, setBad] = useState<number | null>(null);
  return (
    <div className="kernel-grid-wrap">
      <div className="kernel-grid" style={{ gridTemplateColumns: `repeat(${kernel.size}, 3.6em)` }} data-testid={name}>
        {kernel.values.map((v, i) => (
          <input key={`${kernel.size}-${i}-${show(v)}`} defaultValue={show(v)} readOnly={readOnly} inputMode="decimal"
            data-cell={i} aria-invalid={bad === i}
            aria-label={t('kernel.weight', { row: Math.floor(i / kernel.size) + 1, col: (i % kernel.size) + 1 })}
            onBlur={(e) => {
              if (readOnly || !onChange) return;
              const text = e.currentTarget.value.trim().replace(',', '.');
              const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
              if (!Number.isFinite(value)) {
                setBad(i);
                return;
              }
              setBad(null);
              if (value !== v) onChange({ size: kernel.size, values: kernel.values.map((w, j) => (j === i ? value : w)) });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.currentTarget.blur();
            }} />
        ))}
      </div>
      {bad !== null && <p className="field-error" role="alert">{t('kernel.badWeight')}</p>}
    </div>
  );
});
