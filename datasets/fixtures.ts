// Small dataset sources written by the tests themselves: PNG / JPEG files, tar and tar.gz archives,
// CIFAR-10 binary batches. Nothing here touches the shared datasets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import tar from 'tar-stream';

export interface FixtureFile {
  readonly path: string;
  readonly data: Uint8Array;
}

/** An RGB image whose every pixel is (r, g, b), as PNG bytes. */
export function pngBytes(w: number, h: number, rgb: readonly [number, number, number], grey = false): Uint8Array {
  const png = new PNG({ width: w, height: h, colorType: grey ? 0 : 2, inputColorType: 2, inputHasAlpha: false });
  const data = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb, i * 3);
  png.data = data;
  return PNG.sync.write(png, { colorType: grey ? 0 : 2, inputColorType: 2, inputHasAlpha: false });
}

/** A flat-colour JPEG (quality 100: a flat image decodes back to within a level or two). */
export function jpegBytes(w: number, h: number, rgb: readonly [number, number, number]): Uint8Array {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
  return jpeg.encode({ data, width: w, height: h }, 100).data;
}

export function writeFolder(root: string, files: readonly FixtureFile[]): string {
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.data);
  }
  return root;
}

export async function tarBytes(files: readonly FixtureFile[]): Promise<Uint8Array> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const f of files) pack.entry({ name: f.path }, Buffer.from(f.data));
  pack.finalize();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

export async function tarGzBytes(files: readonly FixtureFile[]): Promise<Uint8Array> {
  return new Uint8Array(gzipSync(await tarBytes(files)));
}

/**
 * A CIFAR-10 binary batch of `count` records. Record i has label labelOf(i) and channel c of pixel p equal
 * to valueOf(i, p, c), stored the release's way: all red values, then green, then blue.
 */
export function cifarBatch(count: number, labelOf: (i: number) => number,
  valueOf: (i: number, p: number, c: number) => number): Uint8Array {
  const out = new Uint8Array(count * 3073);
  for (let i = 0; i < count; i++) {
    out[i * 3073] = labelOf(i);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) out[i * 3073 + 1 + c * 1024 + p] = valueOf(i, p, c);
  }
  return out;
}
