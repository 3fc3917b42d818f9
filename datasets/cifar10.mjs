// CIFAR-10's official binary release (cifar-10-binary.tar.gz, https://www.cs.toronto.edu/~kriz/cifar.html):
// data_batch_1..5.bin (10,000 records each) and test_batch.bin. A record is 1 label byte then 3,072 pixel bytes:
// the 1,024 red values, then green, then blue, each 32x32 row-major (CHW). The web format is HWC, so every
// record is interleaved on the way in.
import { basename } from 'node:path';

/** The canonical CIFAR-10 label order (0..9), as in the release's batches.meta.txt. */
export const CIFAR10_CLASSES = Object.freeze([
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
]);
export const CIFAR10_SHAPE = Object.freeze([32, 32, 3]);
const SIDE = 32;
const PLANE = SIDE * SIDE;
const PIXELS = PLANE * 3;
const RECORD = 1 + PIXELS;
const TRAIN_BATCHES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
const TEST_BATCH = 'test_batch.bin';

/**
 * Parses one binary batch into HWC images and labels.
 * @param {Uint8Array} bytes @param {string} [name] for error messages
 * @returns {{ images: Uint8Array, labels: Uint8Array }}
 */
export function parseCifarBatch(bytes, name = 'CIFAR-10 batch') {
  if (bytes.length === 0) throw new Error(`${name}: empty file`);
  if (bytes.length % RECORD !== 0) {
    const whole = Math.floor(bytes.length / RECORD);
    throw new Error(
      `${name}: ${bytes.length} bytes is not a whole number of ${RECORD}-byte records ` +
        `(${whole} records and ${bytes.length - whole * RECORD} bytes left over: truncated or not a CIFAR-10 binary batch)`,
    );
  }
  const count = bytes.length / RECORD;
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * PIXELS);
  for (let i = 0; i < count; i++) {
    const at = i * RECORD;
    const label = /** @type {number} */ (bytes[at]);
    if (label >= CIFAR10_CLASSES.length) {
      throw new Error(`${name}: record ${i} has label ${label}, not below 10 (corrupt, or not a CIFAR-10 binary batch)`);
    }
    labels[i] = label;
    chwToHwc(bytes, at + 1, images, i * PIXELS);
  }
  return { images, labels };
}

/** One record's R plane, G plane, B plane -> pixels R,G,B, R,G,B, ... @param {Uint8Array} src @param {number} from @param {Uint8Array} dst @param {number} to */
function chwToHwc(src, from, dst, to) {
  for (let p = 0; p < PLANE; p++) {
    const o = to + p * 3;
    dst[o] = /** @type {number} */ (src[from + p]);
    dst[o + 1] = /** @type {number} */ (src[from + PLANE + p]);
    dst[o + 2] = /** @type {number} */ (src[from + 2 * PLANE + p]);
  }
}

/**
 * Whether a list of entries looks like the binary release (it has test_batch.bin somewhere).
 * @param {{ path: string }[]} entries
 */
export function isCifarBinary(entries) {
  return entries.some((e) => basename(e.path) === TEST_BATCH);
}

/**
 * The train and test splits from the release's files, found by name anywhere in the entries (the archive
 * nests them in cifar-10-batches-bin/). All six batches must be there.
 * @param {{ path: string, data: Uint8Array }[]} entries
 */
export function readCifarBinary(entries) {
  const byName = new Map(entries.map((e) => [basename(e.path), e]));
  const missing = [...TRAIN_BATCHES, TEST_BATCH].filter((n) => !byName.has(n));
  if (missing.length > 0) throw new Error(`CIFAR-10 binary release is incomplete: missing ${missing.join(', ')}`);
  /** @param {string[]} names */
  const read = (names) => concatSplits(names.map((n) => {
    const e = /** @type {{ path: string, data: Uint8Array }} */ (byName.get(n));
    return parseCifarBatch(e.data, e.path);
  }));
  return { train: read(TRAIN_BATCHES), test: read([TEST_BATCH]) };
}

/** @param {{ images: Uint8Array, labels: Uint8Array }[]} parts */
export function concatSplits(parts) {
  const count = parts.reduce((s, p) => s + p.labels.length, 0);
  const size = parts.reduce((s, p) => s + p.images.length, 0);
  const labels = new Uint8Array(count);
  const images = new Uint8Array(size);
  let li = 0;
  let ii = 0;
  for (const p of parts) {
    labels.set(p.labels, li);
    images.set(p.images, ii);
    li += p.labels.length;
    ii += p.images.length;
  }
  return { labels, images };
}
