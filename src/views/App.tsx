import { useTranslation } from 'react-i18next';
import { GraphEditor } from './editor/GraphEditor';
import { DatasetPicker } from './data/DatasetPicker';
import { EpochTable } from './EpochTable';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { CopyLinkButton, LinkNotice } from './LinkBar';
import { LossChartView } from './LossChartView';
import { ModelPanel } from './ModelPanel';
import { PredictPanel } from './predict/PredictPanel';
import { ProjectsMenu } from './projects/ProjectsMenu';
import { ResultsPanel } from './predict/ResultsPanel';
import { ArithView } from './arith/ArithView';
import { StatusBar } from './StatusBar';
import { TrainingPanel } from './TrainingPanel';
import { InsideNetwork } from './viz/InsideNetwork';

// Page layout. Each feature adds its panel inside one of the marked regions, wrapped in an ErrorBoundary so
// a failing panel never blanks the page.
export function App({ ignoredParams }: { ignoredParams: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="tagline">{t('tagline')}</p>
        </div>
        <ErrorBoundary><CopyLinkButton /></ErrorBoundary>
        <ErrorBoundary><ProjectsMenu /></ErrorBoundary>
        <LanguageSwitch />
      </header>
      <ErrorBoundary><LinkNotice /></ErrorBoundary>
      {ignoredParams.length > 0 && (
        <p className="notice" role="status">{t('ignoredParams', { names: ignoredParams.join(', ') })}</p>
      )}
      <StatusBar />
      {/* region: builder (full width: graph editor, inspector) */}
      <ErrorBoundary><GraphEditor /></ErrorBoundary>
      <main className="layout">
        <div className="column">
          {/* region: model summary */}
          <ErrorBoundary><ModelPanel /></ErrorBoundary>
        </div>
        <div className="column">
          {/* region: training */}
          <ErrorBoundary><DatasetPicker /></ErrorBoundary>
          <ErrorBoundary><TrainingPanel /></ErrorBoundary>
          <ErrorBoundary><LossChartView /></ErrorBoundary>
          <ErrorBoundary><EpochTable /></ErrorBoundary>
        </div>
      </main>
      {/* region: inside the network (feature maps, filters, gradients, predictions, arithmetic) */}
      <div className="layout inside-network">
        <div className="column">
          <ErrorBoundary><PredictPanel /></ErrorBoundary>
          <ErrorBoundary><ResultsPanel /></ErrorBoundary>
        </div>
        <div className="column">
          <ErrorBoundary><ArithView /></ErrorBoundary>
        </div>
      </div>
      <ErrorBoundary><InsideNetwork /></ErrorBoundary>
    </div>
  );
}
