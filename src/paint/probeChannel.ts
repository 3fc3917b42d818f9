// The main thread's end of the probes, outside React and outside the zustand store (snapshots arrive
// several times a second and only canvases need them). Views say which probes they want while they are
// open (`want` returns a release), choose the input, and subscribe; the run controller forwards the
// resulting config to the worker and pushes the snapshots in.
import { PROBES_OFF, type ProbeConfig, type ProbeInput, type ProbeSnapshot } from '../train/api/probeTypes';

export type ProbeKind = 'activations' | 'filters' | 'gradients' | 'saliency' | 'attention';

/** Per-layer gradient-flow series, oldest first. */
export interface GradientHistory {
  readonly steps: readonly number[];
  readonly layers: readonly { readonly id: string; readonly gradNorm: readonly number[]; readonly updateRatio: readonly number[] }[];
}

export interface ProbeChannel {
  /** The latest of each kind of probe (a snapshot without activations keeps the previous ones). */
  readonly latest: ProbeSnapshot | null;
  readonly gradients: GradientHistory;
  /** Bumped on every change. */
  readonly version: number;
  /** Snapshots received since the page opened (the benchmark reads it). */
  readonly received: number;
  readonly config: ProbeConfig;
  push(snapshot: ProbeSnapshot): void;
  /** Forgets the snapshots (a new run starts); the config stays. */
  clear(): void;
  want(kind: ProbeKind): () => void;
  /**
   * Activations of these blocks only (the thumbnails on screen, a detail pane's block); `set` changes the
   * list in place (one new config, not a release and a want). A plain want('activations') means every block.
   */
  wantBlocks(ids: readonly string[]): BlockWish;
  setInput(input: ProbeInput): void;
  /**
   * Probes an image given as HWC floats in [0, 1] (the draw pad, an upload). Returns an error text when
   * its size does not match the input images seen so far, else null.
   */
  setPixels(data: Float32Array): string | null;
  subscribe(listener: () => void): () => void;
  onConfig(listener: (config: ProbeConfig) => void): () => void;
}

export interface BlockWish {
  set(ids: readonly string[]): void;
  release(): void;
}

const HISTORY_CAP = 2000;

export function createProbeChannel(): ProbeChannel {
  let latest: ProbeSnapshot | null = null;
  let history: { steps: number[]; layers: { id: string; gradNorm: number[]; updateRatio: number[] }[] } = { steps: [], layers: [] };
  let version = 0;
  let received = 0;
  let input: ProbeInput = PROBES_OFF.input;
  const wanted: Record<ProbeKind, number> = { activations: 0, filters: 0, gradients: 0, saliency: 0, attention: 0 };
  const blockWishes = new Set<{ ids: readonly string[] }>();
  let config: ProbeConfig = PROBES_OFF;
  const listeners = new Set<() => void>();
  const configListeners = new Set<(c: ProbeConfig) => void>();
  const changed = () => {
    version += 1;
    listeners.forEach((l) => l());
  };
  const reconfigure = () => {
    // Every block when any view wants them all; else the blocks some view names, in a stable order.
    const named = [...new Set([...blockWishes].flatMap((w) => w.ids))].sort();
    const all = wanted.activations > 0;
    config = {
      activations: all || named.length > 0, filters: wanted.filters > 0, gradients: wanted.gradients > 0,
      saliency: wanted.saliency > 0, attention: wanted.attention > 0, input, maxPerSecond: PROBES_OFF.maxPerSecond, ...(all ? {} : { blocks: named }),
    };
    configListeners.forEach((l) => l(config));
    changed();
  };

  const appendGradients = (s: ProbeSnapshot) => {
    const g = s.gradients;
    if (!g) return;
    const sameLayers = history.layers.length === g.ids.length && history.layers.every((l, i) => l.id === g.ids[i]);
    if (!sameLayers) history = { steps: [], layers: g.ids.map((id) => ({ id, gradNorm: [], updateRatio: [] })) };
    history.steps.push(s.step);
    history.layers.forEach((l, i) => {
      l.gradNorm.push(g.gradNorm[i] ?? Number.NaN);
      l.updateRatio.push(g.updateRatio[i] ?? Number.NaN);
    });
    if (history.steps.length > HISTORY_CAP) {
      // Drop every other old point: the long view keeps its shape at half the resolution.
      const thin = <T,>(xs: T[]) => xs.filter((_, i) => i % 2 === 1 || i >= xs.length / 2);
      history = { steps: thin(history.steps), layers: history.layers.map((l) => ({ id: l.id, gradNorm: thin(l.gradNorm), updateRatio: thin(l.updateRatio) })) };
    }
  };

  return {
    get latest() { return latest; },
    get gradients() { return history; },
    get version() { return version; },
    get received() { return received; },
    get config() { return config; },
    push(s) {
      received += 1;
      appendGradients(s);
      const prev = latest;
      latest = {
        ...s,
        activations: s.activations.length > 0 || !prev ? s.activations : prev.activations,
        filters: s.filters.length > 0 || !prev ? s.filters : prev.filters,
        templates: s.templates ?? prev?.templates ?? null,
        gradients: s.gradients ?? prev?.gradients ?? null,
        saliency: s.saliency ?? prev?.saliency ?? null,
        // Absent: not probed this time (keep the last); null: probed, and the network has none to show.
        attention: s.attention === undefined ? (prev?.attention ?? null) : s.attention,
        positions: s.positions === undefined ? (prev?.positions ?? null) : s.positions,
      };
      changed();
    },
    clear() {
      latest = null;
      history = { steps: [], layers: [] };
      changed();
    },
    want(kind) {
      wanted[kind] += 1;
      reconfigure();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        wanted[kind] -= 1;
        reconfigure();
      };
    },
    wantBlocks(ids) {
      const wish = { ids: [...ids] };
      blockWishes.add(wish);
      reconfigure();
      return {
        set(next) {
          if (!blockWishes.has(wish) || sameIds(wish.ids, next)) return;
          wish.ids = [...next];
          reconfigure();
        },
        release() {
          if (blockWishes.delete(wish)) reconfigure();
        },
      };
    },
    setInput(next) {
      input = next;
      reconfigure();
    },
    setPixels(data) {
      const shape = latest?.input;
      const size = shape ? shape.height * shape.width * shape.channels : null;
      if (size !== null && data.length !== size) {
        return `expected ${shape?.height}x${shape?.width}x${shape?.channels} = ${size} values, got ${data.length}`;
      }
      if (!data.every((v) => Number.isFinite(v))) return 'the image holds values that are not numbers';
      input = { kind: 'pixels', data: Float32Array.from(data) };
      reconfigure();
      return null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConfig(listener) {
      configListeners.add(listener);
      return () => configListeners.delete(listener);
    },
  };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
