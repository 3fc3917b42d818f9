// Where the strip opens a network too wide to fit at a readable zoom (a ResNet): from its input, at the left,
// and placed vertically by the blocks that lie in that first screen, not by the whole network's top. A block
// further along that sits higher (the top of a later branch) otherwise pushed the lanes seen first down, and
// cut the lower lane at the strip's bottom until the user scrolled.
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * The viewport that shows `boxes` (flow coordinates) from their left edge, `margin` px inside a `pane` at
 * `zoom`. Vertically, the blocks in that first screen are centred when they fit the pane, and start `margin` px
 * from its top when they do not.
 */
export function startViewport(boxes: readonly Box[], pane: { readonly width: number; readonly height: number }, zoom: number, margin = 24): Viewport {
  if (boxes.length === 0) return { x: margin, y: margin, zoom };
  const left = Math.min(...boxes.map((b) => b.x));
  const right = left + (pane.width - margin) / zoom;
  const seen = boxes.filter((b) => b.x < right);
  const top = Math.min(...seen.map((b) => b.y));
  const height = (Math.max(...seen.map((b) => b.y + b.height)) - top) * zoom;
  const y = height <= pane.height ? (pane.height - height) / 2 : margin;
  return { x: margin - left * zoom, y: y - top * zoom, zoom };
}
