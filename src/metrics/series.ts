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
  /**
   * Called at the start of clear(), while the points are still there: a chart that has not drawn lately
   * (scrolled off screen) keeps a finished run's curve from here.
   */
  onBeforeClear(listener: () => void): () => void;
}

/**
 * A series holding at most `capacity` points. When it fills up, every two neighbours become one point at
 * their mean and each later point stands for twice as many steps as before (a stride that doubles), so a
 * long run keeps its whole curve at an even resolution: nothing is dropped. Until the first fill, every
 * point is a step as it came.
 */
export function createSeries(name: string, capacity = 20_000): Series {
  const size = Math.max(4, Math.floor(capacity / 2) * 2);
  const xs = new Float64Array(size);
  const ys = new Float64Array(size);
  let length = 0;
  let version = 0;
  // Steps per kept point, and the steps gathered so far for the next one (shown as their mean).
  let stride = 1;
  const bin = { n: 0, x: 0, y: 0 };
  const listeners = new Set<() => void>();
  const clearing = new Set<() => void>();
  const notify = () => {
    version += 1;
    listeners.forEach((l) => l());
  };
  /** Merges neighbours pairwise: amortised O(1) per step, as it runs once per size / 2 points. */
  const halve = () => {
    for (let to = 0; to < size / 2; to += 1) {
      xs[to] = ((xs[2 * to] as number) + (xs[2 * to + 1] as number)) / 2;
      ys[to] = ((ys[2 * to] as number) + (ys[2 * to + 1] as number)) / 2;
    }
    length = size / 2;
    stride *= 2;
  };

  return {
    name,
    get length() {
      return length + (bin.n > 0 ? 1 : 0);
    },
    get version() {
      return version;
    },
    append(newXs, newYs) {
      const n = Math.min(newXs.length, newYs.length);
      for (let i = 0; i < n; i += 1) {
        bin.n += 1;
        bin.x += newXs[i] as number;
        bin.y += newYs[i] as number;
        if (bin.n < stride) continue;
        if (length === size) halve();
        // A bin that was open when the stride doubled is committed at the new stride's next fill.
        if (bin.n < stride) continue;
        xs[length] = bin.x / bin.n;
        ys[length] = bin.y / bin.n;
        length += 1;
        bin.n = 0;
        bin.x = 0;
        bin.y = 0;
      }
      if (n > 0) notify();
    },
    points() {
      const out: SeriesPoint[] = new Array(length);
      for (let i = 0; i < length; i += 1) out[i] = { x: xs[i] as number, y: ys[i] as number };
      if (bin.n > 0) out.push({ x: bin.x / bin.n, y: bin.y / bin.n });
      return out;
    },
    clear() {
      clearing.forEach((l) => l());
      length = 0;
      stride = 1;
      bin.n = 0;
      bin.x = 0;
      bin.y = 0;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onBeforeClear(listener) {
      clearing.add(listener);
      return () => clearing.delete(listener);
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
