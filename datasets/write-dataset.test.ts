import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeShard, loadDataset } from '../src/data/loader';
import { findUpToDate, shardFileName, writeDataset } from './write-dataset.mjs';

const root = mkdtempSync(join(tmpdir(), 'cnnp-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `d${dirs++}`);

// 2x3x1 images, 4 classes: example i has label i % 4 and every pixel equal to (7 * i) % 256.
const SHAPE = [2, 3, 1];
const EXAMPLE = 6;
function split(count: number, first = 0) {
  return {
    labels: new Uint8Array(count).map((_, i) => (first + i) % 4),
    images: new Uint8Array(count * EXAMPLE).map((_, j) => (7 * (first + Math.floor(j / EXAMPLE))) % 256),
  };
}
const META = { id: 'tiny', name: 'Tiny', inputShape: SHAPE, classNames: ['a', 'b', 'c', 'd'], source: { builder: 1, input: 'x' } };

/** fetch served from a folder on disk, as a static server would. */
function diskFetch(dir: string): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const file = String(input).replace(/^\/data\//, '');
    try {
      return new Response(readFileSync(join(dir, file)));
    } catch {
      return new Response('', { status: 404 });
    }
  }) as typeof fetch;
}

describe('writeDataset', () => {
  it('writes meta.json and shards of at most shardSize examples', async () => {
    const dir = freshDir();
    const { meta, files } = await writeDataset(dir, META, { train: split(25), test: split(7, 100) }, 10);
    expect(meta).toMatchObject({ format: 'cnnp-dataset', version: 1, id: 'tiny', source: META.source });
    const size = (file: string) => readFileSync(join(dir, file)).length;
    expect(meta.train).toEqual({
      count: 25,
      shards: [
        { file: 'train-00.bin.gz', count: 10, bytes: size('train-00.bin.gz') },
        { file: 'train-01.bin.gz', count: 10, bytes: size('train-01.bin.gz') },
        { file: 'train-02.bin.gz', count: 5, bytes: size('train-02.bin.gz') },
      ],
    });
    expect(meta.test).toEqual({ count: 7, shards: [{ file: 'test-00.bin.gz', count: 7, bytes: size('test-00.bin.gz') }] });
    expect(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))).toEqual(meta);
    expect(files.map((f: { file: string }) => f.file).sort()).toEqual(readdirSync(dir).filter((n) => n.endsWith('.gz')).sort());
  });

  it('round-trips through the browser decoder and loader', async () => {
    const dir = freshDir();
    const train = split(25);
    const test = split(7, 100);
    await writeDataset(dir, META, { train, test }, 10);

    const second = decodeShard(new Uint8Array(gunzipSync(readFileSync(join(dir, 'train-01.bin.gz')))), 10, EXAMPLE);
    expect(second.labels).toEqual(train.labels.subarray(10, 20));
    expect(second.images).toEqual(train.images.subarray(10 * EXAMPLE, 20 * EXAMPLE));

    const loaded = await loadDataset({ url: '/data/' }, undefined, diskFetch(dir));
    expect(loaded.meta.inputShape).toEqual(SHAPE);
    expect(loaded.train).toEqual({ count: 25, ...train });
    expect(loaded.test).toEqual({ count: 7, ...test });
  });

  it('removes shards a previous build left behind', async () => {
    const dir = freshDir();
    await writeDataset(dir, META, { train: split(25), test: split(7) }, 5);
    expect(existsSync(join(dir, 'train-04.bin.gz'))).toBe(true);
    await writeDataset(dir, META, { train: split(25), test: split(7) }, 10);
    expect(readdirSync(dir).sort()).toEqual(['meta.json', 'test-00.bin.gz', 'train-00.bin.gz', 'train-01.bin.gz', 'train-02.bin.gz']);
  });

  it('rejects images that do not match the labels, labels beyond the classes and a bad shard size', async () => {
    const bad = { ...split(3), images: new Uint8Array(17) };
    await expect(writeDataset(freshDir(), META, { train: bad, test: split(1) })).rejects.toThrow('train: 3 labels need 18 image bytes, got 17');
    const badLabel = split(3);
    badLabel.labels[2] = 4;
    await expect(writeDataset(freshDir(), META, { train: split(1), test: badLabel })).rejects.toThrow('test: label 4 at index 2 is not below 4 classes');
    await expect(writeDataset(freshDir(), META, { train: split(1), test: split(1) }, 0)).rejects.toThrow(/shardSize/);
  });

  it('names shards with two digits', () => {
    expect(shardFileName('train', 3)).toBe('train-03.bin.gz');
    expect(shardFileName('test', 12)).toBe('test-12.bin.gz');
  });
});

describe('findUpToDate', () => {
  it('finds a build from the same source with all its shards, and nothing otherwise', async () => {
    const dir = freshDir();
    expect(await findUpToDate(dir, META.source)).toBeNull();
    await writeDataset(dir, META, { train: split(12), test: split(3) }, 10);
    expect((await findUpToDate(dir, META.source))?.id).toBe('tiny');
    expect(await findUpToDate(dir, { ...META.source, builder: 2 })).toBeNull();
    rmSync(join(dir, 'train-01.bin.gz'));
    expect(await findUpToDate(dir, META.source)).toBeNull();
  });

  it('treats an unreadable meta.json as stale', async () => {
    const dir = freshDir();
    await writeDataset(dir, META, { train: split(2), test: split(2) }, 10);
    writeFileSync(join(dir, 'meta.json'), '{ half');
    expect(await findUpToDate(dir, META.source)).toBeNull();
  });
});
