import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n, initialLanguage } from './i18n';
import { createSeries } from './metrics/series';
import { createSavedRuns } from './metrics/savedRuns';
import { createAppStore } from './store/appStore';
import { selectDatasetRef } from './store/dataSlice';
import { readLaunchOptions } from './store/launchOptions';
import { applyLink, startLinkSync } from './store/linkSync';
import { createRunController } from './store/runController';
import { createTrainingClient } from './train/api/client';
import { App } from './views/App';
import { AppContext } from './views/AppContext';
import { ErrorBoundary } from './views/ErrorBoundary';
import './styles.css';

const launch = readLaunchOptions(window.location.search);
const language = initialLanguage();
document.documentElement.lang = language;

const store = createAppStore({ language });
// The experiment in the link first; launch options (?epochs=...) then override it.
applyLink(store, window.location.hash, { initial: true });
if (launch.backend) store.getState().setBackendChoice(launch.backend);
if (launch.workers) store.getState().setWorkersChoice(launch.workers);
if (launch.epochs) store.getState().setHyper({ epochs: launch.epochs });
startLinkSync(store, window);

const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy'), saved: createSavedRuns() };
// Asked at every start: the dataset chosen in the picker then, sliced by ?trainLimit / ?testLimit.
const run = createRunController(store, createTrainingClient(), series, () => selectDatasetRef(store.getState(), {
  baseUrl: import.meta.env.BASE_URL,
  ...(launch.trainLimit ? { trainLimit: launch.trainLimit } : {}),
  ...(launch.testLimit ? { testLimit: launch.testLimit } : {}),
}));

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root is missing from index.html');

createRoot(rootEl).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AppContext.Provider value={{ store, run, series }}>
        <ErrorBoundary>
          <App ignoredParams={launch.ignored} />
        </ErrorBoundary>
      </AppContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);
