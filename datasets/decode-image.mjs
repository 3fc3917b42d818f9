// Decodes one PNG or JPEG (told apart by magic bytes, not by name) into 8-bit pixels with 1 (grey) or 3 (RGB)
// channels, HWC. Pure JS decoders (jpeg-js, pngjs), so it runs the same in the main thread and in workers.
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';

/** @typedef {{ width: number, height: number, pixels: Uint8Array }} DecodedImage */

/** @param {Uint8Array} bytes */
export function imageKind(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return null;
}

/**
 * @param {Uint8Array} bytes the file
 * @param {1 | 3} channels wanted: 1 averages to luma, 3 expands grey to RGB
 * @returns {DecodedImage}
 * @throws {Error} with a short reason (the caller adds the file name)
 */
export function decodeImage(bytes, channels) {
  const kind = imageKind(bytes);
  if (kind === null) throw new Error('not a PNG or JPEG file');
  let img;
  try {
    img = kind === 'jpeg'
      ? jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 256 })
      : decodePng(bytes);
  } catch (err) {
    // The decoders throw TypeErrors and RangeErrors on some damaged files: one plain reason for the caller.
    throw new Error(`not a readable ${kind === 'jpeg' ? 'JPEG' : 'PNG'} file (${err instanceof Error ? err.message : String(err)})`);
  }
  if (img.width * img.height === 0) throw new Error(`has no pixels (${img.width}x${img.height})`);
  const have = kind === 'png' ? 4 : img.data.length / (img.width * img.height);
  return { width: img.width, height: img.height, pixels: convert(img.data, have, channels) };
}

/** As for JPEG (jpeg-js's maxResolutionInMP): far beyond any dataset image. */
const MAX_MEGAPIXELS = 50;

/**
 * pngjs allocates what the header asks for before it reads a pixel: a 60000x60000 header crashed the process
 * (found by fuzzing). The size is checked first. @param {Uint8Array} bytes
 */
function decodePng(bytes) {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('no PNG header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16, false);
  const height = view.getUint32(20, false);
  if (width * height > MAX_MEGAPIXELS * 2 ** 20) throw new Error(`${width}x${height} is more than ${MAX_MEGAPIXELS} megapixels`);
  // Deflate packs at most 1032 bytes into one, and every row holds at least a filter byte and width/8 bytes
  // (1-bit grey): compressed data too short for the stated size cannot be this image. Refused before pngjs
  // allocates the whole image (a few hundred bytes claiming 7000x7000 made fuzzing run out of memory).
  const least = height * (1 + Math.ceil(width / 8));
  if (idatBytes(view) * 1032 < least) throw new Error(`${width}x${height} pixels cannot fit in its ${idatBytes(view)} bytes of image data`);
  return pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The total length of a PNG's IDAT chunks (the compressed pixels), reading chunk headers only. @param {DataView} view */
function idatBytes(view) {
  let total = 0;
  for (let at = 8; at + 8 <= view.byteLength;) {
    const length = view.getUint32(at, false);
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    if (type === 'IDAT') total += Math.min(length, view.byteLength - at - 8);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return total;
}

/** @param {Uint8Array} data @param {number} have channels in data (1, 3 or 4) @param {1 | 3} want */
function convert(data, have, want) {
  if (have === want) return data;
  if (have !== 1 && have !== 3 && have !== 4) throw new Error(`unsupported ${have}-channel image`);
  const n = data.length / have;
  const out = new Uint8Array(n * want);
  for (let i = 0; i < n; i++) {
    const s = i * have;
    if (want === 1) {
      // ITU-R BT.601 luma: the usual weighting for turning colour photos grey.
      out[i] = Math.round(0.299 * /** @type {number} */ (data[s]) + 0.587 * /** @type {number} */ (data[s + 1]) + 0.114 * /** @type {number} */ (data[s + 2]));
    } else if (have === 1) {
      out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = /** @type {number} */ (data[s]);
    } else {
      out[i * 3] = /** @type {number} */ (data[s]);
      out[i * 3 + 1] = /** @type {number} */ (data[s + 1]);
      out[i * 3 + 2] = /** @type {number} */ (data[s + 2]);
    }
  }
  return out;
}

/**
 * Decodes many images into one buffer of `count * size` bytes, all of the given shape.
 * @param {{ path: string, data: Uint8Array }[]} files
 * @param {[number, number, 1 | 3]} shape [height, width, channels]
 * @returns {{ pixels: Uint8Array, errors: string[] }} errors: 'path: reason' for each file that failed
 */
export function decodeAll(files, shape) {
  const [h, w, c] = shape;
  const size = h * w * c;
  const pixels = new Uint8Array(files.length * size);
  /** @type {string[]} */
  const errors = [];
  files.forEach((file, i) => {
    try {
      const img = decodeImage(file.data, c);
      if (img.width !== w || img.height !== h) throw new Error(`is ${img.width}x${img.height}, expected ${w}x${h} like the others`);
      pixels.set(img.pixels, i * size);
    } catch (err) {
      errors.push(`${file.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { pixels, errors };
}
