// Test support: requestAnimationFrame and cancelAnimationFrame stubbed with a queue that a test runs by hand,
// one frame at a time. Call install() in beforeEach and vi.unstubAllGlobals() in afterEach.
import { vi } from 'vitest';

export interface FakeFrames {
  /** Frames asked for and not yet run. */
  readonly pending: number;
  /** Runs every callback asked for so far; those asked for meanwhile wait for the next call. */
  run(): void;
}

export function installFakeFrames(): FakeFrames {
  const callbacks = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    callbacks.set(next, cb);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
  return {
    get pending() {
      return callbacks.size;
    },
    run() {
      const due = [...callbacks.values()];
      callbacks.clear();
      due.forEach((cb) => cb(0));
    },
  };
}
