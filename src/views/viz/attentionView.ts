// A vision transformer's attention over the chosen image on one canvas: a row per self-attention block with
// a tile per head (the class token's attention laid over the image), and a last row with the image and the
// attention rollout across the blocks. Fed by the probe channel outside React, redrawn at most once per
// animation frame when new maps arrive; emptied when the channel forgets them (a new run starts), so a
// previous run's maps are never shown as current.
import { HOT } from '../../paint/colors';
import { fixedGrid } from '../../paint/layout';
import { heatOverlay, imageRgb } from '../../paint/overlay';
import { createPixels, paintRgb } from '../../paint/paint';
import { attentionTiles, patchesToPixels } from '../../paint/patches';
import type { ProbeChannel } from '../../paint/probeChannel';
import type { AttentionMaps, ProbeImage } from '../../train/api/probeTypes';
import { createChannelCanvas, type CanvasView } from './channelCanvas';
import { vizCounters } from './counters';
import { describeCanvas } from './describe';

export interface AttentionLabels {
  readonly head: (n: number) => string;
  readonly input: string;
  readonly rollout: string;
}

const LABEL = 70;
const HEADER = 16;
const GAP = 6;

export function createAttentionView(el: HTMLElement, channel: ProbeChannel, initial: AttentionLabels): CanvasView<AttentionLabels> {
  return createChannelCanvas(el, channel, 'attention-canvas', initial, (s) => s.attention, (g, canvas, snap, maps, labels) => {
    paint(g, canvas, snap.input, maps, labels);
    canvas.dataset.layers = String(maps.layers.length);
    vizCounters.attentionDraws += 1;
  });
}

function paint(g: CanvasRenderingContext2D, canvas: HTMLCanvasElement, input: ProbeImage, maps: AttentionMaps, labels: AttentionLabels) {
  const { width: w, height: h } = input;
  const zoom = Math.max(1, Math.floor(64 / Math.max(w, h)));
  const tiles = attentionTiles(maps.layers.map((l) => l.heads));
  const layout = fixedGrid(tiles.rows * tiles.cols, tiles.cols, w * zoom, h * zoom, GAP);
  const width = LABEL + Math.max(layout.width, 2 * (w * zoom + GAP));
  const height = HEADER + layout.height;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const px = createPixels(width - LABEL, layout.height);
  const over = (values: Float32Array, offset: number) => heatOverlay(input, patchesToPixels(values, offset, maps.rows, maps.cols, h, w), HOT);
  maps.layers.forEach((layer, row) => {
    for (let head = 0; head < layer.heads; head++) paintRgb(px, layout, tiles.tile(row, head), over(layer.values, head * maps.rows * maps.cols), 0, w, h, [0, 1]);
  });
  const last = maps.layers.length;
  paintRgb(px, layout, tiles.tile(last, 0), imageRgb(input), 0, w, h, [0, 1]);
  paintRgb(px, layout, tiles.tile(last, 1), over(maps.rollout, 0), 0, w, h, [0, 1]);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.putImageData(new ImageData(px.data, px.width, px.height), LABEL, HEADER);
  g.fillStyle = '#333';
  g.font = '12px system-ui, sans-serif';
  const step = layout.tileHeight + GAP;
  for (let c = 0; c < tiles.cols; c++) g.fillText(labels.head(c + 1), LABEL + c * (layout.tileWidth + GAP), 12, layout.tileWidth);
  maps.layers.forEach((layer, row) => g.fillText(layer.id, 2, HEADER + row * step + 14, LABEL - 6));
  g.fillText(`${labels.input} · ${labels.rollout}`, 2, HEADER + last * step + 14, LABEL - 6);
  describeCanvas(canvas, [...maps.layers.map((l) => `${l.id}: ${l.heads}`), labels.rollout].join('; '));
}
