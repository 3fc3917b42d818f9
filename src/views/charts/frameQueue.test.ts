import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameQueue } from './frameQueue';
import { installFakeFrames, type FakeFrames } from './fakeFrames';

describe('createFrameQueue', () => {
  let frames: FakeFrames;
  let clock: number;
  const runFrame = () => frames.run();
  /** A job that takes `ms` of the fake clock and records its name. */
  const order: string[] = [];
  const job = (name: string, ms: number) => () => {
    order.push(name);
    clock += ms;
  };

  beforeEach(() => {
    frames = installFakeFrames();
    clock = 0;
    order.length = 0;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('runs cheap jobs together in one frame, in the order asked', () => {
    const queue = createFrameQueue(8, () => clock);
    ['a', 'b', 'c'].forEach((n) => queue.add(job(n, 1)));
    expect(frames.pending).toBe(1);
    runFrame();
    expect(order).toEqual(['a', 'b', 'c']);
    expect(frames.pending).toBe(0);
  });

  it('spreads jobs over frames once a frame has spent its budget, the leftovers first next frame', () => {
    const queue = createFrameQueue(8, () => clock);
    queue.add(job('chart', 6));
    queue.add(job('thumb1', 3));
    queue.add(job('thumb2', 3));
    queue.add(job('thumb3', 3));
    runFrame();
    expect(order).toEqual(['chart', 'thumb1']);
    queue.add(job('late', 1));
    runFrame();
    expect(order).toEqual(['chart', 'thumb1', 'thumb2', 'thumb3', 'late']);
    expect(queue.size).toBe(0);
  });

  it('runs at least one job per frame, however long it takes', () => {
    const queue = createFrameQueue(8, () => clock);
    queue.add(job('slow', 40));
    queue.add(job('next', 1));
    runFrame();
    expect(order).toEqual(['slow']);
    runFrame();
    expect(order).toEqual(['slow', 'next']);
  });

  it('keeps a job asked for twice in its first place, and leaves a job asked for during a frame to the next', () => {
    const queue = createFrameQueue(8, () => clock);
    const a = job('a', 1);
    const b = () => {
      order.push('b');
      queue.add(a);
    };
    queue.add(a);
    queue.add(b);
    queue.add(a);
    runFrame();
    expect(order).toEqual(['a', 'b']);
    runFrame();
    expect(order).toEqual(['a', 'b', 'a']);
  });

  it('does not run a job that an earlier job of the same frame removed', () => {
    const queue = createFrameQueue(8, () => clock);
    const b = job('b', 1);
    queue.add(() => {
      order.push('a');
      queue.remove(b);
    });
    queue.add(b);
    runFrame();
    expect(order).toEqual(['a']);
    expect(frames.pending).toBe(0);
  });

  it('drops a removed job, and asks for no frame once nothing is queued', () => {
    const queue = createFrameQueue(8, () => clock);
    const a = job('a', 1);
    queue.add(a);
    queue.remove(a);
    expect(frames.pending).toBe(0);
    runFrame();
    expect(order).toEqual([]);
    queue.add(a);
    runFrame();
    expect(order).toEqual(['a']);
  });
});
