import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from './frameScheduler';
import { installFakeFrames, type FakeFrames } from './fakeFrames';

describe('createFrameScheduler', () => {
  let frames: FakeFrames;
  const runFrame = () => frames.run();

  beforeEach(() => {
    frames = installFakeFrames();
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

  describe('with an element to watch', () => {
    let observers: { callback: IntersectionObserverCallback; observed: Element[]; disconnected: boolean }[];
    const show = (on: boolean) => observers.forEach((o) => o.callback([{ isIntersecting: on } as IntersectionObserverEntry], {} as IntersectionObserver));

    beforeEach(() => {
      observers = [];
      vi.stubGlobal('IntersectionObserver', class {
        private readonly record: (typeof observers)[number];
        constructor(callback: IntersectionObserverCallback) {
          this.record = { callback, observed: [], disconnected: false };
          observers.push(this.record);
        }
        observe(el: Element) { this.record.observed.push(el); }
        disconnect() { this.record.disconnected = true; }
      });
    });

    it('holds draws while the element is off screen and catches up with one draw when it comes back', () => {
      const draw = vi.fn();
      const element = {} as Element;
      const frames = createFrameScheduler(draw, { element });
      expect(observers[0]!.observed).toEqual([element]);
      show(false);
      frames.schedule();
      frames.schedule();
      runFrame();
      expect(draw).not.toHaveBeenCalled();
      show(true);
      runFrame();
      expect(draw).toHaveBeenCalledTimes(1);
      show(false);
      show(true); // nothing was asked meanwhile: nothing to draw
      runFrame();
      expect(draw).toHaveBeenCalledTimes(1);
      frames.schedule();
      runFrame();
      expect(draw).toHaveBeenCalledTimes(2);
    });

    it('stops watching on dispose, and a held draw is dropped', () => {
      const draw = vi.fn();
      const frames = createFrameScheduler(draw, { element: {} as Element });
      show(false);
      frames.schedule();
      frames.dispose();
      show(true);
      runFrame();
      expect(draw).not.toHaveBeenCalled();
      expect(observers[0]!.disconnected).toBe(true);
    });
  });
});
