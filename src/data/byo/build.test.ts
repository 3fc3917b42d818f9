import { describe, expect, it } from 'vitest';
import { buildDataset, TooLargeError } from './build';
import type { Decoder } from './decode';
import { rgbaTo } from './decode';
import type { SourceFile } from './sources';

// A fake decoder: a "file" is its text; 'bad' cannot be read, anything else is a flat image of its length.
function fakeDecoder(size: number, channels: 1 | 3): Decoder {
  return {
    async decode(blob) {
      const text = await blob.text();
      if (text === 'bad') throw new Error('the browser cannot read this image');
      return new Uint8Array(size * size * channels).fill(text.length);
    },
  };
}
const file = (path: string, text: string): SourceFile => ({ path, blob: new Blob([text]) });

describe('buildDataset', () => {
  it('makes a dataset with its classes, leaving out and listing unreadable files', async () => {
    const files = [
      file('train/cat/1.png', 'x'), file('train/cat/2.png', 'bad'), file('train/dog/1.png', 'xx'),
      file('train/dog/2.png', 'xxx'), file('test/cat/1.png', 'xxxx'), file('test/dog/1.png', 'xxxxx'), file('notes.txt', 'hi'),
    ];
    const progress: number[] = [];
    const built = await buildDataset(files, fakeDecoder(4, 3), { size: 4, channels: 3, onProgress: (d) => progress.push(d) });
    expect(built.data.meta.classNames).toEqual(['cat', 'dog']);
    expect(built.data.meta.inputShape).toEqual([4, 4, 3]);
    expect(built.unreadable).toEqual(['train/cat/2.png: the browser cannot read this image']);
    expect(built.skipped).toEqual([{ path: 'notes.txt', reason: 'notImage' }]);
    expect(built.emptyClasses).toEqual([]);
    expect(built.data.train.count).toBe(3);
    expect([...built.data.train.labels]).toEqual([0, 1, 1]);
    expect(built.data.train.images.length).toBe(3 * 48);
    expect([built.data.train.images[0], built.data.train.images[48], built.data.train.images[96]]).toEqual([1, 2, 3]);
    expect(built.data.test.count).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a dataset past the safe size before decoding anything', async () => {
    const files = Array.from({ length: 2000 }, (_, i) => file(`${i % 2 ? 'a' : 'b'}/${i}.png`, 'x'));
    let decoded = 0;
    const counting: Decoder = { decode: async () => (decoded++, new Uint8Array(0)) };
    await expect(buildDataset(files, counting, { size: 512, channels: 3 })).rejects.toBeInstanceOf(TooLargeError);
    expect(decoded).toBe(0);
  });

  it('leaves out a class none of whose training images could be read, with its test images, and renumbers the rest', async () => {
    const files = [
      file('a/1.png', 'x'), file('a/2.png', 'x'), file('a/3.png', 'x'), file('a/4.png', 'x'), file('a/5.png', 'x'),
      file('b/1.png', 'bad'), file('b/2.png', 'bad'), file('b/3.png', 'bad'), file('b/4.png', 'bad'), file('b/5.png', 'bad'),
      file('c/1.png', 'xxx'), file('c/2.png', 'xxx'), file('c/3.png', 'xxx'), file('c/4.png', 'xxx'), file('c/5.png', 'xxx'),
    ];
    const built = await buildDataset(files, fakeDecoder(2, 1), { size: 2, channels: 1 });
    expect(built.data.meta.classNames).toEqual(['a', 'c']);
    expect(built.emptyClasses).toEqual(['b']);
    for (const split of [built.data.train, built.data.test]) {
      expect(new Set(split.labels)).toEqual(new Set([0, 1]));
      // Class c (now label 1) is the image of value 3 everywhere: pixels travelled with their labels.
      split.labels.forEach((l, i) => expect(split.images[i * 4]).toBe(l === 0 ? 1 : 3));
    }
    expect(built.data.train.count + built.data.test.count).toBe(10);
  });

  it('a test image of a class left out goes with it (split layout)', async () => {
    const files = [file('train/a/1.png', 'x'), file('train/b/1.png', 'bad'), file('train/c/1.png', 'xx'),
      file('test/a/1.png', 'x'), file('test/b/1.png', 'xxxx'), file('test/c/1.png', 'xx')];
    const built = await buildDataset(files, fakeDecoder(2, 1), { size: 2, channels: 1 });
    expect(built.data.meta.classNames).toEqual(['a', 'c']);
    expect(built.data.test.count).toBe(2);
    expect([...built.data.test.labels]).toEqual([0, 1]);
    expect([...built.data.test.images]).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('fails when too few images could be read to train', async () => {
    const files = [file('train/a/1.png', 'x'), file('train/b/1.png', 'bad'), file('test/a/1.png', 'x')];
    await expect(buildDataset(files, fakeDecoder(2, 1), { size: 2, channels: 1 })).rejects.toThrow(/oneClass/);
  });
});

describe('rgbaTo', () => {
  it('drops alpha for colour and weighs channels for grey', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 10, 20, 30, 0]);
    expect([...rgbaTo(rgba, 3)]).toEqual([255, 0, 0, 10, 20, 30]);
    expect([...rgbaTo(rgba, 1)]).toEqual([76, 18]);
  });
});
