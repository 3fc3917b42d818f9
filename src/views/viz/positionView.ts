// The similarity of the learned position embeddings as the ViT paper draws it (Dosovitskiy et al. 2021,
// figure 7): one small map per patch, placed where that patch sits, showing the cosine similarity of its
// embedding with every other patch's (red near 1, blue near -1). Fed by the probe channel outside React;
// emptied when the channel forgets the maps (a new run).
import { DIVERGING } from '../../paint/colors';
import { fixedGrid } from '../../paint/layout';
import { createPixels, paintMap } from '../../paint/paint';
import type { ProbeChannel } from '../../paint/probeChannel';
import { createChannelCanvas, type CanvasView } from './channelCanvas';
import { describeCanvas } from './describe';

const GAP = 2;

export function createPositionView(el: HTMLElement, channel: ProbeChannel, initial: string): CanvasView<string> {
  return createChannelCanvas(el, channel, 'position-canvas', initial, (s) => s.positions, (g, canvas, _snap, p, label) => {
    const zoom = Math.max(1, Math.floor((300 / p.cols - GAP) / p.cols));
    const patches = p.rows * p.cols;
    const layout = fixedGrid(patches, p.cols, p.cols * zoom, p.rows * zoom, GAP);
    if (canvas.width !== layout.width || canvas.height !== layout.height) {
      canvas.width = layout.width;
      canvas.height = layout.height;
    }
    const px = createPixels(layout.width, layout.height);
    for (let i = 0; i < patches; i++) paintMap(px, layout, i, p.values, i * patches, p.cols, p.rows, DIVERGING, 1);
    g.putImageData(new ImageData(px.data, layout.width, layout.height), 0, 0);
    describeCanvas(canvas, `${label} (${p.id}, ${p.rows} × ${p.cols})`);
  });
}
