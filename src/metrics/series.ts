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
  /**
   * The points oldest first as two columns, without copying them: a chart that draws a long run a few times
   * a second reads them in place instead of building an object per step each time. The columns are views of
   * the series' own storage, valid until it next changes: read them at once, copy what is kept.
   */
  columns(): Columns;
  /** The newest point, or undefined when there is none. */
  last(): SeriesPoint | undefined;
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
  // One slot more than are kept: columns() puts the open stretch's mean after the kept points.
  const xs = new Float64Array(size + 1);
  const ys = new Float64Array(size + 1);
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
    columns() {
      // The slot after the kept points is free until the next point is kept there.
      if (bin.n > 0) {
        xs[length] = bin.x / bin.n;
        ys[length] = bin.y / bin.n;
      }
      const n = length + (bin.n > 0 ? 1 : 0);
      return { x: xs.subarray(0, n), y: ys.subarray(0, n) };
    },
    last() {
      if (bin.n > 0) return { x: bin.x / bin.n, y: bin.y / bin.n };
      return length > 0 ? { x: xs[length - 1] as number, y: ys[length - 1] as number } : undefined;
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

/** Points as two columns of equal length, oldest first: a Series' own storage, or an array's through columnsOf. */
export interface Columns {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export function columnsOf(points: readonly SeriesPoint[]): Columns {
  const x = new Float64Array(points.length);
  const y = new Float64Array(points.length);
  points.forEach((p, i) => {
    x[i] = p.x;
    y[i] = p.y;
  });
  return { x, y };
}

/**
 * The exponential moving average of `y`, as TensorBoard smooths noisy per-batch curves (debiased at the
 * start): written into `out` when it is long enough (a buffer kept between draws), and returned at y's length.
 */
export function smoothColumn(y: ArrayLike<number>, weight: number, out?: Float64Array): Float64Array {
  const into = out && out.length >= y.length ? out : new Float64Array(y.length);
  let last = 0;
  let debias = 0;
  for (let i = 0; i < y.length; i += 1) {
    const v = y[i] as number;
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    into[i] = debias > 0 ? last / debias : v;
  }
  return into.subarray(0, y.length);
}

/** Exponential moving average of the points' y (smoothColumn). */
export function smoothEma(points: readonly SeriesPoint[], weight: number): SeriesPoint[] {
  const y = smoothColumn(columnsOf(points).y, weight);
  return points.map((p, i) => ({ x: p.x, y: y[i] as number }));
}
