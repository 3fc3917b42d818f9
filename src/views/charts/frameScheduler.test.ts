import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from './frameScheduler';

describe('createFrameScheduler', () => {
  let callbacks: Map<number, FrameRequestCallback>;
  let next: number;
  const runFrame = () => {
    const pending = [...callbacks.values()];
    callbacks.clear();
    pending.forEach((cb) => cb(0));
  };

  beforeEach(() => {
    callbacks = new Map();
    next = 1;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      callbacks.set(next, cb);
      return next++;
    });
    vi.stubGlobal('cancelAnimationFrame', (id: number) => callbacks.delete(id));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('merges every ask before a frame into one draw', () => {
    const draw = vi.fn();
    const frames = createFrameScheduler(draw);
    frames.schedule();
    frames.schedule();
    frames.schedule();
    expect(draw).not.toHaveBeenCalled();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('draws again on a later frame when asked after a draw', () => {
    const draw = vi.fn();
    const frames = createFrameScheduler(draw);
    frames.schedule();
    runFrame();
    frames.schedule();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(2);
  });

  it('drops a pending draw on cancel, and can be asked again after', () => {
    const draw = vi.fn();
    const frames = createFrameScheduler(draw);
    frames.schedule();
    frames.cancel();
    runFrame();
    expect(draw).not.toHaveBeenCalled();
    frames.schedule();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });
});
