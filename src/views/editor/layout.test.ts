import { describe, expect, it } from 'vitest';
import { lenet5Mnist } from '../../model/presets';
import type { ModelSpec } from '../../model/spec';
import { COLUMNS_PER_ROW, fillLayout, NODE_SIZE, spotAfter, tidyLayout } from './layout';

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
  it('places every block without overlaps, data flowing left to right, wrapping into rows', () => {
    const spec = lenet5Mnist();
    const layout = tidyLayout(spec);
    const ids = spec.blocks.map((b) => b.id);
    expect(Object.keys(layout).sort()).toEqual([...ids].sort());
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) expect(overlaps(layout[ids[i]!]!, layout[ids[j]!]!)).toBe(false);
    }
    // A chain of 12 wraps after COLUMNS_PER_ROW blocks: the first row reads left to right.
    const firstRow = ids.slice(0, COLUMNS_PER_ROW).map((id) => layout[id]!);
    for (let i = 1; i < firstRow.length; i++) expect(firstRow[i]!.x).toBeGreaterThan(firstRow[i - 1]!.x);
    expect(layout[ids[COLUMNS_PER_ROW]!]!.y).toBeGreaterThan(firstRow[0]!.y);
  });
  it('lays out a residual branch without overlaps and survives a cycle', () => {
    const layout = tidyLayout(residual());
    expect(overlaps(layout.c1!, layout.c2!)).toBe(false);
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
