import { describe, expect, it } from 'vitest';
import { rotateImage, rotationOf, rotationPretext, ROTATION_CLASSES } from './rotation';
import type { LoadedDataset } from './types';

/** A 3×3 one-channel image with every pixel different: 1 2 3 / 4 5 6 / 7 8 9. */
const IMAGE = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
const turned = (k: number, image = IMAGE, n = 3, c = 1) => {
  const out = new Uint8Array(image.length);
  rotateImage(image, n, c, k, out);
  return [...out];
};

describe('rotation pretext', () => {
  it('turns an image by quarter turns counter-clockwise, as numpy.rot90 does', () => {
    // numpy.rot90([[1,2,3],[4,5,6],[7,8,9]], k) for k = 0..3.
    expect(turned(0)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(turned(1)).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    expect(turned(2)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(turned(3)).toEqual([7, 4, 1, 8, 5, 2, 9, 6, 3]);
  });

  it('keeps the channels of a pixel together', () => {
    // 2×2 with two channels: pixel p has channels (10p, 10p+1).
    const rgb = Uint8Array.from([10, 11, 20, 21, 30, 31, 40, 41]);
    expect(turned(1, rgb, 2, 2)).toEqual([20, 21, 40, 41, 10, 11, 30, 31]);
  });

  it('labels every image with its turn, made from the images alone', () => {
    const count = 6;
    const images = new Uint8Array(count * 9);
    for (let i = 0; i < count; i++) images.set(IMAGE.map((v) => v + 10 * i), i * 9);
    const data: LoadedDataset = {
      meta: { format: 'cnnp-dataset', version: 1, id: 'x', name: 'X', inputShape: [3, 3, 1], classNames: ['a', 'b'],
        train: { count, shards: [] }, test: { count: 2, shards: [] } },
      // The original labels are all 1: the pretext labels must not come from them.
      train: { count, images, labels: new Uint8Array(count).fill(1) },
      test: { count: 2, images: images.slice(0, 18), labels: new Uint8Array(2) },
    };
    const rotated = rotationPretext(data);
    expect(rotated.meta.classNames).toEqual([...ROTATION_CLASSES]);
    expect([...rotated.train.labels]).toEqual([0, 1, 2, 3, 0, 1]);
    for (let i = 0; i < count; i++) {
      const k = rotated.train.labels[i] as number;
      expect(k).toBe(rotationOf(i));
      // Turning the image back by the rest of the circle gives the original.
      const back = new Uint8Array(9);
      rotateImage(rotated.train.images.subarray(i * 9, i * 9 + 9), 3, 1, (4 - k) % 4, back);
      expect([...back]).toEqual([...images.subarray(i * 9, i * 9 + 9)]);
    }
    expect(data.train.images).toEqual(images); // the loaded dataset itself is untouched (it may be cached)
    expect(() => rotationPretext({ ...data, meta: { ...data.meta, inputShape: [3, 4, 1] } })).toThrow(/square/);
  });
});
