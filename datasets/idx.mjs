// IDX files (the original MNIST format, http://yann.lecun.com/exdb/mnist/): a big-endian header
// (0x00 0x00, a type code, the number of dimensions, then one uint32 per dimension) and the raw data.
// We only accept unsigned bytes (type 0x08): that is all MNIST-like sets use, and the web format is bytes.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const UNSIGNED_BYTE = 0x08;

/**
 * Parses an IDX buffer of unsigned bytes.
 * @param {Uint8Array} bytes the whole file
 * @param {string} [name] used in error messages
 * @returns {{ dims: number[], data: Uint8Array }} data is a view into `bytes`, no copy
 */
export function parseIdx(bytes, name = 'IDX data') {
  if (bytes.length < 4) throw new Error(`${name}: truncated IDX header (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`${name}: not an IDX file (magic starts ${hex(bytes[0])} ${hex(bytes[1])}, expected 00 00)`);
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new Error(`${name}: IDX type code ${hex(bytes[2])} is not supported (only 08, unsigned byte)`);
  }
  const ndims = /** @type {number} */ (bytes[3]);
  if (ndims < 1) throw new Error(`${name}: IDX file declares 0 dimensions`);
  const headerSize = 4 + 4 * ndims;
  if (bytes.length < headerSize) {
    throw new Error(`${name}: truncated IDX header (${bytes.length} bytes, ${ndims} dimensions need ${headerSize})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerSize;
  // Trailing bytes are as suspicious as missing ones: both mean the header does not describe the file.
  if (actual !== expected) {
    const what = actual < expected ? 'truncated' : 'has trailing bytes';
    throw new Error(`${name}: IDX data ${what}: dims [${dims.join(', ')}] need ${expected} bytes, found ${actual}`);
  }
  return { dims, data: bytes.subarray(headerSize) };
}

/**
 * Reads an IDX file of images: dims [count, rows, cols].
 * @param {string} path
 * @returns {{ count: number, rows: number, cols: number, pixels: Uint8Array }}
 */
export function readIdxImages(path) {
  const name = basename(path);
  const { dims, data } = parseIdx(readFileSync(path), name);
  if (dims.length !== 3) throw new Error(`${name}: expected 3 dimensions (count, rows, cols), found ${dims.length}`);
  const [count = 0, rows = 0, cols = 0] = dims;
  return { count, rows, cols, pixels: data };
}

/**
 * Reads an IDX file of labels: dims [count].
 * @param {string} path
 * @param {number} numClasses every label must be below this
 * @returns {{ count: number, labels: Uint8Array }}
 */
export function readIdxLabels(path, numClasses) {
  const name = basename(path);
  const { dims, data } = parseIdx(readFileSync(path), name);
  if (dims.length !== 1) throw new Error(`${name}: expected 1 dimension (count), found ${dims.length}`);
  const bad = data.findIndex((label) => label >= numClasses);
  if (bad >= 0) throw new Error(`${name}: label ${data[bad]} at index ${bad} is not below ${numClasses}`);
  return { count: dims[0] ?? 0, labels: data };
}

/**
 * Reads a matching pair of image and label files, checking that they describe the same examples.
 * @param {string} imagesPath
 * @param {string} labelsPath
 * @param {number} numClasses
 * @returns {{ count: number, rows: number, cols: number, images: Uint8Array, labels: Uint8Array }}
 */
export function readIdxPair(imagesPath, labelsPath, numClasses) {
  const { count, rows, cols, pixels } = readIdxImages(imagesPath);
  const { count: labelCount, labels } = readIdxLabels(labelsPath, numClasses);
  if (count !== labelCount) {
    throw new Error(
      `${basename(imagesPath)} has ${count} images but ${basename(labelsPath)} has ${labelCount} labels`,
    );
  }
  return { count, rows, cols, images: pixels, labels };
}

/** @param {number | undefined} byte */
function hex(byte) {
  return (byte ?? 0).toString(16).padStart(2, '0');
}
