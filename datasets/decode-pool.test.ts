import { describe, expect, it } from 'vitest';
import { decodeAll } from './decode-image.mjs';
import { decodeParallel } from './decode-pool.mjs';
import { jpegBytes, pngBytes } from './fixtures';

// 30 images of 4x3, PNG and JPEG alternating, each a different flat colour; number 17 is broken.
const files = Array.from({ length: 30 }, (_, i) => ({
  path: `train/c/${i}.${i % 2 ? 'jpg' : 'png'}`,
  data: i === 17 ? new Uint8Array([0xff, 0xd8, 0xff, 0x00]) : i % 2 ? jpegBytes(4, 3, [i * 8, 100, 255 - i * 8]) : pngBytes(4, 3, [i * 8, 100, 255 - i * 8]),
}));

describe('decodeParallel', () => {
  it('gives the same pixels and errors, in file order, on 3 threads as on one', async () => {
    const single = decodeAll(files, [3, 4, 3]);
    const parallel = await decodeParallel(files, [3, 4, 3], { threads: 3, minPerThread: 5 });
    expect(parallel.pixels).toEqual(single.pixels);
    expect(parallel.errors).toEqual(single.errors);
    expect(single.errors).toHaveLength(1);
    expect(single.errors[0]).toMatch(/^train\/c\/17\.jpg: /);
    expect(single.pixels[5 * 36]).toBe(40); // red of image 5 (PNG: exact)
  });

  it('turns colour into grey by luma, and grey into colour by copying', () => {
    const grey = decodeAll([{ path: 'a.png', data: pngBytes(2, 2, [255, 0, 0]) }], [2, 2, 1]);
    expect([...grey.pixels]).toEqual([76, 76, 76, 76]);
    const colour = decodeAll([{ path: 'g.png', data: pngBytes(2, 2, [90, 90, 90], true) }], [2, 2, 3]);
    expect([...colour.pixels.subarray(0, 3)]).toEqual([90, 90, 90]);
  });
});
