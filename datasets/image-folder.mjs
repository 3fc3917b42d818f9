// The class-per-folder image layout: train/<class>/<image> and test/<class>/<image> (PNG or JPEG), possibly
// under a common top folder. The class list is either given (CIFAR-10's canonical order) or the sorted
// folder names. Examples are written in a seeded shuffled order, so the first N of a split (what a
// ?trainLimit slice loads) cover every class instead of only the first folders.
import { decodeParallel } from './decode-pool.mjs';
import { decodeImage } from './decode-image.mjs';

const IMAGE_EXT = /\.(png|jpe?g)$/i;
const SPLITS = /** @type {const} */ (['train', 'test']);

/** @typedef {{ path: string, data: Uint8Array }} Entry */
/** @typedef {{ path: string, data: Uint8Array, label: number }} LabelledEntry */

/** Files an archive tool or OS adds on its own: never part of a dataset, never worth a warning. @param {string[]} parts */
function isJunk(parts) {
  return parts.some((p) => p.startsWith('.') || p === '__MACOSX' || p === 'Thumbs.db' || p === 'desktop.ini');
}

/**
 * Sorts entries into splits and classes (no decoding).
 * @param {Entry[]} entries
 * @param {{ classNames?: readonly string[] }} [options]
 * @returns {{ classNames: string[], train: LabelledEntry[], test: LabelledEntry[], skipped: string[] }}
 */
export function planImageFolder(entries, { classNames } = {}) {
  /** @type {Record<'train' | 'test', { path: string, data: Uint8Array, cls: string }[]>} */
  const found = { train: [], test: [] };
  /** @type {string[]} */
  const skipped = [];
  for (const e of entries) {
    const parts = e.path.split('/').filter((p) => p !== '');
    if (isJunk(parts)) continue;
    const k = parts.length - 3;
    const split = parts[k];
    if (k < 0 || (split !== 'train' && split !== 'test') || !IMAGE_EXT.test(e.path)) {
      skipped.push(e.path);
      continue;
    }
    found[split].push({ path: e.path, data: e.data, cls: /** @type {string} */ (parts[k + 1]) });
  }
  if (found.train.length === 0) {
    throw new Error('no training images found: expected train/<class>/<image>.png|jpg (and test/<class>/...)');
  }
  if (found.test.length === 0) throw new Error('no test images found: expected test/<class>/<image>.png|jpg');
  const trainClasses = [...new Set(found.train.map((f) => f.cls))].sort();
  const names = classNames ? [...classNames] : trainClasses;
  const index = new Map(names.map((n, i) => [n, i]));
  for (const split of SPLITS) {
    const unknown = [...new Set(found[split].map((f) => f.cls))].filter((c) => !index.has(c));
    if (unknown.length > 0) {
      const expected = classNames ? `expected only ${names.join(', ')}` : 'every test class needs training images';
      throw new Error(`${split}/ has class folders ${unknown.join(', ')} that are not classes of this dataset (${expected})`);
    }
  }
  const empty = names.filter((n) => !trainClasses.includes(n));
  if (empty.length > 0) throw new Error(`no training images for class ${empty.join(', ')}`);
  if (names.length < 2) throw new Error(`a classifier needs at least 2 classes, found ${names.length} (${names.join(', ')})`);
  /** @param {'train' | 'test'} split */
  const label = (split) => found[split]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({ path: f.path, data: f.data, label: /** @type {number} */ (index.get(f.cls)) }));
  return { classNames: names, train: label('train'), test: label('test'), skipped };
}

/**
 * Decodes a class-per-folder dataset. Every image must decode and have the same size; otherwise the error
 * names the files (up to five) and how many failed.
 * @param {Entry[]} entries
 * @param {{ classNames?: readonly string[], shape?: [number, number, 1 | 3], channels?: 1 | 3, seed?: number, threads?: number }} [options]
 *   shape: required size (else the first training image's size); channels: when no shape is given (default 3)
 */
export async function readImageFolder(entries, options = {}) {
  const plan = planImageFolder(entries, options);
  const shape = options.shape ?? firstShape(/** @type {LabelledEntry} */ (plan.train[0]), options.channels ?? 3);
  const seed = options.seed ?? 1;
  const ordered = { train: shuffle(plan.train, seed), test: shuffle(plan.test, seed + 1) };
  const threads = options.threads === undefined ? {} : { threads: options.threads };
  const decoded = await decodeParallel([...ordered.train, ...ordered.test], shape, threads);
  if (decoded.errors.length > 0) {
    const list = decoded.errors.slice(0, 5).join('; ');
    const more = decoded.errors.length > 5 ? `; and ${decoded.errors.length - 5} more` : '';
    throw new Error(`${decoded.errors.length} image(s) could not be read: ${list}${more}`);
  }
  const size = shape[0] * shape[1] * shape[2];
  const cut = ordered.train.length * size;
  return {
    classNames: plan.classNames,
    inputShape: shape,
    skipped: plan.skipped,
    train: { images: decoded.pixels.subarray(0, cut), labels: Uint8Array.from(ordered.train, (e) => e.label) },
    test: { images: decoded.pixels.subarray(cut), labels: Uint8Array.from(ordered.test, (e) => e.label) },
  };
}

/** @param {LabelledEntry} first @param {1 | 3} channels @returns {[number, number, 1 | 3]} */
function firstShape(first, channels) {
  try {
    const img = decodeImage(first.data, channels);
    return [img.height, img.width, channels];
  } catch (err) {
    throw new Error(`${first.path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A seeded Fisher-Yates shuffle (Mulberry32, as in src/data/batches.ts). @template T @param {T[]} items @param {number} seed
 * @returns {T[]}
 */
export function shuffle(items, seed) {
  const out = items.slice();
  let state = seed | 0;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = /** @type {T} */ (out[i]);
    out[i] = /** @type {T} */ (out[j]);
    out[j] = tmp;
  }
  return out;
}
