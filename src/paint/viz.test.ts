// Pure helpers of the network views: colour maps, normalisation, grid layout, painting, the probe channel.
import { describe, expect, it } from 'vitest';
import type { MapStack, ProbeSnapshot } from '../train/api/probeTypes';
import { colorIndex, colorOf, DIVERGING, HOT } from './colors';
import { gridLayout, hitTile, nearSquare, tileOrigin } from './layout';
import { absMax, channelScales, extent, globalScale } from './normalise';
import { createPixels, outlineTile, paintMap, paintRgb } from './paint';
import { createProbeChannel } from './probeChannel';

const stack = (values: number[], channels: number, h = 1, w = values.length / channels / h): MapStack => ({
  id: 'b', height: h, width: w, channels, totalChannels: channels, fullHeight: h, fullWidth: w, values: Float32Array.from(values),
});

describe('colour maps', () => {
  it('puts zero on white in the diverging map, negatives blue, positives red', () => {
    expect(colorIndex(DIVERGING, 0, 1)).toBe(128);
    expect(colorOf(DIVERGING, 0, 1).every((c) => c > 240)).toBe(true);
    const [r1, , b1] = colorOf(DIVERGING, -1, 1);
    const [r2, , b2] = colorOf(DIVERGING, 1, 1);
    expect(b1).toBeGreaterThan(r1);
    expect(r2).toBeGreaterThan(b2);
  });

  it('clamps beyond the scale and sends NaN or a zero scale to the neutral colour', () => {
    expect(colorIndex(DIVERGING, 5, 1)).toBe(255);
    expect(colorIndex(DIVERGING, -5, 1)).toBe(0);
    expect(colorIndex(DIVERGING, Number.NaN, 1)).toBe(128);
    expect(colorIndex(DIVERGING, 3, 0)).toBe(128);
    expect(colorIndex(HOT, 0.5, 1)).toBe(128);
    expect(colorIndex(HOT, Number.POSITIVE_INFINITY, 1)).toBe(0);
  });
});

describe('normalisation', () => {
  const s = stack([1, -2, 0.5, 0.25, 4, -1], 2, 1, 3); // channel 0: 1 -2 0.5; channel 1: 0.25 4 -1
  it('scales each channel by its own largest magnitude, the layer by its, or all by the global one', () => {
    expect([...channelScales(s, 'channel', 10)]).toEqual([2, 4]);
    expect([...channelScales(s, 'layer', 10)]).toEqual([4, 4]);
    expect([...channelScales(s, 'global', 10)]).toEqual([10, 10]);
    expect(globalScale([s, stack([-7], 1)])).toBe(7);
  });

  it('ignores NaN and infinities', () => {
    expect(absMax([1, Number.NaN, -3, Number.POSITIVE_INFINITY])).toBe(3);
    expect(extent([Number.NaN, 2, -1])).toEqual([-1, 2]);
    expect(extent([Number.NaN])).toEqual([0, 0]);
  });
});

describe('grid layout', () => {
  it('fills the width with tiles and finds the tile and map pixel under a point', () => {
    const g = gridLayout(10, 4, 4, { maxWidth: 100, gap: 2, zoom: 5 });
    expect(g.tileWidth).toBe(20);
    expect(g.cols).toBe(4); // 4 * 20 + 3 * 2 = 86 <= 100; 5 tiles would need 108
    expect(g.rows).toBe(3);
    expect(g.width).toBe(86);
    expect(tileOrigin(g, 5)).toEqual({ x: 22, y: 22 });
    expect(hitTile(g, 4, 4, 22 + 19, 22 + 6)).toEqual({ index: 5, px: 3, py: 1 });
    expect(hitTile(g, 4, 4, 20.5, 5)).toBeNull(); // in the gap
    expect(hitTile(g, 4, 4, 70, 50)).toBeNull(); // row 2 holds only tiles 8 and 9
  });

  it('zooms down to fit a wide map, never below one pixel per value', () => {
    expect(gridLayout(1, 60, 1, { maxWidth: 100, zoom: 4 }).tileWidth).toBe(60);
    expect(gridLayout(1, 500, 1, { maxWidth: 100, zoom: 4 }).tileWidth).toBe(500);
    expect(gridLayout(0, 5, 5, { maxWidth: 100 })).toMatchObject({ rows: 0, width: 0, height: 0 });
  });

  it('shapes a vector as a near square', () => {
    expect(nearSquare(84)).toEqual([9, 10]);
    expect(nearSquare(16)).toEqual([4, 4]);
    expect(nearSquare(0)).toEqual([0, 0]);
  });
});

describe('painting', () => {
  it('paints each map value as a zoom x zoom block of its colour', () => {
    const g = gridLayout(2, 2, 1, { maxWidth: 100, gap: 1, zoom: 2 });
    const px = createPixels(g.width, g.height);
    paintMap(px, g, 1, [0, 0, -1, 1], 2, 2, 1, DIVERGING, 1);
    const at = (x: number, y: number) => [...px.data.subarray((y * px.width + x) * 4, (y * px.width + x) * 4 + 4)];
    expect(at(0, 0)).toEqual([0, 0, 0, 0]); // tile 0 untouched
    expect(at(5, 1)).toEqual([...colorOf(DIVERGING, -1, 1), 255]); // tile 1 starts at x = 5
    expect(at(7, 0)).toEqual([...colorOf(DIVERGING, 1, 1), 255]);
    outlineTile(px, g, 0, [1, 2, 3]);
    expect(at(0, 0)).toEqual([1, 2, 3, 255]);
  });

  it('covers a tile exactly at a fractional zoom, each pixel the colour of the map cell over it, clipped to the buffer', () => {
    // 3x2 cells over a 7x5 tile (zoom 2.33 x 2.5), in a buffer that cuts the tile's last column off.
    const layout = { ...gridLayout(1, 7, 5, { maxWidth: 100, zoom: 1 }), tileWidth: 7, tileHeight: 5 };
    const px = createPixels(6, 5);
    const values = [-1, -0.5, 0, 0.25, 0.75, 1];
    paintMap(px, layout, 0, [9, ...values], 1, 3, 2, DIVERGING, 1);
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 6; x++) {
        // The cell whose span [round(i * 7 / 3), round((i + 1) * 7 / 3)) holds x, and likewise for y.
        const cx = [0, 1, 2].find((i) => x >= Math.round((i * 7) / 3) && x < Math.round(((i + 1) * 7) / 3))!;
        const cy = [0, 1].find((i) => y >= Math.round(i * 2.5) && y < Math.round((i + 1) * 2.5))!;
        const o = (y * 6 + x) * 4;
        expect([...px.data.subarray(o, o + 4)]).toEqual([...colorOf(DIVERGING, values[cy * 3 + cx]!, 1), 255]);
      }
    }
  });

  it('paints a 3-channel kernel in colour, min-max scaled', () => {
    const g = gridLayout(1, 1, 1, { maxWidth: 10, zoom: 1 });
    const px = createPixels(1, 1);
    paintRgb(px, g, 0, [-1, 0, 1], 0, 1, 1, [-1, 1]);
    expect([...px.data]).toEqual([0, 128, 255, 255]);
    // Values outside the range clamp to the ends instead of spilling into the neighbouring channel.
    paintRgb(px, g, 0, [-3, 5, Number.NaN], 0, 1, 1, [-1, 1]);
    expect([...px.data]).toEqual([0, 255, 0, 255]);
  });
});

const snapshot = (step: number, over: Partial<ProbeSnapshot> = {}): ProbeSnapshot => ({
  step, input: { height: 2, width: 2, channels: 1, values: new Float32Array(4), label: 3 }, probabilities: new Float32Array(2),
  activations: [], filters: [], templates: null, gradients: null, saliency: null, costMs: 1, ...over,
});

describe('probe channel', () => {
  it('turns the probes the open views want into the config it announces', () => {
    const ch = createProbeChannel();
    const seen: boolean[] = [];
    ch.onConfig((c) => seen.push(c.activations));
    const a = ch.want('activations');
    const b = ch.want('activations');
    a();
    a(); // a second release changes nothing
    expect(ch.config.activations).toBe(true);
    b();
    expect(ch.config.activations).toBe(false);
    expect(seen).toEqual([true, true, true, false]);
  });

  it('asks for the blocks some view names, every block while one view wants them all, none when released', () => {
    const ch = createProbeChannel();
    const sent: (readonly string[] | undefined)[] = [];
    ch.onConfig((c) => sent.push(c.activations ? c.blocks : []));
    const strip = ch.wantBlocks(['conv1', 'pool1']);
    const pane = ch.wantBlocks(['dense1']);
    expect(ch.config.blocks).toEqual(['conv1', 'dense1', 'pool1']);
    strip.set(['conv1', 'pool1']); // unchanged: no new config
    strip.set(['conv2']);
    expect(ch.config.blocks).toEqual(['conv2', 'dense1']);
    const panel = ch.want('activations');
    expect(ch.config.activations).toBe(true);
    expect(ch.config.blocks).toBeUndefined();
    panel();
    pane.release();
    pane.release();
    strip.set([]);
    expect(ch.config.activations).toBe(false);
    strip.release();
    expect(sent).toEqual([['conv1', 'pool1'], ['conv1', 'dense1', 'pool1'], ['conv2', 'dense1'], undefined, ['conv2', 'dense1'], ['conv2'], [], []]);
  });

  it('keeps the last activations when a snapshot carries only gradients, and builds their history', () => {
    const ch = createProbeChannel();
    const maps = [stack([1, 2], 1)];
    ch.push(snapshot(1, { activations: maps }));
    ch.push(snapshot(2, { gradients: { ids: ['c', 'd'], gradNorm: Float32Array.of(1, 2), updateRatio: Float32Array.of(0.1, 0.2) } }));
    expect(ch.latest?.activations).toBe(maps);
    expect(ch.latest?.step).toBe(2);
    expect(ch.gradients.steps).toEqual([2]);
    expect(ch.gradients.layers.map((l) => [l.id, l.gradNorm[0]])).toEqual([['c', 1], ['d', 2]]);
    expect(ch.received).toBe(2);
    ch.clear();
    expect(ch.latest).toBeNull();
    expect(ch.gradients.steps).toEqual([]);
  });

  it('accepts drawn pixels of the input size and explains a wrong size', () => {
    const ch = createProbeChannel();
    ch.push(snapshot(1));
    expect(ch.setPixels(new Float32Array(5))).toMatch(/2x2x1 = 4 values, got 5/);
    expect(ch.setPixels(Float32Array.of(0, Number.NaN, 0, 0))).toMatch(/not numbers/);
    expect(ch.setPixels(new Float32Array(4).fill(0.5))).toBeNull();
    expect(ch.config.input.kind).toBe('pixels');
  });
});

describe('weights as pictures', () => {
  it('interleaves an RGB kernel into HWC colour', async () => {
    const { kernelRgb, isRgbKernel } = await import('./kernels');
    // 2 kernels of 1x2 over 3 input channels: value = 100*o + 10*c + i
    const values = new Float32Array(2 * 3 * 2).map((_, j) => {
      const o = Math.floor(j / 6);
      const c = Math.floor((j % 6) / 2);
      return 100 * o + 10 * c + (j % 2);
    });
    const k = { id: 'c', kh: 1, kw: 2, inChannels: 3, outChannels: 2, totalIn: 3, totalOut: 2, values };
    expect(isRgbKernel(k)).toBe(true);
    expect([...kernelRgb(k, 1).values]).toEqual([100, 110, 120, 101, 111, 121]);
  });

  it('shapes templates: a flat layer as a padded near square, deep maps as their channel mean', async () => {
    const { templatePicture } = await import('./kernels');
    const flat = { id: 'o', height: 1, width: 5, channels: 1, classes: 2, values: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) };
    const p = templatePicture(flat, 1);
    expect([p.height, p.width]).toEqual([2, 3]);
    expect([...p.values].slice(0, 5)).toEqual([6, 7, 8, 9, 10]);
    expect(Number.isNaN(p.values[5])).toBe(true);
    const deep = { id: 'o', height: 1, width: 2, channels: 2, classes: 1, values: Float32Array.of(1, 3, -2, 4) };
    expect([...templatePicture(deep, 0).values]).toEqual([2, 1]);
  });

  it('lays out a fixed number of columns', async () => {
    const { fixedGrid } = await import('./layout');
    expect(fixedGrid(6, 3, 10, 10, 2)).toMatchObject({ rows: 2, width: 34, height: 22 });
    expect(fixedGrid(2, 3, 10, 10, 2)).toMatchObject({ rows: 1, width: 22 });
  });
});

describe('log scale', () => {
  it('spans whole decades of the positive finite values', async () => {
    const { logDomain, logPoints } = await import('./logScale');
    expect(logDomain([3e-5, 0, Number.NaN, 0.02, -1])).toEqual([1e-5, 0.1]);
    expect(logDomain([1])).toEqual([0.1, 10]);
    expect(logDomain([])).toEqual([1e-4, 1]);
    expect(logPoints([1, 2, 3], [0.5, 0, Number.POSITIVE_INFINITY])).toEqual([{ x: 1, y: 0.5 }]);
  });
});

describe('overlays', () => {
  it('repeats a grey input over RGB and mixes heat in where it is high', async () => {
    const { heatOverlay, imageRgb } = await import('./overlay');
    const image = { height: 1, width: 2, channels: 1, values: Float32Array.of(1, 0.5), label: null };
    expect([...imageRgb(image)]).toEqual([1, 1, 1, 0.5, 0.5, 0.5]);
    const out = heatOverlay(image, [0, 2], HOT, 1);
    expect([...out.subarray(0, 3)].map((v) => v.toFixed(2))).toEqual(['0.60', '0.60', '0.60']); // no heat: dimmed input
    expect([...out.subarray(3)]).toEqual([1, 1, 1]); // full heat: the hottest colour (white)
  });
});

describe('filter grid', () => {
  it('puts filters side by side, each a run of its input channels and one empty tile', async () => {
    const { filtersPerRow, kernelTile } = await import('./layout');
    // 6 input channels of 22-pixel steps: 7 * 22 = 154 pixels a filter; 3 fit in 500.
    expect(filtersPerRow(500, 6, 22)).toBe(3);
    expect(filtersPerRow(10, 6, 22)).toBe(1);
    expect(kernelTile(0, 0, 3, 6)).toBe(0);
    expect(kernelTile(1, 2, 3, 6)).toBe(9);
    expect(kernelTile(3, 0, 3, 6)).toBe(21); // the second grid row starts after 3 * 7 tiles
  });
});
