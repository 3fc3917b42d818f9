// Drawing at most once per animation frame: however many updates arrive (a metrics batch, a probe, a resize),
// a view redraws once, on the next frame. Every chart and canvas controller uses this one mechanism.
// Given the element it draws into, it also draws only while that element is on screen (or near it): a view
// scrolled out of sight keeps its last picture and catches up with one draw when it comes back, so a page
// of open views costs the main thread and the compositor only what the user can see. Draws go through one
// shared queue (frameQueue.ts) that spreads them over frames when together they would make a long task.
import { sharedFrameQueue, type FrameQueue } from './frameQueue';

export interface FrameScheduler {
  /** Asks for a draw on the next animation frame (or when the element comes on screen); asks before it merge. */
  schedule(): void;
  /** Drops a pending draw. */
  cancel(): void;
  /** Drops a pending draw and stops watching the element (on destroy). */
  dispose(): void;
}

export interface FrameSchedulerOptions {
  /** Draw only while this element is within `margin` of the viewport. */
  readonly element?: Element;
  /** How far outside the viewport still counts as on screen (CSS margin), so scrolling finds views drawn. */
  readonly margin?: string;
  /** The frame queue to draw through (default: the one all views share). */
  readonly queue?: FrameQueue;
}

export function createFrameScheduler(draw: () => void, options: FrameSchedulerOptions = {}): FrameScheduler {
  const queue = options.queue ?? sharedFrameQueue;
  let queued = false;
  let wanted = false;
  // Without an element, or where IntersectionObserver is missing (Node tests), the view counts as visible.
  let visible = true;
  const job = () => {
    queued = false;
    wanted = false;
    draw();
  };
  const request = () => {
    if (queued) return;
    queued = true;
    queue.add(job);
  };
  let observer: IntersectionObserver | null = null;
  if (options.element && typeof IntersectionObserver !== 'undefined') {
    observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (!last) return;
      visible = last.isIntersecting;
      if (visible && wanted) request();
    }, { rootMargin: options.margin ?? '200px' });
    observer.observe(options.element);
  }
  const cancel = () => {
    if (queued) queue.remove(job);
    queued = false;
    wanted = false;
  };
  return {
    schedule() {
      wanted = true;
      if (visible) request();
    },
    cancel,
    dispose() {
      cancel();
      observer?.disconnect();
      observer = null;
    },
  };
}
