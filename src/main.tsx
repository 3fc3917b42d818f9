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
import { UpdateNotice } from './views/UpdateNotice';
import { createUpdates } from './views/updates';
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
const datasetRef = () => selectDatasetRef(store.getState(), {
  baseUrl: import.meta.env.BASE_URL,
  ...(launch.trainLimit ? { trainLimit: launch.trainLimit } : {}),
  ...(launch.testLimit ? { testLimit: launch.testLimit } : {}),
});
const client = createTrainingClient();
const run = createRunController(store, client, series, datasetRef);
const updates = createUpdates();

// Once the page has loaded (so none of this delays its first paint): the training worker starts and loads
// tfjs, its backend and the dataset shown, so the first Train waits for none of them (issue 29); and the
// service worker registers, keeping this page on the files it was built with until the user reloads. Started
// at once on a returning visit (its files come from the service worker), the first step came later, not
// sooner: 1.1-1.7 s after Train against 0.3-0.8 s (firstvisit bench, two runs each).
const prepare = () => client.prepare(datasetRef(), store.getState().backendChoice);
function afterLoad(): void {
  prepare();
  if ('serviceWorker' in navigator) {
    // On a first visit the worker starts before the service worker controls the page, so its fetches would
    // not be cached for offline use: once it does, a fresh worker (before any run) loads through it.
    if (navigator.serviceWorker.controller === null) navigator.serviceWorker.addEventListener('controllerchange', prepare, { once: true });
    import('virtual:pwa-register').then(({ registerSW }) => updates.start(registerSW))
      .catch((err: unknown) => console.warn('Service worker not registered', err));
  }
}
if (document.readyState === 'complete') setTimeout(afterLoad, 0);
else window.addEventListener('load', () => setTimeout(afterLoad, 0), { once: true });

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root is missing from index.html');

// Not in a transition: tried, the first render in slices held the main thread longer in all (Lighthouse's
// total blocking time grew several-fold here).
createRoot(rootEl).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <AppContext.Provider value={{ store, run, series }}>
        <ErrorBoundary>
          <App ignoredParams={launch.ignored} />
        </ErrorBoundary>
        <UpdateNotice updates={updates} />
      </AppContext.Provider>
    </I18nextProvider>
  </StrictMode>,
);

// The project store opens now, not when the Projects menu's code arrives: a reopened project's weights reach
// the worker before Train (the menu reports a failure; a rejection here would only repeat it).
import('./views/projects/pageSession').then(({ pageSession }) => pageSession({ store, run, series }, i18n.getFixedT(null, 'project')))
  .catch(() => undefined);
