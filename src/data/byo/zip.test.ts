import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readZip, ZipError, ZIP_LIMITS, type ZipLimits } from './zip';

const bytes = (text: string) => new TextEncoder().encode(text);
const blobOf = (data: Uint8Array) => new Blob([data as Uint8Array<ArrayBuffer>]);
const small: ZipLimits = { ...ZIP_LIMITS, entries: 20, entryBytes: 1 << 20, totalBytes: 3 << 20, chunkBytes: 4096 };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return err instanceof ZipError ? err.code : `not a ZipError: ${String(err)}`;
  }
  return 'no error';
}

/** Sets the uncompressed size of every local header to `size`, as a bomb that lies about itself would. */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 30 <= out.length; i++) if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, size, true);
  return out;
}

describe('readZip', () => {
  it('unpacks images, lists other files with no data, and leaves folders out', async () => {
    const zip = zipSync({ 'pets/cat/1.png': bytes('cat'), 'pets/dog/': new Uint8Array(0), 'pets/notes.txt': bytes('hello') });
    const files = await readZip(blobOf(zip), 'pets.zip', small);
    expect(files.map((f) => f.path).sort()).toEqual(['pets/cat/1.png', 'pets/notes.txt']);
    const cat = files.find((f) => f.path === 'pets/cat/1.png')!;
    expect(await cat.blob.text()).toBe('cat');
    expect(cat.blob.type).toBe('image/png');
    expect(files.find((f) => f.path === 'pets/notes.txt')!.blob.size).toBe(0);
  });

  it('refuses a zip bomb while inflating, even when its headers lie about the sizes', async () => {
    const zeros = new Uint8Array(8 << 20); // 8 MiB of zeros deflate to about 8 kB
    const bomb = zipSync({ 'a/1.png': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await codeOf(readZip(blobOf(bomb), 'bomb.zip', small))).toBe('entryTooLarge');
    expect(await codeOf(readZip(blobOf(lieAboutSizes(bomb, 100)), 'bomb.zip', small))).toBe('entryTooLarge');
  });

  it('refuses when all entries together inflate past the total limit', async () => {
    const entry = new Uint8Array(900 << 10);
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`a/${i}.png`, entry]));
    const zip = zipSync(files, { level: 9 });
    const err = await readZip(blobOf(lieAboutSizes(zip, 1)), 'many.zip', small).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZipError);
    expect((err as ZipError).code).toBe('tooLarge');
    expect((err as ZipError).values).toEqual({ name: 'many.zip', limitMiB: 3 });
  });

  it('refuses a zip with more entries than allowed, and is not fooled by non-images', async () => {
    const files = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`a/${i}.txt`, bytes('x')]));
    expect(await codeOf(readZip(blobOf(zipSync(files)), 'z.zip', small))).toBe('tooManyEntries');
  });

  it('gives a clear error for something that is not a zip, and for a cut-short one', async () => {
    expect(await codeOf(readZip(blobOf(bytes('not a zip at all')), 'x.zip', small))).toBe('notZip');
    expect(await codeOf(readZip(blobOf(new Uint8Array(0)), 'x.zip', small))).toBe('notZip');
    const zip = zipSync({ 'a/1.png': new Uint8Array(100_000).map((_, i) => (i * 7919) % 251) }, { level: 0 });
    expect(await codeOf(readZip(blobOf(zip.subarray(0, 5000)), 'x.zip', small))).toBe('truncated');
  });
});
