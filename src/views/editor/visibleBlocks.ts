// Which blocks of the network strip can be seen: their thumbnails are the only ones the worker is asked to
// probe. Pure: node boxes in flow coordinates, React Flow's [x, y, zoom] transform and the strip's size.

export interface NodeBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** 0 while the node is not yet measured (then it counts by its corner). */
  readonly width: number;
  readonly height: number;
}

/** Screen pixels around the strip counted as in view, so a thumbnail panned in finds its maps already there. */
export const VIEW_MARGIN = 80;

/** Ids of the nodes whose box, on screen, meets the strip grown by `margin` on each side; sorted. */
export function visibleBlocks(
  nodes: Iterable<NodeBox>, transform: readonly [number, number, number], view: { readonly width: number; readonly height: number },
  margin = VIEW_MARGIN,
): string[] {
  const [tx, ty, zoom] = transform;
  const ids: string[] = [];
  for (const n of nodes) {
    const left = n.x * zoom + tx;
    const top = n.y * zoom + ty;
    const inX = left + n.width * zoom >= -margin && left <= view.width + margin;
    const inY = top + n.height * zoom >= -margin && top <= view.height + margin;
    if (inX && inY) ids.push(n.id);
  }
  return ids.sort();
}
