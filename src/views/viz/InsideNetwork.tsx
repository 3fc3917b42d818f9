import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../ErrorBoundary';
import { exposeCounters } from './counters';
import { FeatureMapsPanel } from './FeatureMapsPanel';
import { FiltersPanel } from './FiltersPanel';
import { GradientFlowPanel } from './GradientFlowPanel';
import { useProbeChannel, useProbeValue } from './hooks';
import { InputPicker } from './InputPicker';
import { SaliencyPanel } from './SaliencyPanel';
import { StaleNote } from '../StaleNote';
import './viz.css';

/** "Inside the network": feature maps, filters, gradient flow and saliency for one chosen input. */
export const InsideNetwork = memo(function InsideNetwork() {
  const { t } = useTranslation('viz');
  const channel = useProbeChannel();
  const hasSnapshot = useProbeValue((c) => c.latest !== null);
  // The benchmark and browser tests read redraw counts and the probe channel here.
  useEffect(() => exposeCounters({ channel }), [channel]);
  return (
    <section className="panel viz-panel" aria-labelledby="viz-heading">
      <h2 id="viz-heading">{t('heading')}</h2>
      <p className="hint">{t('intro')}</p>
      {hasSnapshot && <StaleNote />}
      {!hasSnapshot && <p className="viz-waiting" role="status">{t('waiting')}</p>}
      <ErrorBoundary><InputPicker /></ErrorBoundary>
      <ErrorBoundary><FeatureMapsPanel /></ErrorBoundary>
      <ErrorBoundary><FiltersPanel /></ErrorBoundary>
      <ErrorBoundary><GradientFlowPanel /></ErrorBoundary>
      <ErrorBoundary><SaliencyPanel /></ErrorBoundary>
    </section>
  );
});
