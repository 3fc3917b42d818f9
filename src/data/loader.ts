// Loads a web-ready dataset folder (meta.json + gzip shards, written by datasets/write-dataset.mjs).
// Plain fetch + DecompressionStream, so the same code runs on the page, in a Web Worker and in Node 20 tests.
import { z } from 'zod';
import type { DatasetMeta, LoadedDataset, Split, SplitMeta } from './types';

export interface DatasetRef {
  /** The dataset folder, e.g. '/data/mnist' (a trailing slash is fine). */
  readonly url: string;
  /** Load at most this many training examples (fetching only the shards that hold them). */
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

/** What a progress report is about: bytes are counted across all phases, as they arrive. */
export type LoadPhase = 'meta' | 'train' | 'test';
export type LoadProgress = (loadedBytes: number, phase: LoadPhase) => void;

const positiveInt = z.number().int().positive();
// A shard name is a bare file name: no folders, no '..', so meta.json cannot point outside its folder.
const shardSchema = z.object({ file: z.string().regex(/^[\w-][\w.-]*$/, 'must be a bare file name'), count: positiveInt });
const splitSchema = z
  .object({ count: z.number().int().nonnegative(), shards: z.array(shardSchema) })
  .refine((s) => s.shards.reduce((sum, shard) => sum + shard.count, 0) === s.count, {
    message: 'shard counts must add up to count',
  });
const metaSchema = z.object({
  format: z.literal('cnnp-dataset'),
  version: z.literal(1),
  id: z.string().min(1),
  name: z.string().min(1),
  inputShape: z.tuple([positiveInt, positiveInt, positiveInt]),
  // Labels are stored as single bytes.
  classNames: z.array(z.string()).min(2).max(256),
  train: splitSchema,
  test: splitSchema,
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
): Promise<LoadedDataset> {
  const base = ref.url.replace(/\/+$/, '');
  let loaded = 0;
  const report = (phase: LoadPhase) => (chunkBytes: number) => {
    loaded += chunkBytes;
    onProgress?.(loaded, phase);
  };
  const metaUrl = `${base}/meta.json`;
  const meta = parseMeta(parseJson(await fetchBytes(fetchFn, metaUrl, report('meta')), metaUrl), metaUrl);
  const exampleSize = meta.inputShape.reduce((a, b) => a * b, 1);
  const load = (phase: 'train' | 'test', limit: number | undefined) => {
    const count = resolveLimit(meta[phase], limit, `${phase}Limit`);
    return loadSplit({ fetchFn, base, split: meta[phase], count, exampleSize, meta, onChunk: report(phase) });
  };
  const [train, test] = await Promise.all([load('train', ref.trainLimit), load('test', ref.testLimit)]);
  return { meta, train, test };
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

/** Fetches the first shards that hold `count` examples; each is copied into place as soon as it arrives. */
async function loadSplit(job: SplitJob): Promise<Split> {
  const { count, exampleSize } = job;
  const labels = new Uint8Array(count);
  const images = new Uint8Array(count * exampleSize);
  const pending: Promise<void>[] = [];
  for (let i = 0, offset = 0; offset < count; i++) {
    const shard = job.split.shards[i];
    if (!shard) break; // unreachable: parseMeta checked that the shard counts add up
    const take = Math.min(shard.count, count - offset);
    const at = offset;
    pending.push(
      fetchShard(job, shard.file, shard.count).then((decoded) => {
        labels.set(decoded.labels.subarray(0, take), at);
        images.set(decoded.images.subarray(0, take * exampleSize), at * exampleSize);
      }),
    );
    offset += take;
  }
  await Promise.all(pending);
  checkLabels(labels, job.meta);
  return { count, labels, images };
}

async function fetchShard(job: SplitJob, file: string, count: number) {
  const url = `${job.base}/${file}`;
  const raw = await fetchBytes(job.fetchFn, url, job.onChunk);
  const expected = count * (1 + job.exampleSize);
  // A server may send the .gz with Content-Encoding: gzip, and then fetch has already inflated it.
  // The length test keeps a raw shard whose first label happens to be 0x1f from being taken for gzip.
  const isGzip = raw.length !== expected && raw[0] === 0x1f && raw[1] === 0x8b;
  const bytes = isGzip ? await gunzip(raw, url) : raw;
  return decodeShard(bytes, count, job.exampleSize, url);
}

function checkLabels(labels: Uint8Array, meta: DatasetMeta): void {
  const numClasses = meta.classNames.length;
  const bad = labels.findIndex((label) => label >= numClasses);
  if (bad >= 0) {
    throw new Error(`Dataset ${meta.id}: label ${labels[bad]} at example ${bad} is not below ${numClasses} classes`);
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
