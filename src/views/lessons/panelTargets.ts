import type { PanelId } from '../../lessons';

/**
 * Where each panel a step points at lives on today's page. The lesson's own tools (kernel lab, init lab,
 * runs side by side) are drawn inside the lesson panel; the others are found by their markup.
 */
export const PANEL_SELECTORS: Readonly<Record<PanelId, string | null>> = {
  kernelLab: null, learnKernel: null, initLab: null, compare: null,
  editor: '.graph-editor', summary: '.model-panel', arith: '.arith-view', training: '.training-panel', curves: '.chart-panel',
  gradients: '[data-panel="gradients"]', featureMaps: '[data-panel="feature-maps"]', filters: '[data-panel="filters"]',
  saliency: '[data-panel="saliency"]', results: '.results-panel',
};

/** Scrolls a panel into view and opens it when it is a closed <details>. */
export function showPanel(panel: PanelId): void {
  const selector = PANEL_SELECTORS[panel];
  const el = selector ? document.querySelector<HTMLElement>(selector) : null;
  if (!el) return;
  if (el instanceof HTMLDetailsElement) el.open = true;
  el.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
