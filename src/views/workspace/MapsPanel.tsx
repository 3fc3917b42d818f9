import { ErrorBoundary } from '../ErrorBoundary';
import { FeatureMapsPanel } from '../viz/FeatureMapsPanel';
import { FiltersPanel } from '../viz/FiltersPanel';
import { useProbeValue } from '../viz/hooks';
import { InputPicker } from '../viz/InputPicker';
import { StaleNote } from '../StaleNote';
import { useTranslation } from 'react-i18next';
import '../viz/viz.css';

/** Every block's feature maps and every layer's filters for the chosen input (the strip shows a few per block). */
export function MapsPanel() {
  const { t } = useTranslation('viz');
  const hasSnapshot = useProbeValue((c) => c.latest !== null);
  return (
    <section className="panel viz-panel" aria-labelledby="viz-heading">
      <h2 id="viz-heading">{t('heading')}</h2>
      {hasSnapshot && <StaleNote />}
      {!hasSnapshot && <p className="viz-waiting" role="status">{t('waiting')}</p>}
      <ErrorBoundary><InputPicker /></ErrorBoundary>
      <ErrorBoundary><FeatureMapsPanel /></ErrorBoundary>
      <ErrorBoundary><FiltersPanel /></ErrorBoundary>
    </section>
  );
}
