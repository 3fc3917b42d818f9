import type { PanelId } from '../../lessons';
import type { AppStore } from '../../store/appStore';

/**
 * Where each view a step points at lives in the workspace: the side panel to open (panels.ts ids) and the
 * part of it to bring into view. The lesson's own tools (kernel lab, learn a kernel, init lab, runs side by
 * side) are drawn inside the lessons panel (null); the loss chart is always on screen.
 */
export interface PanelTarget {
  readonly panel: string | null;
  readonly selector?: string;
}

export const PANEL_TARGETS: Readonly<Record<PanelId, PanelTarget | null>> = {
  kernelLab: null, learnKernel: null, initLab: null, compare: null,
  editor: { panel: 'block' }, summary: { panel: 'summary' }, arith: { panel: 'arith' },
  training: { panel: 'data', selector: '.training-panel' }, curves: { panel: null, selector: '.ws-chart' },
  gradients: { panel: 'gradients' }, featureMaps: { panel: 'maps', selector: '[data-panel="feature-maps"]' },
  filters: { panel: 'maps', selector: '[data-panel="filters"]' }, saliency: { panel: 'saliency' }, results: { panel: 'results' },
  understand: { panel: 'understand' },
};

/**
 * Opens the workspace panel a step points at and brings its part into view (a closed <details> is opened); with
 * `field`, the selected block's setting of that name in the inspector, which is also focused.
 */
export function showPanel(store: AppStore, panel: PanelId, field?: string): void {
  const target = PANEL_TARGETS[panel];
  if (!target) {
    store.getState().openPanel('lessons');
    return;
  }
  if (target.panel) store.getState().openPanel(target.panel);
  const selector = field ? `.editor-inspector [data-field="${CSS.escape(field)}"]` : target.selector;
  if (!selector) return;
  // The panel's body shows (and may load its code) on the next render: look for the part a little later.
  let tries = 0;
  const find = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      if (++tries < 20) window.setTimeout(find, 50);
      return;
    }
    if (el instanceof HTMLDetailsElement) el.open = true;
    el.scrollIntoView({ block: field ? 'center' : 'nearest' });
    if (field) el.focus({ preventScroll: true });
    el.classList.add('lesson-flash');
    window.setTimeout(() => el.classList.remove('lesson-flash'), 1200);
  };
  window.setTimeout(find, 0);
}
