// Boxes as corners [x1, y1, x2, y2] (x1 <= x2, y1 <= y2), in pixels of the image, as torchvision.ops
// takes them. Intersection over union: the overlap's area over the area the two cover together; 0 for
// boxes that do not overlap and for two empty boxes. Pure: no tfjs, so views, lessons and tests share it.
export type Box = readonly [number, number, number, number];

export const boxArea = ([x1, y1, x2, y2]: Box): number => Math.max(x2 - x1, 0) * Math.max(y2 - y1, 0);

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Every pair's IoU, [a.length][b.length], as torchvision.ops.box_iou. */
export const iouMatrix = (a: readonly Box[], b: readonly Box[]): number[][] => a.map((x) => b.map((y) => iou(x, y)));
