import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dataset, errorOf, harness, start } from '../train/engineHarness';
import { createDataFeed } from './dataFeed';
import { loadDataset } from './loader';
import type { LoadedDataset, Split } from './types';

// 4 train shards of 5 examples, 1 test shard of 3; 1x1x1 images whose pixel is the example's index.
const meta = {
  format: 'cnnp-dataset', version: 1, id: 'tiny', name: 'Tiny', inputShape: [1, 1, 1], classNames: ['a', 'b'],
  train: { count: 20, shards: [0, 1, 2, 3].map((i) => ({ file: `train-0${i}.bin.gz`, count: 5 })) },
  test: { count: 3, shards: [{ file: 'test-00.bin.gz', count: 3 }] },
};
const shard = (first: number, count: number) =>
  new Uint8Array(gzipSync(Uint8Array.from([...Array(count).keys()].flatMap((k) => [(first + k) % 2]).concat([...Array(count).keys()].map((k) => first + k)))));

/** A server whose files are held back until released, to play out shards arriving in any order. */
function gatedServer() {
  const files: Record<string, Uint8Array | string> = { '/t/meta.json': JSON.stringify(meta), '/t/test-00.bin.gz': shard(100, 3) };
  for (let i = 0; i < 4; i++) files[`/t/train-0${i}.bin.gz`] = shard(i * 5, 5);
  const gates = new Map<string, () => void>();
  const held = new Map<string, Promise<void>>();
  for (const url of Object.keys(files)) held.set(url, new Promise<void>((r) => gates.set(url, r)));
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url !== '/t/meta.json') await held.get(url);
    const body = files[url];
    if (body === undefined) return new Response('', { status: 404 });
    return new Response(typeof body === 'string' ? body : new Uint8Array(body));
  }) as typeof fetch;
  const release = (...names: string[]) => names.forEach((n) => gates.get(`/t/${n}`)?.());
  return { fetchFn, release, files };
}
const tick = () => new Promise((r) => setTimeout(r, 5));
/** Waits (up to 2 s) until `read` gives something. */
async function eventually<T>(read: () => T | null): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = read();
    if (value !== null) return value;
    await tick();
  }
  throw new Error('timed out waiting');
}
const pixels = (s: Split) => [...s.images];

describe('loading early', () => {
  it('resolves once the test split and enough training examples from the start are in, then grows', async () => {
    const server = gatedServer();
    let resolved: LoadedDataset | null = null;
    void loadDataset({ url: '/t' }, undefined, server.fetchFn, { startWith: 8 }).then((d) => (resolved = d));
    server.release('test-00.bin.gz', 'train-01.bin.gz', 'train-02.bin.gz');
    await new Promise((r) => setTimeout(r, 100));
    expect(resolved).toBeNull(); // shard 0 is missing: nothing from the start yet
    server.release('train-00.bin.gz');
    const early = await eventually(() => resolved);
    // Shards 0 and 1 at least (shard 2 waits for a free download slot), always a prefix in order.
    expect([10, 15]).toContain(early.train.count);
    expect(pixels(early.train)).toEqual([...Array(early.train.count).keys()]);
    expect(early.pending?.trainCount).toBe(20);
    server.release('train-03.bin.gz');
    const whole = await early.pending!.complete;
    expect(pixels(whole.train)).toEqual([...Array(20).keys()]);
    expect(early.pending!.current().count).toBe(20);
  });

  it('returns everything, with nothing pending, when it all arrives before enough is in', async () => {
    const server = gatedServer();
    server.release('test-00.bin.gz', 'train-00.bin.gz', 'train-01.bin.gz', 'train-02.bin.gz', 'train-03.bin.gz');
    const data = await loadDataset({ url: '/t', trainLimit: 12 }, undefined, server.fetchFn, { startWith: 4096 });
    expect(data.train.count).toBe(12);
    expect(data.pending).toBeUndefined();
  });

  it('lets the whole load fail when a later shard is corrupt', async () => {
    const server = gatedServer();
    server.files['/t/train-03.bin.gz'] = new Uint8Array([0x1f, 0x8b, 1, 2, 3]);
    server.release('test-00.bin.gz', 'train-00.bin.gz', 'train-01.bin.gz', 'train-02.bin.gz');
    const early = await loadDataset({ url: '/t' }, undefined, server.fetchFn, { startWith: 5 });
    server.release('train-03.bin.gz');
    await expect(early.pending!.complete).rejects.toThrow(/train-03\.bin\.gz/);
  });
});

describe('createDataFeed', () => {
  it('takes in arrivals, keeping held-out examples out of training for good', async () => {
    const server = gatedServer();
    server.release('test-00.bin.gz', 'train-00.bin.gz');
    const early = await loadDataset({ url: '/t' }, undefined, server.fetchFn, { startWith: 5 });
    const feed = createDataFeed(early, 0.25, 3);
    expect(feed.growing).toBe(true);
    const firstTrain = pixels(feed.data.train);
    const firstHeld = pixels(feed.data.validation!);
    expect(firstTrain.length + firstHeld.length).toBe(5);
    expect(feed.refresh()).toBe(false);
    server.release('train-01.bin.gz', 'train-02.bin.gz', 'train-03.bin.gz');
    await early.pending!.complete;
    // The download is over, but the feed has not taken the last shards in yet: it must still say so.
    expect(feed.growing).toBe(true);
    expect(feed.refresh()).toBe(true);
    expect(feed.growing).toBe(false);
    expect(feed.data.validation!.count).toBe(5); // a quarter of the final 20
    const held = pixels(feed.data.validation!);
    expect(held).toEqual(expect.arrayContaining(firstHeld));
    expect(pixels(feed.data.train)).toEqual(expect.arrayContaining(firstTrain));
    expect(pixels(feed.data.train).filter((p) => held.includes(p))).toEqual([]);
  });

  it('throws the load failure on the next refresh', async () => {
    const server = gatedServer();
    server.files['/t/train-01.bin.gz'] = 'not gzip at all, and too short';
    server.release('test-00.bin.gz', 'train-00.bin.gz');
    const early = await loadDataset({ url: '/t' }, undefined, server.fetchFn, { startWith: 5 });
    const feed = createDataFeed(early, 0, 1);
    server.release('train-01.bin.gz', 'train-02.bin.gz', 'train-03.bin.gz');
    await early.pending!.complete.catch(() => undefined);
    await tick();
    expect(() => feed.refresh()).toThrow(/train-01\.bin\.gz/);
  });
});

describe('the engine with data still arriving and a validation split', () => {
  it('starts on the first part, trains later epochs on more, and reports validation accuracy', async () => {
    const arriving = arrivingDataset();
    // The rest arrives while epoch 1 is being reported, so epoch 2 must take it in.
    const h = harness({ loadDataset: async () => arriving.early }, (m) => {
      if (m.type === 'epoch' && m.result.epoch === 1) arriving.arrive();
    });
    const counts = await trainCounts(h, 2);
    // 128 in the end, a quarter (32) held out: the 64 first arrivals minus their held-out share, then 96.
    expect(counts.at(-1)).toBe(96);
    expect(counts[0]).toBeLessThan(64);
    const epochs = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result] : []));
    expect(epochs).toHaveLength(2);
    for (const e of epochs) expect(e.validationAccuracy).toBeGreaterThanOrEqual(0);
  });
});

/** Runs `epochs` epochs with a quarter held out; the training counts the engine reported, in order. */
async function trainCounts(h: ReturnType<typeof harness>, epochs: number): Promise<number[]> {
  const msg = start(1, { epochs });
  if (msg.type !== 'start') throw new Error('start() made no start message');
  h.engine.handle({ ...msg, dataset: { url: '/data/quadrants/', validationFraction: 0.25 } });
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  return h.messages.flatMap((m) => (m.type === 'dataset' ? [m.trainCount] : []));
}

/** The first 64 of 128 training examples in, the rest arriving when `arrive` is called. */
function arrivingDataset() {
  let finish: (d: LoadedDataset) => void = () => undefined;
  const complete = new Promise<LoadedDataset>((r) => (finish = r));
  let current: Split = { count: 64, labels: dataset.train.labels.subarray(0, 64), images: dataset.train.images.subarray(0, 64 * 64) };
  const early: LoadedDataset = { ...dataset, train: current, pending: { trainCount: 128, current: () => current, complete } };
  return { early, arrive: () => { current = dataset.train; finish(dataset); } };
}

describe('a one-epoch run on data still arriving', () => {
  it('waits for the whole split before its last epoch: the epoch sees every training example', async () => {
    const arriving = arrivingDataset();
    // The rest lands a little after the model is built, as MNIST's last shards do on a fresh load.
    const h = harness({ loadDataset: async () => arriving.early }, (m) => {
      if (m.type === 'backend') setTimeout(arriving.arrive, 30);
    });
    const counts = await trainCounts(h, 1);
    expect(counts.at(-1)).toBe(96);
    expect(h.steps().length).toBe(Math.ceil(96 / 16));
  });
});
