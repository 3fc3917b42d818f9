import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLifecycle, type Lifecycle, type Source } from './lifecycle';
import { installFakeFrames, type FakeFrames } from './fakeFrames';

// Fakes for the browser pieces the lifecycle drives: animation frames, one ResizeObserver and one
// IntersectionObserver per controller, and a source with a listener count.
let frames: FakeFrames;
const runFrame = () => frames.run();

interface FakeObserver { callback: () => void; observed: Element[]; disconnected: boolean }
let resizers: FakeObserver[];
let watchers: { callback: IntersectionObserverCallback; observed: Element[]; disconnected: boolean }[];
const resizeAll = () => resizers.forEach((r) => r.callback());
const show = (on: boolean) => watchers.forEach((w) => w.callback([{ isIntersecting: on } as IntersectionObserverEntry], {} as IntersectionObserver));

function fakeSource(): Source & { emit(): void; readonly listeners: number } {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: () => [...listeners].forEach((l) => l()),
    get listeners() {
      return listeners.size;
    },
  };
}

beforeEach(() => {
  frames = installFakeFrames();
  resizers = [];
  watchers = [];
  vi.stubGlobal('ResizeObserver', class {
    private readonly record: FakeObserver;
    constructor(callback: () => void) {
      this.record = { callback, observed: [], disconnected: false };
      resizers.push(this.record);
    }
    observe(el: Element) { this.record.observed.push(el); }
    disconnect() { this.record.disconnected = true; }
  });
  vi.stubGlobal('IntersectionObserver', class {
    private readonly record: (typeof watchers)[number];
    constructor(callback: IntersectionObserverCallback) {
      this.record = { callback, observed: [], disconnected: false };
      watchers.push(this.record);
    }
    observe(el: Element) { this.record.observed.push(el); }
    disconnect() { this.record.disconnected = true; }
  });
});
afterEach(() => vi.unstubAllGlobals());

const element = {} as Element;

describe('createLifecycle', () => {
  it('watches its element for size and visibility, and a resize schedules one draw', () => {
    const draw = vi.fn();
    createLifecycle(draw, { element });
    expect(resizers[0]!.observed).toEqual([element]);
    expect(watchers[0]!.observed).toEqual([element]);
    resizeAll();
    resizeAll();
    expect(draw).not.toHaveBeenCalled();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('runs a relayout before the draw on resize, and can leave size alone', () => {
    const order: string[] = [];
    createLifecycle(() => order.push('draw'), { element, resize: () => order.push('layout') });
    resizeAll();
    runFrame();
    expect(order).toEqual(['layout', 'draw']);
    createLifecycle(vi.fn(), { element, resize: false });
    expect(resizers).toHaveLength(1);
  });

  it('keeps the size read when the element was resized, so a draw need not read (and force) layout', () => {
    const box = { clientWidth: 0, clientHeight: 0 } as unknown as Element;
    const sizes: (Lifecycle['size'])[] = [];
    const life: Lifecycle = createLifecycle(() => sizes.push(life.size), { element: box });
    expect(life.size).toBeNull();
    Object.assign(box, { clientWidth: 640, clientHeight: 300 });
    resizeAll();
    // A later change the observer has not reported yet is not read by the draw.
    Object.assign(box, { clientWidth: 10, clientHeight: 10 });
    runFrame();
    expect(sizes).toEqual([{ width: 640, height: 300 }]);
    expect(createLifecycle(vi.fn(), { element: box, resize: false }).size).toBeNull();
  });

  it('redraws once per frame for any number of source changes', () => {
    const draw = vi.fn();
    const source = fakeSource();
    const life = createLifecycle(draw, { element });
    life.listen(source);
    source.emit();
    source.emit();
    life.schedule();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('listens with a filter: only changes that matter to the view draw', () => {
    const draw = vi.fn();
    const source = fakeSource();
    let matters = false;
    createLifecycle(draw, { element }).listen(source, () => matters);
    source.emit();
    runFrame();
    expect(draw).not.toHaveBeenCalled();
    matters = true;
    source.emit();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('skips drawing off screen and draws once when back on screen', () => {
    const draw = vi.fn();
    const source = fakeSource();
    const life = createLifecycle(draw, { element });
    life.listen(source);
    show(false);
    source.emit();
    resizeAll();
    source.emit();
    runFrame();
    expect(draw).not.toHaveBeenCalled();
    show(true);
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('draws off screen too when asked to', () => {
    const draw = vi.fn();
    const life = createLifecycle(draw, { element, onScreenOnly: false });
    expect(watchers).toHaveLength(0);
    life.schedule();
    runFrame();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('destroy unsubscribes, disconnects, cancels the pending frame and runs the teardown once', () => {
    const draw = vi.fn();
    const source = fakeSource();
    const undo = vi.fn();
    const life = createLifecycle(draw, { element });
    life.listen(source);
    life.onDestroy(undo);
    life.schedule();
    expect(frames.pending).toBe(1);
    life.destroy();
    expect(frames.pending).toBe(0);
    expect(source.listeners).toBe(0);
    expect(resizers[0]!.disconnected).toBe(true);
    expect(watchers[0]!.disconnected).toBe(true);
    expect(undo).toHaveBeenCalledTimes(1);
    expect(life.destroyed).toBe(true);
    life.destroy();
    expect(undo).toHaveBeenCalledTimes(1);
  });

  it('does nothing on an event that comes after destroy', () => {
    const draw = vi.fn();
    const relayout = vi.fn();
    // A source that still calls a listener after its unsubscribe (an event already on its way).
    const kept: (() => void)[] = [];
    const late: Source = { subscribe: (l) => { kept.push(l); return () => undefined; } };
    const life = createLifecycle(draw, { element, resize: relayout });
    life.listen(late);
    life.destroy();
    kept.forEach((l) => l());
    resizeAll();
    show(true);
    life.schedule();
    life.listen(late);
    runFrame();
    expect(draw).not.toHaveBeenCalled();
    expect(relayout).not.toHaveBeenCalled();
    expect(frames.pending).toBe(0);
    expect(kept).toHaveLength(1);
  });
});
