// Loads a web-ready dataset folder (meta.json + gzip shards, written by datasets/write-dataset.mjs).
// Plain fetch + DecompressionStream, so the same code runs on the page, in a Web Worker and in Node 20 tests.
import { z } from 'zod';
import '../model/zodConfig';
import { limiter } from './limiter';
import { unfilterGradient } from './pixelFilter';
import type { DatasetMeta, DatasetRef, LoadedDataset, Split, SplitMeta } from './types';
import { generateDataset } from './generated';

export type { DatasetRef } from './types';

/** What a progress report is about: bytes are counted across all phases, as they arrive. */
export type LoadPhase = 'meta' | 'train' | 'test';
/** `totalBytes`: what the whole load will fetch, once meta.json is in and names its shards' sizes. */
export type LoadProgress = (loadedBytes: number, phase: LoadPhase, totalBytes?: number) => void;

export interface LoadOptions {
  /**
   * Resolve as soon as the test split and this many training examples (from the start) are in, so training
   * can begin while the rest streams in; LoadedDataset.pending then says how it arrives.
   */
  readonly startWith?: number;
}

const positiveInt = z.number().int().positive();
// A shard name is a bare file name: no folders, no '..', so meta.json cannot point outside its folder.
const shardSchema = z.object({
  file: z.string().regex(/^[\w-][\w.-]*$/, 'must be a bare file name'),
  count: positiveInt,
  bytes: z.number().int().nonnegative().optional(),
  // The shard's content hash, written by the build (scripts/app-files.mjs): its address carries it.
  sha: z.string().regex(/^[0-9a-f]{8,64}$/, 'must be a hex content hash').optional(),
});
const splitSchema = z
  .object({ count: z.number().int().nonnegative(), shards: z.array(shardSchema) })
  .refine((s) => s.shards.reduce((sum, shard) => sum + shard.count, 0) === s.count, {
    message: 'shard counts must add up to count',
  });
/** The most a split may hold in memory: a meta asking for more is refused before anything is allocated. */
export const MAX_SPLIT_BYTES = 2 ** 30;
const side = positiveInt.max(4096);
const metaSchema = z.object({
  format: z.literal('cnnp-dataset'),
  version: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1),
  inputShape: z.tuple([side, side, positiveInt.max(4)]),
  // Labels are stored as single bytes.
  classNames: z.array(z.string()).min(2).max(256),
  train: splitSchema,
  test: splitSchema,
  // Set when the shards' pixels were stored as differences from a neighbour prediction (smaller gzip).
  filter: z.literal('gradient').optional(),
}).refine((m) => [m.train, m.test].every((s) => s.count * (1 + m.inputShape[0] * m.inputShape[1] * m.inputShape[2]) <= MAX_SPLIT_BYTES), {
  // Found by fuzzing: an inputShape of [1, 1e12, 1] reached `new Uint8Array` and threw a RangeError.
  message: `a split would take more than ${MAX_SPLIT_BYTES / 2 ** 20} MiB`,
});

/** Checks a parsed meta.json; throws an Error naming `source` and every problem found. */
export function parseMeta(json: unknown, source = 'meta.json'): DatasetMeta {
  const result = metaSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`Malformed dataset meta ${source}: ${problems.join('; ')}`);
}

/**
 * Splits one decompressed shard into its labels and images (views into `bytes`, no copy).
 * Throws when the length does not match `count` examples of `exampleSize` bytes plus one label byte each.
 */
export function decodeShard(
  bytes: Uint8Array,
  count: number,
  exampleSize: number,
  name = 'shard',
): { labels: Uint8Array; images: Uint8Array } {
  const expected = count * (1 + exampleSize);
  if (bytes.length !== expected) {
    const why = bytes.length < expected ? 'truncated' : 'too long';
    throw new Error(
      `Shard ${name} is ${why}: ${count} examples of ${exampleSize} bytes need ${expected} bytes, got ${bytes.length}`,
    );
  }
  return { labels: bytes.subarray(0, count), images: bytes.subarray(count, expected) };
}

export async function loadDataset(
  ref: DatasetRef,
  onProgress?: LoadProgress,
  fetchFn: typeof fetch = fetch,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  if (ref.kind === 'inline') return ref.data; // made in the page: already decoded
  if (ref.kind === 'generated') {
    const loadDigits = (url: string, limits: { train: number; test: number }) =>
      loadDataset({ url, trainLimit: limits.train, testLimit: limits.test }, undefined, fetchFn);
    return generateDataset(ref, (done, all) => onProgress?.(done, 'train', all), loadDigits);
  }
  const base = ref.url.replace(/\/+$/, '');
  let loaded = 0;
  let total: number | undefined;
  const report = (phase: LoadPhase) => (chunkBytes: number) => {
    loaded += chunkBytes;
    onProgress?.(loaded, phase, total);
  };
  const metaUrl = `${base}/meta.json`;
  const meta = parseMeta(parseJson(await fetchBytes(fetchFn, metaUrl, report('meta')), metaUrl), metaUrl);
  const exampleSize = meta.inputShape.reduce((a, b) => a * b, 1);
  const counts = { train: resolveLimit(meta.train, ref.trainLimit, 'trainLimit'), test: resolveLimit(meta.test, ref.testLimit, 'testLimit') };
  const shardBytes = [...shardsFor(meta.train, counts.train), ...shardsFor(meta.test, counts.test)].map((sh) => sh.bytes);
  if (shardBytes.every((b) => b !== undefined)) total = loaded + shardBytes.reduce((a: number, b) => a + (b ?? 0), 0);
  const job = (phase: 'train' | 'test'): SplitJob =>
    ({ fetchFn, base, split: meta[phase], count: counts[phase], exampleSize, meta, onChunk: report(phase) });
  if (options.startWith === undefined) {
    const [train, test] = await Promise.all([loadSplit(job('train')), loadSplit(job('test'))]);
    return { meta, train, test };
  }
  return loadEarly(meta, job('train'), loadSplit(job('test')), Math.min(options.startWith, counts.train));
}

/**
 * Resolves once the test split and the first `enough` training examples are in, with `pending` telling how
 * the rest arrives; or with everything, when it all came in first.
 */
function loadEarly(meta: DatasetMeta, trainJob: SplitJob, testLoad: Promise<Split>, enough: number): Promise<LoadedDataset> {
  let current: Split = { count: 0, labels: new Uint8Array(0), images: new Uint8Array(0) };
  let trainDone = false;
  let reachedEnough: () => void = () => undefined;
  const enoughIn = new Promise<void>((resolve) => (reachedEnough = resolve));
  const trainLoad = loadSplit(trainJob, (arrived) => {
    current = arrived;
    if (arrived.count === trainJob.count) trainDone = true; // every shard is in and checked
    if (arrived.count >= enough) reachedEnough();
  });
  const complete = Promise.all([trainLoad, testLoad]).then(([train, test]) => ({ meta, train, test }));
  complete.catch(() => undefined); // reported to whoever awaits it (or the early promise): not unhandled
  const pending = { trainCount: trainJob.count, current: () => current, complete };
  const early = Promise.all([testLoad, enoughIn]).then(([test]): LoadedDataset =>
    (trainDone ? { meta, train: current, test } : { meta, train: current, test, pending }));
  // Whichever comes first: the early start, everything, or a failure of either.
  return Promise.race([early, complete]);
}

/** The first shards of a split that hold `count` examples: the ones a load fetches. */
function shardsFor(split: SplitMeta, count: number): SplitMeta['shards'] {
  let held = 0;
  return split.shards.filter((shard) => {
    if (held >= count) return false;
    held += shard.count;
    return true;
  });
}

function resolveLimit(split: SplitMeta, limit: number | undefined, name: string): number {
  if (limit === undefined) return split.count;
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`${name} must be a non-negative integer, got ${limit}`);
  return Math.min(limit, split.count);
}

interface SplitJob {
  readonly fetchFn: typeof fetch;
  readonly base: string;
  readonly split: SplitMeta;
  readonly count: number;
  readonly exampleSize: number;
  readonly meta: DatasetMeta;
  readonly onChunk: (bytes: number) => void;
}

/**
 * Fetches the first shards that hold `count` examples; each is copied into place as soon as it arrives and its
 * labels checked. `onPrefix` hears how many examples from the start are in (shards can land out of order).
 */
async function loadSplit(job: SplitJob, onPrefix?: (arrived: Split) => void): Promise<Split> {
  const { count, exampleSize } = job;
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * exampleSize);
  const ends: number[] = [];
  const landed: boolean[] = [];
  let prefix = 0;
  const pending: Promise<void>[] = [];
  const slot = limiter(SHARDS_AT_ONCE);
  for (let i = 0, offset = 0; offset < count; i++) {
    const shard = job.split.shards[i];
    if (!shard) break; // unreachable: parseMeta checked that the shard counts add up
    const take = Math.min(shard.count, count - offset);
    const at = offset;
    ends.push(at + take);
    pending.push(
      slot(() => fetchShard(job, shard)).then((decoded) => {
        labels.set(decoded.labels.subarray(0, take), at);
        images.set(decoded.images.subarray(0, take * exampleSize), at * exampleSize);
        checkLabels(labels.subarray(at, at + take), job.meta, at);
        landed[ends.indexOf(at + take)] = true;
        let k = 0;
        while (landed[k]) k++;
        const reached = k === 0 ? 0 : ends[k - 1]!;
        if (reached > prefix) {
          prefix = reached;
          onPrefix?.({ count: prefix, labels: labels.subarray(0, prefix), images: images.subarray(0, prefix * exampleSize) });
        }
      }),
    );
    offset += take;
  }
  await Promise.all(pending);
  return { count, labels, images };
}

// Shards of a split are fetched a few at a time, in order, so the first ones arrive first (and training can
// start on them) instead of all of them sharing the bandwidth and landing together at the end.
const SHARDS_AT_ONCE = 2;

async function fetchShard(job: SplitJob, { file, count, sha }: SplitMeta['shards'][number]) {
  // Versioned by content: a rebuilt shard has a new address, so no cache can serve the old bytes.
  const url = `${job.base}/${file}${sha === undefined ? '' : `?v=${sha}`}`;
  const raw = await fetchBytes(job.fetchFn, url, job.onChunk);
  const expected = count * (1 + job.exampleSize);
  // A server may send the .gz with Content-Encoding: gzip, and then fetch has already inflated it.
  // The length test keeps a raw shard whose first label happens to be 0x1f from being taken for gzip.
  const isGzip = raw.length !== expected && raw[0] === 0x1f && raw[1] === 0x8b;
  const bytes = isGzip ? await gunzip(raw, url) : raw;
  const decoded = decodeShard(bytes, count, job.exampleSize, url);
  if (job.meta.filter === 'gradient') unfilterGradient(decoded.images, job.meta.inputShape);
  return decoded;
}

function checkLabels(labels: Uint8Array, meta: DatasetMeta, first: number): void {
  const numClasses = meta.classNames.length;
  const bad = labels.findIndex((label) => label >= numClasses);
  if (bad >= 0) {
    throw new Error(`Dataset ${meta.id}: label ${labels[bad]} at example ${first + bad} is not below ${numClasses} classes`);
  }
}

/** Reads a response body chunk by chunk so progress can be reported while it downloads. */
async function fetchBytes(
  fetchFn: typeof fetch,
  url: string,
  onChunk: (bytes: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (err) {
    throw new Error(`Could not fetch ${url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!response.ok) throw new Error(`Could not fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  // Vite's dev server answers a missing file with index.html and status 200.
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    throw new Error(`Could not fetch ${url}: the server sent an HTML page (file missing? run \`npm run data\`)`);
  }
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onChunk(bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    onChunk(value.length);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>, url: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`Shard ${url} is not valid gzip (corrupt or truncated download?): ${why}`);
  }
}

function parseJson(bytes: Uint8Array, url: string): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    // A dev server answers a missing file with its index.html, which is the usual way to get here.
    const hint = text.trimStart().startsWith('<') ? ' (got an HTML page: is the dataset built? run `npm run data`)' : '';
    throw new Error(`Malformed dataset meta ${url}: not valid JSON${hint}`);
  }
}
