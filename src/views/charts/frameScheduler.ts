// Drawing at most once per animation frame: however many updates arrive (a metrics batch, a probe, a resize),
// a view redraws once, on the next frame. Every chart and canvas controller uses this one mechanism.

export interface FrameScheduler {
  /** Asks for a draw on the next animation frame; further asks before it are merged into it. */
  schedule(): void;
  /** Drops a pending draw (on destroy). */
  cancel(): void;
}

export function createFrameScheduler(draw: () => void): FrameScheduler {
  let frame = 0;
  return {
    schedule() {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
    },
    cancel() {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
