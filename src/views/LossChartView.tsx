import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createLossChart, type LossChart } from './charts/lossChart';
import { useServices } from './AppContext';

/** Thin React wrapper: mounts the D3 controller once; data flows to it directly from the series. */
export const LossChartView = memo(function LossChartView() {
  const { t, i18n } = useTranslation();
  const { series } = useServices();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<LossChart | null>(null);

  useEffect(() => {
    if (!el.current) return undefined;
    chart.current = createLossChart(el.current, {
      loss: series.loss,
      accuracy: series.accuracy,
      labels: { loss: i18n.t('chart.loss'), accuracy: i18n.t('chart.accuracy'), step: i18n.t('chart.step') },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [series, i18n]);

  useEffect(() => {
    chart.current?.setLabels({ loss: t('chart.loss'), accuracy: t('chart.accuracy'), step: t('chart.step') });
  }, [t, i18n.language]);

  return (
    <section className="panel chart-panel" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{t('chart.heading')}</h2>
      <div className="chart-host" ref={el} data-testid="loss-chart" />
    </section>
  );
});
