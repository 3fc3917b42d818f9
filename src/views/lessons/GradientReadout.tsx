import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { firstToLastGradient } from '../../lessons/checks';
import { useApp } from '../AppContext';
import { useWantProbe } from '../viz/hooks';

/** The gradient-flow probe's first and last layer norms, and how many times smaller the first is. */
export const GradientReadout = memo(function GradientReadout() {
  const { t } = useTranslation('lessons');
  useWantProbe('gradients', true);
  const g = useApp((s) => s.lessonResults.gradients);
  const ratio = firstToLastGradient(g);
  if (!g || ratio === null) return <p className="muted" data-testid="gradient-readout">{t('gradients.waiting')}</p>;
  const fmt = (v: number) => v.toExponential(2);
  return (
    <p role="status" data-testid="gradient-readout" data-ratio={ratio} data-first={g.gradNorm[0]} data-last={g.gradNorm.at(-1)}>
      {t('gradients.reading', { step: g.step, first: fmt(g.gradNorm[0] as number), last: fmt(g.gradNorm.at(-1) as number), times: Math.round(1 / ratio).toLocaleString() })}
    </p>
  );
});
