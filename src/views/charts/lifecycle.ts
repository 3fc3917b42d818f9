// The lifecycle every D3/canvas controller shares, in one place: it redraws when a source it listens to
// changes and when its element changes size, at most once per animation frame (the frame scheduler), only
// while the element is on screen, and destroy undoes all of it (listeners, the resize observer, the pending
// frame, then the controller's own teardown). After destroy nothing draws, whatever event comes late.
import { createFrameScheduler } from './frameScheduler';

/** Anything that calls its listeners on a change: metric series, the probe channel. */
export interface Source {
  subscribe(listener: () => void): () => void;
}

export interface LifecycleOptions {
  /** The element the controller draws into. */
  readonly element: Element;
  /** Draw only while the element is on screen (default true); a held draw is made when it comes back. */
  readonly onScreenOnly?: boolean;
  /** Redraw when the element changes size (default true); a function runs first (a relayout), then the draw. */
  readonly resize?: boolean | (() => void);
}

export interface Lifecycle {
  /** Asks for one draw on the next animation frame (held while off screen); nothing once destroyed. */
  schedule(): void;
  /** Redraws when `source` changes; with `when`, only when it says the change matters to this view. */
  listen(source: Source, when?: () => boolean): void;
  /** Runs `undo` on destroy, after the lifecycle's own teardown (the controller's svg or listeners). */
  onDestroy(undo: () => void): void;
  /**
   * The element's size (clientWidth, clientHeight) as last read when it was resized, where layout is fresh:
   * a draw that reads clientWidth itself forces a layout in the middle of a frame whenever something on the
   * page changed before it (in a trace of the workspace training, ~2 forced layouts per frame). Null until the
   * first report (or without resize observing, or where ResizeObserver is missing).
   */
  readonly size: { readonly width: number; readonly height: number } | null;
  readonly destroyed: boolean;
  destroy(): void;
}

export function createLifecycle(draw: () => void, options: LifecycleOptions): Lifecycle {
  let destroyed = false;
  const teardown: (() => void)[] = [];
  const frames = createFrameScheduler(() => {
    if (!destroyed) draw();
  }, options.onScreenOnly === false ? {} : { element: options.element });
  const schedule = () => {
    if (!destroyed) frames.schedule();
  };
  let observer: ResizeObserver | null = null;
  let size: Lifecycle['size'] = null;
  const resize = options.resize ?? true;
  // Where ResizeObserver is missing (Node tests) the view simply keeps the size it drew at.
  if (resize !== false && typeof ResizeObserver !== 'undefined') {
    observer = new ResizeObserver(() => {
      if (destroyed) return;
      size = { width: options.element.clientWidth, height: options.element.clientHeight };
      if (typeof resize === 'function') resize();
      schedule();
    });
    observer.observe(options.element);
  }
  const own: (() => void)[] = [];
  return {
    schedule,
    listen(source, when) {
      if (destroyed) return;
      own.push(source.subscribe(() => {
        if (!destroyed && (when === undefined || when())) schedule();
      }));
    },
    onDestroy(undo) {
      teardown.push(undo);
    },
    get size() {
      return size;
    },
    get destroyed() {
      return destroyed;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      frames.dispose();
      own.splice(0).forEach((off) => off());
      observer?.disconnect();
      observer = null;
      teardown.splice(0).forEach((undo) => undo());
    },
  };
}
