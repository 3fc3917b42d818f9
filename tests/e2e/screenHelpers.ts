// Boxes as drawn, for tests that check what covers what on a given screen.
import type { Page } from 'playwright-core';

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The boxes of the elements that are drawn (a width and height, not hidden). */
export const visibleBoxes = (page: Page, selector: string): Promise<Box[]> => page.locator(selector).evaluateAll((els) => els
  .map((el) => el.getBoundingClientRect())
  .filter((r) => r.width > 0 && r.height > 0)
  .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })));

/** Whether any box of `a` overlaps any box of `b` by more than a pixel. */
export function boxesOverlap(a: readonly Box[], b: readonly Box[]): boolean {
  return a.some((p) => b.some((q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1
    && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1));
}

/** The pairs of boxes in `boxes` that overlap (by more than a pixel), as indexes. */
export function overlappingPairs(boxes: readonly Box[]): [number, number][] {
  const out: [number, number][] = [];
  boxes.forEach((p, i) => boxes.forEach((q, j) => {
    if (j > i && boxesOverlap([p], [q])) out.push([i, j]);
  }));
  return out;
}

/**
 * The boxes of `selector` once the layout has come to rest: unchanged over `frames` animation frames in a row.
 * A view that redraws on a resize does so one frame after it: boxes read sooner are the old layout's.
 */
export const settledBoxes = (page: Page, selector: string, frames = 3): Promise<Box[]> => page.evaluate(
  ({ sel, need }) => new Promise<Box[]>((resolve) => {
    const read = () => [...document.querySelectorAll(sel)]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    let last = JSON.stringify(read());
    let still = 0;
    const tick = () => {
      const now = JSON.stringify(read());
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= need) resolve(JSON.parse(now) as Box[]);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }),
  { sel: selector, need: frames },
);
