import { describe, expect, it } from 'vitest';
import { lenet5Mnist } from '../../model/presets';
import { defaultBlock } from '../../model/blockFields';
import type { ModelSpec } from '../../model/spec';
import { addBlock, removeBlocks } from '../../store/editOps';
import { fillLayout, NODE_SIZE, spotAfter, tidyLayout } from './layout';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_SIZE.width && Math.abs(a.y - b.y) < NODE_SIZE.height;

function residual(): ModelSpec {
  return { blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'c1', kind: 'conv2d', filters: 1, kernel: 3, stride: 1, padding: 'same', inputs: ['in'] },
    { id: 'c2', kind: 'conv2d', filters: 1, kernel: 3, stride: 1, padding: 'same', inputs: ['c1'] },
    { id: 'add', kind: 'add', inputs: ['c2', 'in'] },
    { id: 'f', kind: 'flatten', inputs: ['add'] },
    { id: 'out', kind: 'softmax', inputs: ['f'] },
  ] };
}

describe('tidyLayout', () => {
  it('places every block without overlaps in one left-to-right lane, in the order data flows', () => {
    const spec = lenet5Mnist();
    const layout = tidyLayout(spec);
    const ids = spec.blocks.map((b) => b.id);
    expect(Object.keys(layout).sort()).toEqual([...ids].sort());
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) expect(overlaps(layout[ids[i]!]!, layout[ids[j]!]!)).toBe(false);
    }
    const points = ids.map((id) => layout[id]!);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
      expect(points[i]!.y).toBe(points[0]!.y);
    }
  });
  it('keeps the reading order and the one lane when a block in the middle is deleted (LeNet-5 without flatten)', () => {
    const spec = lenet5Mnist();
    const flatten = spec.blocks.find((b) => b.kind === 'flatten')!;
    const cut: ModelSpec = { blocks: spec.blocks.filter((b) => b.id !== flatten.id)
      .map((b) => ({ ...b, inputs: b.inputs.filter((i) => i !== flatten.id) })) };
    const layout = tidyLayout(cut);
    const points = cut.blocks.map((b) => layout[b.id]!);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.x).toBeGreaterThan(points[i - 1]!.x);
      expect(points[i]!.y).toBe(points[0]!.y);
    }
  });
  it('keeps one lane when a block added after pool1 (listed last) replaces the deleted pool1 (lesson 2.3)', () => {
    // What a student does in lesson 2.3: average pooling added after the selected pool1, then pool1 deleted.
    const added = addBlock(lenet5Mnist(), defaultBlock('avgpool2d', 'avgpool1', []), { after: 'pool1' });
    const cut = removeBlocks(added, ['pool1']);
    const layout = tidyLayout(cut);
    const flow = ['input', 'conv1', 'act1', 'avgpool1', 'conv2', 'act2', 'pool2', 'flatten', 'dense1', 'act3', 'dense2', 'act4', 'output'];
    expect(flow.every((id) => layout[id] !== undefined)).toBe(true);
    for (let i = 1; i < flow.length; i++) {
      expect(layout[flow[i]!]!.x).toBeGreaterThan(layout[flow[i - 1]!]!.x);
      expect(layout[flow[i]!]!.y).toBe(layout.input!.y);
    }
  });
  it('lays out a residual branch without overlaps and survives a cycle', () => {
    const layout = tidyLayout(residual());
    expect(overlaps(layout.c1!, layout.c2!)).toBe(false);
    // The branch and the skip connection run as parallel lanes that merge at `add`, left to right.
    expect(layout.in!.x).toBeLessThan(layout.c1!.x);
    expect(layout.c1!.x).toBeLessThan(layout.c2!.x);
    expect(layout.c2!.x).toBeLessThan(layout.add!.x);
    expect(layout.add!.x).toBeLessThan(layout.f!.x);
    const loop: ModelSpec = { blocks: [
      { id: 'a', kind: 'activation', fn: 'relu', inputs: ['b'] },
      { id: 'b', kind: 'activation', fn: 'relu', inputs: ['a'] },
    ] };
    expect(Object.keys(tidyLayout(loop)).sort()).toEqual(['a', 'b']);
  });
});

describe('fillLayout / spotAfter', () => {
  it('keeps stored positions and fills in the rest', () => {
    const spec = { ...residual(), layout: { c1: { x: 999, y: 999 } } };
    const layout = fillLayout(spec);
    expect(layout.c1).toEqual({ x: 999, y: 999 });
    expect(Object.keys(layout)).toHaveLength(6);
    const complete = { ...residual(), layout: tidyLayout(residual()) };
    expect(fillLayout(complete)).toBe(complete.layout);
  });
  it('finds a free spot to the right of a block', () => {
    const layout = { a: { x: 0, y: 0 }, b: { x: NODE_SIZE.width + 60, y: 0 } };
    const spot = spotAfter(layout, 'a');
    expect(spot.x).toBe(NODE_SIZE.width + 60);
    expect(Object.values(layout).some((p) => overlaps(p, spot))).toBe(false);
  });
});
