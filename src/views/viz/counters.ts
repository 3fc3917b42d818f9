// Redraw counters of the network views, read by the benchmark and the browser tests through
// window.__cnnpViz (the feature-map refresh rate is featureMapDraws over time while training).
export const vizCounters = {
  featureMapDraws: 0,
  featureMapRefreshes: 0,
  filterDraws: 0,
  gradientDraws: 0,
  saliencyDraws: 0,
  attentionDraws: 0,
  // Frames in which at least one block thumbnail in the network strip was repainted with new data.
  thumbnailRefreshes: 0,
};

export function exposeCounters(extra: Record<string, unknown>): void {
  (globalThis as unknown as { __cnnpViz?: unknown }).__cnnpViz = { counters: vizCounters, ...extra };
}
