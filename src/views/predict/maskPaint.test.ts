import { describe, expect, it } from 'vitest';
import { CLASS_COLOURS, maskOverlay } from './maskPaint';

describe('mask overlay', () => {
  it('keeps background pixels, mixes each class with its own colour, and stays opaque', () => {
    const image = [100, 100, 100, 0, 0, 0, 200, 200, 200];
    const out = maskOverlay(image, [0, 1, 2], 1, 3, 3, 0.5);
    expect(Array.from(out.subarray(0, 4))).toEqual([100, 100, 100, 255]);
    const [r1, g1, b1] = CLASS_COLOURS[0]!;
    expect(Array.from(out.subarray(4, 8))).toEqual([Math.round(r1 / 2), Math.round(g1 / 2), Math.round(b1 / 2), 255]);
    const [r2] = CLASS_COLOURS[1]!;
    expect(out[8]).toBe(Math.round((200 + r2) / 2));
    expect(out[8]).not.toBe(out[4]);
  });

  it('draws a grey image with no mask as itself', () => {
    expect(Array.from(maskOverlay([7, 9], null, 1, 2, 1))).toEqual([7, 7, 7, 255, 9, 9, 9, 255]);
  });
});
