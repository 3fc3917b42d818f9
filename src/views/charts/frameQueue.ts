// One animation-frame queue shared by every view. A draw asked for before a frame runs in that frame, in
// the order asked, until the frame's time budget is spent; the draws left over run first in the next frame.
// Views that each draw once per frame would otherwise all land in the same frame when a metrics batch and a
// probe arrive together (the chart, a dozen thumbnails, the maps), and that one frame becomes a long task
// that blocks input. At least one draw runs per frame, so every view still draws within a few frames.

export type FrameJob = () => void;

export interface FrameQueue {
  /** Queues `job` for the next frame; a job already queued keeps its place. */
  add(job: FrameJob): void;
  /** Drops `job` if it is queued. */
  remove(job: FrameJob): void;
  /** Jobs waiting for a frame (for tests). */
  readonly size: number;
}

/** The JavaScript time one frame may spend on draws before the rest wait for the next frame. */
export const FRAME_BUDGET_MS = 8;

export function createFrameQueue(budgetMs = FRAME_BUDGET_MS, now: () => number = () => performance.now()): FrameQueue {
  const jobs = new Set<FrameJob>();
  let frame = 0;
  const run = () => {
    frame = 0;
    const start = now();
    // Draws asked for while this frame runs wait for the next one.
    const due = [...jobs];
    for (const job of due) {
      // A job removed by an earlier draw of this frame (a view destroyed or cancelled) does not run.
      if (!jobs.delete(job)) continue;
      job();
      if (now() - start >= budgetMs) break;
    }
    if (jobs.size > 0) request();
  };
  const request = () => {
    if (frame === 0) frame = requestAnimationFrame(run);
  };
  return {
    add(job) {
      jobs.add(job);
      request();
    },
    remove(job) {
      jobs.delete(job);
      if (jobs.size === 0 && frame !== 0) {
        cancelAnimationFrame(frame);
        frame = 0;
      }
    },
    get size() {
      return jobs.size;
    },
  };
}

/** The queue every view's frame scheduler uses. */
export const sharedFrameQueue: FrameQueue = createFrameQueue();
