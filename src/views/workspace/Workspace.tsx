// One screen, data flowing left to right: the top bar, the network strip (each block drawn with its live
// output), the loss chart, and the side panels (block detail, data and training, maps, predictions...). The
// page never scrolls; each region scrolls or zooms inside itself.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectLessonHidden } from '../../store/lessonsSlice';
import { useApp, useServices } from '../AppContext';
import { GraphEditor } from '../editor/GraphEditor';
import { ErrorBoundary } from '../ErrorBoundary';
import { LinkNotice } from '../LinkBar';
import { LossChartView } from '../LossChartView';
import { StatusBar } from '../StatusBar';
import { exposeCounters } from '../viz/counters';
import { useActionContext, TopBar } from './TopBar';
import { WorkspaceContext } from './context';
import { Overlays, WorkspaceFoot } from './Overlays';
import { SidePanel } from './SidePanel';
import { useWorkspaceKeys } from './useWorkspaceKeys';
import './workspace.css';
import './screens.css';

/** The open lesson step's task above the other panels (its code loads after the first paint). */
const LessonCompanion = lazy(async () => ({ default: (await import('../lessons/LessonCompanion')).LessonCompanion }));

/** A single selected block opens the block pane (a click, a key, a newly added block). */
function useOpenBlockOnSelect(): void {
  const { store } = useServices();
  useEffect(() => store.subscribe((s, prev) => {
    if (s.selection !== prev.selection && s.selection.length === 1 && s.selection[0] !== prev.selection[0]) s.openPanel('block');
  }), [store]);
}

export function Workspace({ ignoredParams }: { ignoredParams: readonly string[] }) {
  const { t } = useTranslation();
  const { t: tw } = useTranslation('workspace');
  const { run } = useServices();
  const presenter = useApp((s) => s.presenter);
  const fullView = useApp((s) => s.fullView);
  const lessonHide = useApp(selectLessonHidden); // what the open lesson step hides (styled in lessons.css)
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const context = useMemo(() => ({ setBlockSlot: setSlot }), []);
  useWorkspaceKeys(useActionContext());
  useOpenBlockOnSelect();
  // The benchmark and browser tests read redraw counts and the probe channel here.
  useEffect(() => exposeCounters({ channel: run.probes }), [run.probes]);

  return (
    <WorkspaceContext.Provider value={context}>
      <div className={`workspace${presenter ? ' presenter' : ''}`} data-presenter={presenter} data-full={fullView ?? undefined}
        data-lesson-hide={lessonHide || undefined}>
        <ErrorBoundary><TopBar /></ErrorBoundary>
        <div className="ws-notices">
          <ErrorBoundary><LinkNotice /></ErrorBoundary>
          {ignoredParams.length > 0 && (
            <p className="notice" role="status">{t('ignoredParams', { names: ignoredParams.join(', ') })}</p>
          )}
        </div>
        <main className="ws-main">
          <section className="ws-network" data-view="network" aria-label={tw('network')}>
            <ErrorBoundary><GraphEditor sideSlot={slot} /></ErrorBoundary>
          </section>
          {/* No name of its own: the chart panel inside is the region named 'Loss and accuracy' (one landmark, not two). */}
          <section className="ws-chart" data-view="chart">
            <StatusBar />
            <ErrorBoundary><LossChartView /></ErrorBoundary>
          </section>
          <aside className="ws-side" data-view="panel" aria-label={tw('panels')}>
            <ErrorBoundary><Suspense fallback={null}><LessonCompanion /></Suspense></ErrorBoundary>
            <SidePanel />
          </aside>
        </main>
        <WorkspaceFoot />
        <Overlays />
      </div>
    </WorkspaceContext.Provider>
  );
}
