// Ring-buffered metric series that charts subscribe to, outside React and outside the store: a training
// run appends hundreds of points a second, and only the chart (once per animation frame) needs them.

export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
}

export interface Series {
  readonly name: string;
  append(xs: ArrayLike<number>, ys: ArrayLike<number>): void;
  /** Points oldest first, as a fresh array (charts copy once per frame, not per append). */
  points(): SeriesPoint[];
  readonly length: number;
  /** Bumped on every change, so a chart can tell whether it must redraw. */
  readonly version: number;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

export function createSeries(name: string, capacity = 20_000): Series {
  const xs = new Float64Array(capacity);
  const ys = new Float64Array(capacity);
  let start = 0;
  let length = 0;
  let version = 0;
  const listeners = new Set<() => void>();
  const notify = () => {
    version += 1;
    listeners.forEach((l) => l());
  };

  return {
    name,
    get length() {
      return length;
    },
    get version() {
      return version;
    },
    append(newXs, newYs) {
      const n = Math.min(newXs.length, newYs.length);
      for (let i = 0; i < n; i += 1) {
        const at = (start + length) % capacity;
        xs[at] = newXs[i] as number;
        ys[at] = newYs[i] as number;
        if (length < capacity) length += 1;
        else start = (start + 1) % capacity;
      }
      if (n > 0) notify();
    },
    points() {
      const out: SeriesPoint[] = new Array(length);
      for (let i = 0; i < length; i += 1) {
        const at = (start + i) % capacity;
        out[i] = { x: xs[at] as number, y: ys[at] as number };
      }
      return out;
    },
    clear() {
      start = 0;
      length = 0;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Exponential moving average, as TensorBoard smooths noisy per-batch curves (debiased at the start). */
export function smoothEma(points: readonly SeriesPoint[], weight: number): SeriesPoint[] {
  let last = 0;
  let debias = 0;
  return points.map((p) => {
    last = last * weight + (1 - weight) * p.y;
    debias = debias * weight + (1 - weight);
    return { x: p.x, y: debias > 0 ? last / debias : p.y };
  });
}
