import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeShard, loadDataset, parseMeta } from './loader';

// A tiny dataset: 2x2x1 images, 3 classes; example i has label i % 3 and pixels [i, i+1, i+2, i+3] (mod 256).
const EXAMPLE = 4;
function examples(first: number, count: number) {
  const labels = new Uint8Array(count).map((_, k) => (first + k) % 3);
  const images = new Uint8Array(count * EXAMPLE).map((_, j) => (first + Math.floor(j / EXAMPLE) + (j % EXAMPLE)) % 256);
  return { labels, images };
}
function shardBytes(first: number, count: number): Uint8Array {
  const { labels, images } = examples(first, count);
  const raw = new Uint8Array(count * (1 + EXAMPLE));
  raw.set(labels);
  raw.set(images, count);
  return raw;
}

function makeMeta(overrides: Record<string, unknown> = {}) {
  return {
    format: 'cnnp-dataset',
    version: 1,
    id: 'tiny',
    name: 'Tiny',
    inputShape: [2, 2, 1],
    classNames: ['a', 'b', 'c'],
    train: { count: 7, shards: [{ file: 'train-00.bin.gz', count: 3 }, { file: 'train-01.bin.gz', count: 3 }, { file: 'train-02.bin.gz', count: 1 }] },
    test: { count: 2, shards: [{ file: 'test-00.bin.gz', count: 2 }] },
    ...overrides,
  };
}

/** A fake server: url -> body bytes; records what was requested. */
function fakeServer(files: Record<string, Uint8Array | string>) {
  const requested: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    requested.push(url);
    const body = files[url];
    if (body === undefined) return new Response('not found', { status: 404, statusText: 'Not Found' });
    return new Response(typeof body === 'string' ? body : new Uint8Array(body));
  }) as typeof fetch;
  return { fetchFn, requested };
}

function tinyFiles(gzip = true, meta: unknown = makeMeta()) {
  const enc = (b: Uint8Array) => (gzip ? new Uint8Array(gzipSync(b)) : b);
  return {
    '/d/meta.json': JSON.stringify(meta),
    '/d/train-00.bin.gz': enc(shardBytes(0, 3)),
    '/d/train-01.bin.gz': enc(shardBytes(3, 3)),
    '/d/train-02.bin.gz': enc(shardBytes(6, 1)),
    '/d/test-00.bin.gz': enc(shardBytes(100, 2)),
  };
}

describe('decodeShard', () => {
  it('splits labels from images without copying', () => {
    const raw = shardBytes(0, 3);
    const { labels, images } = decodeShard(raw, 3, EXAMPLE);
    expect([...labels]).toEqual([0, 1, 2]);
    expect([...images.subarray(4, 8)]).toEqual([1, 2, 3, 4]);
    expect(images.buffer).toBe(raw.buffer);
  });

  it('names the shard when it is truncated or too long', () => {
    expect(() => decodeShard(new Uint8Array(14), 3, EXAMPLE, 'x.bin.gz')).toThrow(/x\.bin\.gz is truncated.*need 15 bytes, got 14/);
    expect(() => decodeShard(new Uint8Array(16), 3, EXAMPLE, 'x.bin.gz')).toThrow(/too long/);
  });
});

describe('parseMeta', () => {
  it('accepts a well-formed meta and drops unknown fields such as source', () => {
    const meta = parseMeta({ ...makeMeta(), source: { builder: 1 } });
    expect(meta.inputShape).toEqual([2, 2, 1]);
    expect('source' in meta).toBe(false);
  });

  it.each([
    ['a wrong format', { format: 'other' }, /format/],
    ['a missing name', { name: undefined }, /name/],
    ['a 2-D input shape', { inputShape: [2, 2] }, /inputShape/],
    ['a zero dimension', { inputShape: [2, 0, 1] }, /inputShape/],
    ['one class', { classNames: ['a'] }, /classNames/],
    ['shard counts not adding up', { test: { count: 3, shards: [{ file: 'test-00.bin.gz', count: 2 }] } }, /add up/],
    ['a shard path leaving the folder', { test: { count: 2, shards: [{ file: '../x.gz', count: 2 }] } }, /bare file name/],
  ])('rejects %s', (_, overrides, pattern) => {
    expect(() => parseMeta(makeMeta(overrides), 'm.json')).toThrow(/Malformed dataset meta m\.json/);
    expect(() => parseMeta(makeMeta(overrides), 'm.json')).toThrow(pattern);
  });
});

describe('loadDataset', () => {
  it('loads every shard of both splits in order', async () => {
    const { fetchFn } = fakeServer(tinyFiles());
    const data = await loadDataset({ url: '/d' }, undefined, fetchFn);
    expect(data.meta.id).toBe('tiny');
    expect(data.train.count).toBe(7);
    expect(data.train).toEqual({ count: 7, ...examples(0, 7) });
    expect(data.test).toEqual({ count: 2, ...examples(100, 2) });
  });

  it('fetches only the shards a limit needs and truncates to it', async () => {
    const { fetchFn, requested } = fakeServer(tinyFiles());
    const data = await loadDataset({ url: '/d/', trainLimit: 4, testLimit: 1 }, undefined, fetchFn);
    expect(requested.sort()).toEqual(['/d/meta.json', '/d/test-00.bin.gz', '/d/train-00.bin.gz', '/d/train-01.bin.gz']);
    expect(data.train).toEqual({ count: 4, ...examples(0, 4) });
    expect(data.test).toEqual({ count: 1, ...examples(100, 1) });
  });

  it('treats a limit of 0 as an empty split and a limit above the count as all', async () => {
    const { fetchFn, requested } = fakeServer(tinyFiles());
    const data = await loadDataset({ url: '/d', trainLimit: 0, testLimit: 99 }, undefined, fetchFn);
    expect(data.train.count).toBe(0);
    expect(data.train.images.length).toBe(0);
    expect(data.test.count).toBe(2);
    expect(requested.filter((u) => u.includes('train'))).toEqual([]);
  });

  it('rejects a negative or fractional limit', async () => {
    const { fetchFn } = fakeServer(tinyFiles());
    await expect(loadDataset({ url: '/d', trainLimit: -1 }, undefined, fetchFn)).rejects.toThrow(/trainLimit/);
    await expect(loadDataset({ url: '/d', testLimit: 1.5 }, undefined, fetchFn)).rejects.toThrow(/testLimit/);
  });

  it('takes shards that arrive already inflated (served with Content-Encoding: gzip)', async () => {
    const { fetchFn } = fakeServer(tinyFiles(false));
    const data = await loadDataset({ url: '/d' }, undefined, fetchFn);
    expect(data.train).toEqual({ count: 7, ...examples(0, 7) });
  });

  it('reports progress: bytes grow and every phase is seen', async () => {
    const files = tinyFiles();
    const { fetchFn } = fakeServer(files);
    const seen: [number, string][] = [];
    await loadDataset({ url: '/d' }, (bytes, phase) => seen.push([bytes, phase]), fetchFn);
    const total = Object.values(files).reduce((s, b) => s + (typeof b === 'string' ? b.length : b.length), 0);
    expect(seen.at(-1)?.[0]).toBe(total);
    expect(seen.map(([b]) => b)).toEqual([...seen.map(([b]) => b)].sort((a, b) => a - b));
    expect(new Set(seen.map(([, p]) => p))).toEqual(new Set(['meta', 'train', 'test']));
  });

  it('reports the total to fetch when meta.json gives shard sizes, counting only the shards a limit needs', async () => {
    const files = tinyFiles();
    const sized = (name: string) => (files[`/d/${name}` as keyof typeof files] as Uint8Array).length;
    const withBytes = (split: { count: number; shards: { file: string; count: number }[] }) =>
      ({ ...split, shards: split.shards.map((sh) => ({ ...sh, bytes: sized(sh.file) })) });
    const base = makeMeta();
    const meta = JSON.stringify(makeMeta({ train: withBytes(base.train), test: withBytes(base.test) }));
    const { fetchFn } = fakeServer({ ...files, '/d/meta.json': meta });
    const seen: [number, number | undefined][] = [];
    await loadDataset({ url: '/d', trainLimit: 4 }, (bytes, _phase, total) => seen.push([bytes, total]), fetchFn);
    const expected = meta.length + sized('train-00.bin.gz') + sized('train-01.bin.gz') + sized('test-00.bin.gz');
    expect(seen.at(-1)).toEqual([expected, expected]);
    expect(seen[0]?.[1]).toBeUndefined(); // meta.json itself arrives before any total is known
  });

  it('asks for each shard by its content hash when meta.json gives one, so a rebuilt shard has a new address', async () => {
    const files = tinyFiles();
    const base = makeMeta();
    const hashed = { ...base.test, shards: [{ file: 'test-00.bin.gz', count: 2, sha: '0123456789abcdef' }] };
    const { fetchFn, requested } = fakeServer({ ...files, '/d/meta.json': JSON.stringify(makeMeta({ test: hashed })),
      '/d/test-00.bin.gz?v=0123456789abcdef': files['/d/test-00.bin.gz'] });
    const data = await loadDataset({ url: '/d', trainLimit: 3 }, undefined, fetchFn);
    expect(data.test.count).toBe(2);
    expect(requested).toContain('/d/test-00.bin.gz?v=0123456789abcdef');
    expect(requested).toContain('/d/train-00.bin.gz'); // a meta.json without hashes still loads (the dev server's)
    expect(() => parseMeta(makeMeta({ test: { ...hashed, shards: [{ ...hashed.shards[0], sha: '../x' }] } }))).toThrow('content hash');
  });

  it('names the file on an HTTP failure', async () => {
    const files: Record<string, Uint8Array | string> = tinyFiles();
    delete files['/d/train-01.bin.gz'];
    const { fetchFn } = fakeServer(files);
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow('Could not fetch /d/train-01.bin.gz: HTTP 404 Not Found');
  });

  it('names the file on a network error', async () => {
    const fetchFn = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow('Could not fetch /d/meta.json: Failed to fetch');
  });

  it('names the file when a shard decompresses to too few bytes', async () => {
    const files = { ...tinyFiles(), '/d/train-02.bin.gz': new Uint8Array(gzipSync(shardBytes(6, 1).subarray(0, 4))) };
    const { fetchFn } = fakeServer(files);
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow(/Shard \/d\/train-02\.bin\.gz is truncated/);
  });

  it('names the file when the gzip stream itself is cut off', async () => {
    const whole = new Uint8Array(gzipSync(shardBytes(0, 3)));
    const files = { ...tinyFiles(), '/d/train-00.bin.gz': whole.subarray(0, whole.length - 6) };
    const { fetchFn } = fakeServer(files);
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow(/\/d\/train-00\.bin\.gz/);
  });

  it('explains a meta.json that is an HTML page (a dev server fallback for a missing file)', async () => {
    const { fetchFn } = fakeServer({ '/d/meta.json': '<!doctype html><html></html>' });
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow(/\/d\/meta\.json: not valid JSON.*npm run data/);
  });

  it('names a shard that the server answered with an HTML page (dev server fallback)', async () => {
    const { fetchFn: inner } = fakeServer(tinyFiles());
    const fetchFn = (async (input: RequestInfo | URL) =>
      String(input).endsWith('test-00.bin.gz')
        ? new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } })
        : inner(input)) as typeof fetch;
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow(/\/d\/test-00\.bin\.gz: the server sent an HTML page/);
  });

  it('rejects malformed meta before fetching any shard', async () => {
    const { fetchFn, requested } = fakeServer(tinyFiles(true, makeMeta({ version: 2 })));
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow(/Malformed dataset meta \/d\/meta\.json: version/);
    expect(requested).toEqual(['/d/meta.json']);
  });

  it('rejects a label outside the class list', async () => {
    const bad = shardBytes(100, 2);
    bad[1] = 7;
    const { fetchFn } = fakeServer({ ...tinyFiles(), '/d/test-00.bin.gz': new Uint8Array(gzipSync(bad)) });
    await expect(loadDataset({ url: '/d' }, undefined, fetchFn)).rejects.toThrow(/label 7 at example 1 is not below 3 classes/);
  });
});
