// Builds public/data/cifar10/ (meta.json + gzip shards, HWC, gradient-filtered pixels) from either CIFAR-10
// layout: the official binary release (cifar-10-binary.tar.gz, or its unpacked cifar-10-batches-bin/ folder)
// or a class-per-folder image set (folder, .tar or .tar.gz of train/<class>/*, test/<class>/*).
// Usage: node datasets/build-cifar10.mjs [--source PATH] [--download] [--force]
// Without --source it takes the first of: ../shared/datasets/cifar10-images.tar.gz, .cache/cifar-10-binary.tar.gz,
// .cache/cifar-10-batches-bin/. Idempotent: a `source` stamp in meta.json skips an unchanged rebuild.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readSource } from './archive.mjs';
import { CIFAR10_CLASSES, CIFAR10_SHAPE, isCifarBinary, readCifarBinary } from './cifar10.mjs';
import { readImageFolder } from './image-folder.mjs';
import { findUpToDate, writeDataset } from './write-dataset.mjs';

// Bump when the output changes for the same inputs.
const BUILDER_VERSION = 1;
// 5,000 examples (~8 MB gzip) per shard: small enough to arrive one by one and show progress.
const SHARD_SIZE = 5_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'public', 'data', 'cifar10');
export const OFFICIAL_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
const OFFICIAL_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
const CACHE_FILE = join(ROOT, '.cache', 'cifar-10-binary.tar.gz');
export const CANDIDATES = [
  join(ROOT, '..', 'shared', 'datasets', 'cifar10-images.tar.gz'),
  CACHE_FILE,
  join(ROOT, '.cache', 'cifar-10-batches-bin'),
];

/** The first candidate source that exists, or null. @param {string[]} [candidates] */
export function findSource(candidates = CANDIDATES) {
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** @param {string} source */
function makeStamp(source) {
  const st = statSync(source);
  // A folder's own mtime changes when files are added or removed; size is meaningless for it.
  return { builder: BUILDER_VERSION, input: basename(source), size: st.isDirectory() ? 0 : st.size, mtimeMs: Math.trunc(st.mtimeMs) };
}

/**
 * Reads CIFAR-10 from `source` in whichever layout it is.
 * @param {string} source @param {{ threads?: number }} [options]
 */
export async function readCifar10(source, options = {}) {
  const entries = await readSource(source);
  if (isCifarBinary(entries)) return readCifarBinary(entries);
  const shape = /** @type {[number, number, 3]} */ ([...CIFAR10_SHAPE]);
  const data = await readImageFolder(entries, { classNames: CIFAR10_CLASSES, shape, ...options });
  return { train: data.train, test: data.test };
}

/**
 * @param {{ source?: string | null, outDir?: string, force?: boolean, threads?: number }} [options]
 */
export async function buildCifar10({ source = findSource(), outDir = DEFAULT_OUT_DIR, force = false, threads } = {}) {
  const started = performance.now();
  if (!source) {
    throw new Error(
      `no CIFAR-10 source found (looked for ${CANDIDATES.map((c) => relative(process.cwd(), c)).join(', ')}); ` +
        'pass --source PATH or --download',
    );
  }
  const stamp = makeStamp(source);
  const existing = force ? null : await findUpToDate(outDir, stamp);
  if (existing) return { built: false, outDir, meta: existing, bytes: 0, ms: performance.now() - started };
  const { train, test } = await readCifar10(source, threads === undefined ? {} : { threads });
  const meta = {
    id: 'cifar10', name: 'CIFAR-10', inputShape: [...CIFAR10_SHAPE], classNames: [...CIFAR10_CLASSES],
    filter: /** @type {const} */ ('gradient'), source: stamp,
  };
  const result = await writeDataset(outDir, meta, { train, test }, SHARD_SIZE);
  const bytes = result.files.reduce((sum, f) => sum + f.bytes, 0);
  return { built: true, outDir, meta: result.meta, bytes, ms: performance.now() - started };
}

/**
 * Fetches the official release into .cache/ (checked against its published MD5). Here, with no route to the
 * internet, it fails with a message saying what to do instead.
 * @param {typeof fetch} [fetchFn] @param {string} [dest]
 */
export async function downloadOfficial(fetchFn = fetch, dest = CACHE_FILE) {
  let bytes;
  try {
    const response = await fetchFn(OFFICIAL_URL, { signal: AbortSignal.timeout(600_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    const why = err instanceof Error ? (err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message) : String(err);
    throw new Error(
      `could not download ${OFFICIAL_URL}: ${why}. Without network access, get cifar-10-binary.tar.gz another way ` +
        'and run: node datasets/build-cifar10.mjs --source PATH',
    );
  }
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (md5 !== OFFICIAL_MD5) throw new Error(`downloaded ${OFFICIAL_URL} but its MD5 is ${md5}, expected ${OFFICIAL_MD5}: not kept`);
  await mkdir(dirname(dest), { recursive: true });
  await writeFile(`${dest}.part`, bytes);
  await rename(`${dest}.part`, dest);
  return dest;
}

/** @param {string[]} argv */
export function parseArgs(argv) {
  const at = argv.indexOf('--source');
  const source = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && (!source || source.startsWith('--'))) throw new Error('--source needs a path');
  return { source, download: argv.includes('--download'), force: argv.includes('--force') };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let source = args.source ? resolve(args.source) : findSource();
  if (args.download && !args.source) source = await downloadOfficial();
  const r = await buildCifar10({ source, force: args.force });
  const where = relative(process.cwd(), r.outDir) || '.';
  const counts = `${r.meta.train.count} train + ${r.meta.test.count} test`;
  if (r.built) {
    const mb = (r.bytes / 1e6).toFixed(1);
    console.log(`cifar10: built ${counts} from ${basename(/** @type {string} */ (source))} into ${where} (${mb} MB) in ${(r.ms / 1000).toFixed(2)} s`);
  } else {
    console.log(`cifar10: up to date in ${where} (${counts}), checked in ${Math.round(r.ms)} ms`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`cifar10: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
