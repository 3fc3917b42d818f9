// Property-based fuzzing of the set-up-time dataset readers: images (PNG / JPEG by magic bytes), IDX files,
// CIFAR-10 binary batches and tar / tar.gz archives. Each gives a value that holds together or throws an
// Error that says what was wrong (the importers add the file name); never a TypeError or RangeError from
// deep inside a decoder, never a hang.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSource } from './archive.mjs';
import { parseCifarBatch } from './cifar10.mjs';
import { decodeAll, decodeImage } from './decode-image.mjs';
import { jpegBytes, pngBytes, tarBytes } from './fixtures';
import { parseIdx } from './idx.mjs';
import { PNG } from 'pngjs';

const RUNS = 300;
const root = mkdtempSync(join(tmpdir(), 'cnnp-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A plain Error with a message: what the importers catch and report; anything else is a crash. */
function plainError(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).constructor, (err as Error).stack).toBe(Error);
    expect((err as Error).message.length).toBeGreaterThan(3);
  }
}

/** Bytes of `good` with a few bytes changed and maybe cut short. */
const mutated = (good: Uint8Array) => fc.tuple(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), fc.nat(good.length))
  .map(([edits, cut]) => {
    const bytes = good.slice(0, Math.max(cut, 8));
    for (const [at, value] of edits) bytes[at % bytes.length] = value;
    return bytes;
  });

describe('image decoder fuzzing', () => {
  const png = pngBytes(6, 5, [200, 10, 30]);
  const grey = pngBytes(6, 5, [90, 90, 90], true);
  const jpg = jpegBytes(8, 8, [10, 200, 30]);
  const rgba = new Uint8Array(PNG.sync.write(new PNG({ width: 6, height: 5 })));

  it('decodeImage: any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(1, 3) as fc.Arbitrary<1 | 3>,
      (bytes, channels) => plainError(() => decodeImage(bytes, channels))), { numRuns: RUNS });
  });

  it('decodeImage: real PNG and JPEG files with bytes changed or cut; a decoded image has its stated size', () => {
    fc.assert(fc.property(fc.oneof(mutated(png), mutated(grey), mutated(jpg)), fc.constantFrom(1, 3) as fc.Arbitrary<1 | 3>,
      (bytes, channels) => plainError(() => {
        const img = decodeImage(bytes, channels);
        expect(img.pixels.length).toBe(img.width * img.height * channels);
      })), { numRuns: RUNS });
  });

  /** `image` with its header's width and height rewritten and the header checksum recomputed. */
  const resized = (image: Uint8Array, w: number, h: number) => {
    const bytes = image.slice();
    const view = new DataView(bytes.buffer);
    view.setUint32(16, w, false);
    view.setUint32(20, h, false);
    view.setUint32(29, crc32(bytes.subarray(12, 29)), false);
    return bytes;
  };

  it('found by fuzzing: a PNG header claiming 60000x60000 is refused before anything is allocated', () => {
    const bytes = resized(rgba, 60_000, 60_000);
    expect(() => decodeImage(bytes, 3)).toThrow(/^not a readable PNG file \(60000x60000 is more than 50 megapixels\)$/);
  });

  it('found by fuzzing: a small PNG claiming 7000x7000 is refused before the image is allocated', () => {
    const bytes = resized(rgba, 7_000, 7_000);
    expect(() => decodeImage(bytes, 3)).toThrow(/^not a readable PNG file \(7000x7000 pixels cannot fit in its \d+ bytes of image data\)$/);
  });

  it('decodeImage: a well-formed PNG header that claims any size', () => {
    // Width and height rewritten, checksum recomputed: only the sizes are hostile.
    const side = fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.nat());
    const sized = fc.tuple(fc.constantFrom(png, rgba, grey), side, side).map(([image, w, h]) => resized(image, w % 2 ** 31, h % 2 ** 31));
    fc.assert(fc.property(fc.oneof(sized, sized.map((b) => b.subarray(0, 33))), (bytes) => plainError(() => {
      const img = decodeImage(bytes, 3);
      expect(img.width * img.height).toBeGreaterThan(0);
      expect(img.pixels.length).toBe(img.width * img.height * 3);
    })), { numRuns: RUNS });
  });

  it('decodeAll never throws: every bad file is listed', () => {
    fc.assert(fc.property(fc.array(fc.oneof(mutated(png), fc.uint8Array({ maxLength: 50 })), { maxLength: 4 }), (datas) => {
      const files = datas.map((data, i) => ({ path: `f${i}.png`, data }));
      const { pixels, errors } = decodeAll(files, [5, 6, 3]);
      expect(pixels.length).toBe(files.length * 90);
      for (const e of errors) expect(e).toMatch(/^f\d+\.png: ./);
    }), { numRuns: RUNS });
  });
});

describe('IDX and CIFAR-10 batch fuzzing', () => {
  it('parseIdx: any bytes, and headers that claim any size', () => {
    const header = fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(8, 9), fc.nat(5), fc.array(fc.nat(), { maxLength: 5 }), fc.uint8Array({ maxLength: 64 }))
      .map(([m, type, ndims, dims, rest]) => {
        const head = new Uint8Array(4 + 4 * dims.length);
        head.set([0, m, type, ndims]);
        dims.forEach((d, i) => new DataView(head.buffer).setUint32(4 + 4 * i, d % 70, false));
        return new Uint8Array([...head, ...rest]);
      });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), header), (bytes) => plainError(() => {
      const { dims, data } = parseIdx(bytes, 'x.idx');
      expect(data.length).toBe(dims.reduce((a, b) => a * b, 1));
    })), { numRuns: RUNS });
  });

  it('parseCifarBatch: any bytes, records of any length and label', () => {
    const records = fc.tuple(fc.nat(2), fc.nat(255), fc.integer({ min: -3, max: 3 })).map(([n, label, extra]) => {
      const bytes = new Uint8Array(Math.max(0, n * 3073 + extra));
      for (let i = 0; i < n; i++) if (i * 3073 < bytes.length) bytes[i * 3073] = label % 12;
      return bytes;
    });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 100 }), records), (bytes) => plainError(() => {
      const { images, labels } = parseCifarBatch(bytes, 'b.bin');
      expect(images.length).toBe(labels.length * 3072);
      expect(labels.every((l) => l < 10)).toBe(true);
    })), { numRuns: RUNS });
  });
});

describe('tar / tar.gz archive fuzzing', () => {
  let n = 0;
  const write = (bytes: Uint8Array) => {
    const file = join(root, `a${n++}.tar`);
    writeFileSync(file, bytes);
    return file;
  };
  /** readSource rejects with a plain Error naming the file, or gives entries with paths and data. */
  async function expectEntriesOrError(bytes: Uint8Array): Promise<void> {
    const file = write(bytes);
    try {
      const entries = await readSource(file);
      for (const e of entries) {
        expect(typeof e.path).toBe('string');
        expect(e.data).toBeInstanceOf(Uint8Array);
      }
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).constructor, (err as Error).stack).toBe(Error);
      expect((err as Error).message).toContain(file.split('/').pop()!);
    }
  }

  it('readSource: any bytes, plain or gzip-compressed', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, gz) => {
      await expectEntriesOrError(gz ? gzipSync(bytes) : bytes);
    }), { numRuns: RUNS });
  });

  it('readSource: a real tar (and tar.gz) with bytes changed or cut short', async () => {
    const good = await tarBytes([{ path: 'a/1.png', data: pngBytes(2, 2, [1, 2, 3]) }, { path: 'b/2.txt', data: new Uint8Array(700) }]);
    const goodGz = new Uint8Array(gzipSync(good));
    await fc.assert(fc.asyncProperty(fc.oneof(mutated(good), mutated(goodGz)), expectEntriesOrError), { numRuns: RUNS });
  });
});
