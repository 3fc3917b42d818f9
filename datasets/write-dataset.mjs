// Writes a dataset in the web-ready format read by src/data/loader.ts (see src/data/types.ts):
// meta.json plus gzip shards, each holding `count` label bytes then count*H*W*C pixel bytes.
// Shared by every importer (MNIST now, CIFAR-10 next) so they all agree on the layout.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** @typedef {{ images: Uint8Array, labels: Uint8Array }} SplitData */
/** @typedef {{ id: string, name: string, inputShape: number[], classNames: string[], source?: unknown, filter?: 'gradient' }} DatasetInfo */
/** @typedef {{ count: number, shards: { file: string, count: number, bytes?: number }[] }} SplitMeta */
/** @typedef {DatasetInfo & { format: 'cnnp-dataset', version: 1, train: SplitMeta, test: SplitMeta }} WrittenMeta */
const SHARD_FILE = /^(train|test)-\d+\.bin\.gz$/;

/** @param {'train' | 'test'} split @param {number} index */
export function shardFileName(split, index) {
  return `${split}-${String(index).padStart(2, '0')}.bin.gz`;
}

/**
 * One shard's uncompressed bytes: labels first, then images, so a reader can split without a header.
 * @param {Uint8Array} labels @param {Uint8Array} images
 */
export function encodeShard(labels, images) {
  const out = new Uint8Array(labels.length + images.length);
  out.set(labels, 0);
  out.set(images, labels.length);
  return out;
}

/**
 * Replaces every pixel byte by its difference (mod 256) from a prediction made of its left, upper and upper-left
 * neighbours in the same channel (clamp(left + up - upLeft), zero outside the image): PNG's idea, without
 * per-row filter choice. Photos then gzip to ~55% instead of ~93% of their size (measured on CIFAR-10).
 * The loader (src/data/pixelFilter.ts) undoes it.
 * @param {Uint8Array} images count * H * W * C bytes, HWC @param {number[]} shape [H, W, C]
 */
export function gradientFilter(images, shape) {
  const [h = 0, w = 0, c = 0] = shape;
  const row = w * c;
  const size = h * row;
  const out = new Uint8Array(images.length);
  for (let base = 0; base < images.length; base += size) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < row; x++) {
        const k = base + y * row + x;
        const a = x >= c ? /** @type {number} */ (images[k - c]) : 0;
        const b = y > 0 ? /** @type {number} */ (images[k - row]) : 0;
        const d = x >= c && y > 0 ? /** @type {number} */ (images[k - row - c]) : 0;
        const p = a + b - d;
        out[k] = (/** @type {number} */ (images[k]) - (p < 0 ? 0 : p > 255 ? 255 : p)) & 255;
      }
    }
  }
  return out;
}

/**
 * Writes meta.json and the shards of both splits into outDir.
 * meta.json is removed first and written last (atomically), so an interrupted build never leaves a
 * meta.json that claims shards which are not all there.
 * @param {string} outDir
 * @param {DatasetInfo} meta
 * @param {{ train: SplitData, test: SplitData }} splits
 * @param {number} [shardSize] examples per shard
 * @returns {Promise<{ meta: WrittenMeta, files: { file: string, bytes: number }[] }>}
 */
export async function writeDataset(outDir, meta, splits, shardSize = 10_000) {
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new Error(`shardSize must be a positive integer, got ${shardSize}`);
  const exampleSize = meta.inputShape.reduce((a, b) => a * b, 1);
  for (const split of /** @type {const} */ (['train', 'test'])) {
    checkSplit(split, splits[split], exampleSize, meta.classNames.length);
  }
  await mkdir(outDir, { recursive: true });
  await rm(join(outDir, 'meta.json'), { force: true });

  const train = planShards('train', splits.train, exampleSize, shardSize);
  const test = planShards('test', splits.test, exampleSize, shardSize);
  // zlib's async gzip runs on libuv's thread pool, so the shards compress in parallel.
  const files = await Promise.all(
    [...train, ...test].map(async ({ file, labels, images }) => {
      const pixels = meta.filter === 'gradient' ? gradientFilter(images, meta.inputShape) : images;
      const bytes = await gzipAsync(encodeShard(labels, pixels));
      await writeFile(join(outDir, file), bytes);
      return { file, bytes: bytes.length };
    }),
  );
  /** @param {number} i */
  const sizeOf = (i) => /** @type {{ bytes: number }} */ (files[i]).bytes;
  /** @type {WrittenMeta} */
  const fullMeta = {
    format: 'cnnp-dataset',
    version: 1,
    ...meta,
    // `bytes` (the gzip size) lets the loader show progress against a known total.
    train: { count: splits.train.labels.length, shards: train.map(({ file, count }, i) => ({ file, count, bytes: sizeOf(i) })) },
    test: { count: splits.test.labels.length, shards: test.map(({ file, count }, i) => ({ file, count, bytes: sizeOf(train.length + i) })) },
  };
  await removeStaleShards(outDir, new Set(files.map((f) => f.file)));
  const tmp = join(outDir, 'meta.json.tmp');
  await writeFile(tmp, `${JSON.stringify(fullMeta, null, 2)}\n`);
  await rename(tmp, join(outDir, 'meta.json'));
  return { meta: fullMeta, files };
}

/**
 * The meta.json already in outDir if it was built from the same `source` stamp and all its shards
 * are present; null when the dataset must be (re)built.
 * @param {string} outDir
 * @param {unknown} source the stamp the importer would write now (inputs, builder version)
 * @returns {Promise<WrittenMeta | null>}
 */
export async function findUpToDate(outDir, source) {
  let meta;
  try {
    meta = JSON.parse(await readFile(join(outDir, 'meta.json'), 'utf8'));
  } catch {
    return null; // missing or unreadable: rebuild
  }
  if (JSON.stringify(meta?.source) !== JSON.stringify(source)) return null;
  /** @type {{ file: string }[]} */
  const shards = [...(meta.train?.shards ?? []), ...(meta.test?.shards ?? [])];
  const present = await Promise.all(shards.map((s) => stat(join(outDir, s.file)).then((st) => st.size > 0, () => false)));
  return present.every(Boolean) ? meta : null;
}

/** @param {string} name @param {SplitData} split @param {number} exampleSize @param {number} numClasses */
function checkSplit(name, split, exampleSize, numClasses) {
  const { images, labels } = split;
  if (images.length !== labels.length * exampleSize) {
    throw new Error(`${name}: ${labels.length} labels need ${labels.length * exampleSize} image bytes, got ${images.length}`);
  }
  const bad = labels.findIndex((label) => label >= numClasses);
  if (bad >= 0) throw new Error(`${name}: label ${labels[bad]} at index ${bad} is not below ${numClasses} classes`);
}

/**
 * @param {'train' | 'test'} split @param {SplitData} data @param {number} exampleSize @param {number} shardSize
 * @returns {{ file: string, count: number, labels: Uint8Array, images: Uint8Array }[]}
 */
function planShards(split, { images, labels }, exampleSize, shardSize) {
  const shards = [];
  for (let start = 0, i = 0; start < labels.length; start += shardSize, i++) {
    const end = Math.min(start + shardSize, labels.length);
    shards.push({
      file: shardFileName(split, i),
      count: end - start,
      labels: labels.subarray(start, end),
      images: images.subarray(start * exampleSize, end * exampleSize),
    });
  }
  return shards;
}

// A rebuild with a larger shard size would otherwise leave old shards behind, unreferenced.
/** @param {string} outDir @param {Set<string>} keep */
async function removeStaleShards(outDir, keep) {
  const names = await readdir(outDir);
  await Promise.all(
    names.filter((n) => SHARD_FILE.test(n) && !keep.has(n)).map((n) => rm(join(outDir, n), { force: true })),
  );
}
