// What a built app uses, read from the build itself: the files reachable from its entry pages by following
// every hashed asset name written in an HTML, JS or CSS file. The service worker precaches only these (not the
// benchmark's workers and chunks, which ship in the same folder), and the first-visit bench counts them.
// Also versions the built dataset files by content: each shard in a built meta.json gets the hash of its bytes,
// and the loader asks for `file?v=<hash>`, so a rebuilt dataset has new addresses that no cache holds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEXT = /\.(html|js|mjs|css|webmanifest)$/;
const NAME = /[\w.-]+\.(?:js|css|wasm|woff2?|ttf|png|svg)\b/g;

/**
 * Paths (relative to outDir, '/'-separated) of the files in `assets/` reachable from `entries`.
 * @param {string} outDir @param {string[]} entries paths relative to outDir, e.g. ['index.html']
 * @returns {Set<string>}
 */
export function reachableAssets(outDir, entries) {
  const assets = new Set(readdirSync(join(outDir, 'assets')));
  const seen = new Set();
  const queue = entries.filter((e) => existsSync(join(outDir, e)));
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.pop());
    if (!TEXT.test(file)) continue;
    for (const [name] of readFileSync(join(outDir, file), 'utf8').matchAll(NAME)) {
      const path = `assets/${name}`;
      if (!assets.has(name) || seen.has(path)) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return seen;
}

/**
 * Writes a content hash (`sha`, 16 hex digits of SHA-256) beside every shard in each built dataset's meta.json.
 * The meta.json is replaced, never written through: in a build folder it is a copy of the source's.
 * @param {string} dataDir the built `data/` folder
 * @returns {number} how many datasets were versioned
 */
export function versionDatasets(dataDir) {
  if (!existsSync(dataDir)) return 0;
  let count = 0;
  for (const id of readdirSync(dataDir)) {
    const metaPath = join(dataDir, id, 'meta.json');
    if (!existsSync(metaPath) || !statSync(join(dataDir, id)).isDirectory()) continue;
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    for (const split of [meta.train, meta.test]) {
      for (const shard of split?.shards ?? []) {
        shard.sha = createHash('sha256').update(readFileSync(join(dataDir, id, shard.file))).digest('hex').slice(0, 16);
      }
    }
    rmSync(metaPath);
    writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
    count += 1;
  }
  return count;
}
