import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBounds, mnistify, resampleArea, rgbaToInput, toChannels, type Grey } from './pixels';

function canvas(width: number, height: number, ink: (x: number, y: number) => number): Grey {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data[y * width + x] = ink(x, y);
  return { width, height, data };
}

describe('resampleArea', () => {
  it('averages the covered area (anti-aliasing)', () => {
    const img = canvas(4, 2, (x) => (x < 2 ? 1 : 0));
    expect([...resampleArea(img, 0, 0, 4, 2, 2, 1)]).toEqual([1, 0]);
    expect([...resampleArea(img, 0, 0, 4, 2, 1, 1)]).toEqual([0.5]);
    // A half-pixel overlap counts half.
    expect(resampleArea(img, 0, 0, 3, 2, 2, 1)[1]).toBeCloseTo(1 / 3);
  });
});

describe('mnistify', () => {
  it('returns a blank image for a blank pad', () => {
    expect(mnistify(canvas(280, 280, () => 0), 28, 28).every((v) => v === 0)).toBe(true);
  });

  it('fits the ink into a 20-pixel box and centres its mass in the 28x28 field', () => {
    // A tall bar drawn in the top-left corner of a large pad.
    const pad = canvas(280, 280, (x, y) => (x >= 10 && x < 50 && y >= 10 && y < 210 ? 1 : 0));
    const out = mnistify(pad, 28, 28);
    const bounds = inkBounds({ width: 28, height: 28, data: out })!;
    expect(bounds.h).toBe(20);
    expect(bounds.w).toBe(4);
    const [cx, cy] = centreOfMass(out, 28, 28);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('keeps the ink wherever it was drawn: same digit, same result', () => {
    const at = (ox: number, oy: number) => canvas(280, 280, (x, y) => (x >= ox && x < ox + 60 && y >= oy && y < oy + 120 ? 1 : 0));
    expect([...mnistify(at(20, 30), 28, 28)]).toEqual([...mnistify(at(150, 100), 28, 28)]);
  });
});

describe('channels', () => {
  it('repeats grey into every channel', () => {
    expect([...toChannels(Float32Array.of(0.25, 1), 3)]).toEqual([0.25, 0.25, 0.25, 1, 1, 1]);
  });

  it('inverts a light picture for a one-channel dataset, and keeps colour for three', () => {
    const white = Uint8Array.of(255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255);
    const grey = rgbaToInput(white, 1);
    expect(grey[0]).toBeCloseTo(0);
    expect(grey[1]).toBeCloseTo(1);
    expect([...rgbaToInput(Uint8Array.of(255, 0, 51, 255), 3)].map((v) => +v.toFixed(2))).toEqual([1, 0, 0.2]);
  });
});

describe('confusionCells', () => {
  it('gives each count its share of the true class row', async () => {
    const { confusionCells, confusionCellSize } = await import('./confusionLayout');
    const cells = confusionCells([3, 1, 0, 0], 2);
    expect(cells).toEqual([
      { row: 0, col: 0, count: 3, share: 0.75 }, { row: 0, col: 1, count: 1, share: 0.25 },
      { row: 1, col: 0, count: 0, share: 0 }, { row: 1, col: 1, count: 0, share: 0 },
    ]);
    expect(confusionCellSize(10)).toBe(34);
    expect(confusionCellSize(1000)).toBe(6);
  });
});
