// Draws the boxes view's canvas outside React's render: the input image scaled up, the detector's grid, each
// box above the score threshold (kept: solid, in its class's colour, with its number, class and score;
// dropped by NMS: dashed grey, with the number of the box that dropped it) and the true boxes when known.
import type { ProbeImage } from '../../train/api/probeTypes';
import type { NmsWalk } from './nmsWalk';

const COLOURS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#800000'];

export interface BoxesDrawing {
  readonly image: ProbeImage;
  readonly walk: NmsWalk;
  readonly cell: number;
  readonly classNames: readonly string[];
  /** Pixels on screen per image pixel. */
  readonly scale: number;
}

function drawImage(ctx: CanvasRenderingContext2D, image: ProbeImage, scale: number): void {
  const { width, height, channels, values } = image;
  const data = new ImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) data.data[p * 4 + c] = Math.round(255 * (values[p * channels + (channels >= 3 ? c : 0)] ?? 0));
    data.data[p * 4 + 3] = 255;
  }
  const small = document.createElement('canvas');
  [small.width, small.height] = [width, height];
  small.getContext('2d')?.putImageData(data, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, width * scale, height * scale);
}

function drawGrid(ctx: CanvasRenderingContext2D, image: ProbeImage, cell: number, scale: number): void {
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.18)';
  ctx.lineWidth = 1;
  ctx.setLineDash([]);
  for (let x = cell; x < image.width; x += cell) ctx.strokeRect(x * scale, 0, 0, image.height * scale);
  for (let y = cell; y < image.height; y += cell) ctx.strokeRect(0, y * scale, image.width * scale, 0);
}

/** Paints the whole view into `canvas` (sized here). */
export function drawBoxes(canvas: HTMLCanvasElement, d: BoxesDrawing): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  [canvas.width, canvas.height] = [d.image.width * d.scale, d.image.height * d.scale];
  drawImage(ctx, d.image, d.scale);
  drawGrid(ctx, d.image, d.cell, d.scale);
  ctx.font = '12px ui-monospace, monospace';
  ctx.textBaseline = 'bottom';
  // Dropped boxes first, so the kept ones stay on top.
  const ordered = [...d.walk.candidates].sort((a, b) => Number(d.walk.kept.has(a.rank)) - Number(d.walk.kept.has(b.rank)));
  for (const c of ordered) {
    const kept = d.walk.kept.has(c.rank);
    const [x0, y0, x1, y1] = c.box.map((v) => v * d.scale) as [number, number, number, number];
    ctx.strokeStyle = kept ? (COLOURS[(c.label - 1) % COLOURS.length] as string) : 'rgba(200, 200, 200, 0.8)';
    ctx.lineWidth = kept ? 2.5 : 1.5;
    ctx.setLineDash(kept ? [] : [5, 4]);
    ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
    const text = kept ? `#${c.rank} ${d.classNames[c.label] ?? c.label} ${c.score.toFixed(2)}` : `#${c.rank}→#${d.walk.droppedBy.get(c.rank) ?? '?'}`;
    const w = ctx.measureText(text).width + 6;
    const ty = Math.max(14, y0);
    ctx.fillStyle = kept ? ctx.strokeStyle : 'rgba(60, 60, 60, 0.85)';
    ctx.fillRect(x0, ty - 14, w, 14);
    ctx.fillStyle = '#fff';
    ctx.fillText(text, x0 + 3, ty - 1);
  }
}
