import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { selectRunActive } from '../../store/appStore';
import { useApp } from '../AppContext';
import { SaveButtons } from '../saveImage';
import { createGradientChart, type GradientChart, type GradientChartLabels } from './gradientChart';
import { useProbeChannel, useWantProbe } from './hooks';
// Its own styles, whichever panel is opened first.
import './viz.css';

// With no run going, nothing is on its way: say how to get measurements instead of "waiting" for none. (A
// run measures gradients only while this panel is open, so one opened after a run finds none.)
const chartLabels = (t: TFunction<'viz'>, training: boolean): GradientChartLabels => ({
  gradNorm: t('gradients.gradNorm'), updateRatio: t('gradients.updateRatio'), step: t('gradients.step'),
  empty: training ? t('gradients.empty') : t('gradients.emptyIdle'),
});

/** Per-layer gradient norms and update-to-weight ratios over the run, on log axes. */
export const GradientFlowPanel = memo(function GradientFlowPanel() {
  const { t } = useTranslation('viz');
  const channel = useProbeChannel();
  const [open, setOpen] = useState(true);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<GradientChart | null>(null);
  const training = useApp(selectRunActive);
  useWantProbe('gradients', open);

  useEffect(() => {
    if (!host.current || !open) return undefined;
    chart.current = createGradientChart(host.current, channel, chartLabels(t, training));
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, open]);

  useEffect(() => {
    chart.current?.setLabels(chartLabels(t, training));
  }, [t, open, training]);

  return (
    <details className="viz-sub" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-panel="gradients">
      <summary><h3>{t('gradients.heading')}</h3></summary>
      <p className="hint">{t('gradients.hint')}</p>
      <div className="viz-toolbar"><SaveButtons target={host} name="gradient-flow" /></div>
      <div className="viz-chart-host" ref={host} data-testid="gradient-flow" />
    </details>
  );
});
