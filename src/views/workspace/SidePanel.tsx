// The tabs beside the network: one open panel at a time (keys 1-9 open the first nine). A panel's code loads
// on first open and the panel stays mounted, hidden, afterwards; hidden panels draw nothing and ask the
// worker for nothing (their views only draw and probe while on screen).
import { Suspense, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PANEL } from '../../store/uiSlice';
import { useApp } from '../AppContext';
import { ErrorBoundary } from '../ErrorBoundary';
import { PANELS, shownPanelKey } from './panels';

/** Always mounted: the block pane holds the editor's inspector. */
const ALWAYS = ['block'];

export function SidePanel() {
  const { t } = useTranslation('workspace');
  const asked = useApp((s) => s.panel);
  const openPanel = useApp((s) => s.openPanel);
  const shownKey = useApp(shownPanelKey);
  const shown = PANELS.filter((p) => shownKey.split(' ').includes(p.id));
  // A panel that does not apply to this network or dataset (boxes without a detector) falls back to the first.
  const panel = shown.some((p) => p.id === asked) ? asked : DEFAULT_PANEL;
  const [mounted, setMounted] = useState<ReadonlySet<string>>(() => new Set([...ALWAYS, panel]));
  if (!mounted.has(panel)) setMounted(new Set([...mounted, panel]));

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = shown.findIndex((p) => p.id === panel);
    const by = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (by === 0) return;
    e.preventDefault();
    const next = shown[(at + by + shown.length) % shown.length];
    if (!next) return;
    openPanel(next.id);
    e.currentTarget.querySelector<HTMLElement>(`[data-panel-tab="${next.id}"]`)?.focus();
  };

  return (
    <div className="side-panel">
      <div className="side-tabs" role="tablist" aria-label={t('panels')} onKeyDown={onTabKey}>
        {shown.map((p, i) => (
          <button key={p.id} type="button" role="tab" id={`tab-${p.id}`} aria-selected={panel === p.id}
            aria-controls={`panel-${p.id}`} tabIndex={panel === p.id ? 0 : -1} data-panel-tab={p.id}
            onClick={() => openPanel(p.id)}>
            {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}{t(p.titleKey)}
          </button>
        ))}
      </div>
      {PANELS.filter((p) => mounted.has(p.id)).map((p) => (
        <div key={p.id} role="tabpanel" id={`panel-${p.id}`} aria-labelledby={`tab-${p.id}`} hidden={panel !== p.id}
          className="side-body" data-panel-body={p.id}>
          <ErrorBoundary>
            <Suspense fallback={<p className="hint panel-loading">…</p>}>
              <p.component />
            </Suspense>
          </ErrorBoundary>
        </div>
      ))}
    </div>
  );
}
