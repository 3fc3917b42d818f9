import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIdx, readIdxImages, readIdxLabels, readIdxPair } from './idx.mjs';

const dir = mkdtempSync(join(tmpdir(), 'cnnp-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An IDX file of unsigned bytes with the given dims and data (data defaults to 0, 1, 2, ...). */
function idxBytes(dims: number[], data?: Uint8Array, typeCode = 0x08): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  const body = data ?? new Uint8Array(size).map((_, i) => i % 10);
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  out[2] = typeCode;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

function writeIdx(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('parseIdx', () => {
  it('reads big-endian dims and returns the data as a view', () => {
    const bytes = idxBytes([2, 3, 4]);
    const { dims, data } = parseIdx(bytes);
    expect(dims).toEqual([2, 3, 4]);
    expect(data.length).toBe(24);
    expect(data[23]).toBe(3);
    expect(data.buffer).toBe(bytes.buffer);
  });

  it('reads dims above 65535 (all four header bytes count)', () => {
    expect(parseIdx(idxBytes([70_000])).dims).toEqual([70_000]);
  });

  it.each([
    ['a bad magic', () => Object.assign(idxBytes([3]), { 0: 0x1f }), /not an IDX file \(magic starts 1f 00/],
    ['a non-byte type code', () => idxBytes([3], new Uint8Array(3), 0x0d), /type code 0d is not supported/],
    ['zero dimensions', () => idxBytes([]), /0 dimensions/],
    ['a header cut short', () => idxBytes([3, 2]).subarray(0, 9), /truncated IDX header/],
    ['fewer than 4 bytes', () => new Uint8Array([0, 0]), /truncated IDX header \(2 bytes\)/],
    ['truncated data', () => idxBytes([3, 2]).subarray(0, 15), /data truncated: dims \[3, 2\] need 6 bytes, found 3/],
    ['trailing bytes', () => new Uint8Array([...idxBytes([2]), 9]), /trailing bytes/],
  ])('rejects %s, naming the file', (_, make, pattern) => {
    expect(() => parseIdx(make(), 'x-idx')).toThrow(/^x-idx: /);
    expect(() => parseIdx(make(), 'x-idx')).toThrow(pattern);
  });
});

describe('reading IDX files', () => {
  it('reads a matching image and label pair', () => {
    const images = writeIdx('ok-images', idxBytes([5, 2, 3]));
    const labels = writeIdx('ok-labels', idxBytes([5], new Uint8Array([9, 0, 4, 1, 9])));
    const pair = readIdxPair(images, labels, 10);
    expect(pair).toMatchObject({ count: 5, rows: 2, cols: 3 });
    expect([...pair.labels]).toEqual([9, 0, 4, 1, 9]);
    expect(pair.images.length).toBe(30);
  });

  it('rejects a count mismatch between images and labels', () => {
    const images = writeIdx('m-images', idxBytes([5, 2, 3]));
    const labels = writeIdx('m-labels', idxBytes([4]));
    expect(() => readIdxPair(images, labels, 10)).toThrow('m-images has 5 images but m-labels has 4 labels');
  });

  it('rejects files of the wrong rank', () => {
    const labels = writeIdx('r-labels', idxBytes([4]));
    const images = writeIdx('r-images', idxBytes([4, 2, 2]));
    expect(() => readIdxImages(labels)).toThrow('r-labels: expected 3 dimensions (count, rows, cols), found 1');
    expect(() => readIdxLabels(images, 10)).toThrow('r-images: expected 1 dimension (count), found 3');
  });

  it('rejects a label outside the class range', () => {
    const labels = writeIdx('big-labels', idxBytes([3], new Uint8Array([1, 12, 3])));
    expect(() => readIdxLabels(labels, 10)).toThrow('big-labels: label 12 at index 1 is not below 10');
  });

  it('names the file of a truncated download', () => {
    const whole = idxBytes([10, 4, 4]);
    const images = writeIdx('cut-images', whole.subarray(0, whole.length - 7));
    expect(() => readIdxImages(images)).toThrow(/^cut-images: IDX data truncated/);
  });
});
