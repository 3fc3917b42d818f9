// Property-based fuzzing of the dataset files a page loads: meta.json (any bytes, any JSON, near-valid metas)
// and its shards (right or wrong sizes, gzip or not, labels in or out of range). loadDataset either gives a
// dataset that holds together or rejects with a plain Error whose message says what was wrong: never a
// TypeError or RangeError from deep inside, never a hang.
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadDataset, parseMeta } from './loader';

const RUNS = 300;

function expectPlainError(err: unknown): void {
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).constructor, (err as Error).stack).toBe(Error);
  expect((err as Error).message.length).toBeGreaterThan(10);
}

const smallInt = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 6 }), weight: 12 },
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 1e12, Number.MAX_SAFE_INTEGER));
/** Mostly a valid value, sometimes anything: so that whole metas are often valid and every check is reached. */
const mostlyFrom = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
const shard = fc.record({ file: mostlyFrom(fc.constantFrom('s0.bin.gz', 's1.bin', 's2.bin'), fc.constantFrom('../x', 'a/b', '')), count: smallInt, bytes: fc.option(smallInt, { nil: undefined }) },
  { requiredKeys: ['file', 'count'] });
// Usually the count is the sum of the shards' counts, as a valid meta has it.
const split = fc.tuple(fc.array(shard, { maxLength: 3 }), mostlyFrom<number | null>(fc.constant(null), smallInt))
  .map(([shards, count]) => ({ count: count ?? shards.reduce((a, b) => a + b.count, 0), shards }));
const mostly = <T,>(good: T, bad: T) => mostlyFrom(fc.constant(good), fc.constant(bad));
const meta = fc.record({
  format: mostly('cnnp-dataset', 'other'),
  version: mostly(1, 2),
  id: mostly('x', ''),
  name: mostly('X', ''),
  inputShape: mostlyFrom(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 3)),
    fc.array(smallInt, { maxLength: 4 })),
  classNames: mostlyFrom<string[]>(fc.constant(['a', 'b', 'c']), fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 })),
  train: split,
  test: split,
  filter: fc.option(mostly('gradient', 'none'), { nil: undefined }),
}, { requiredKeys: ['format', 'version', 'id', 'name', 'inputShape', 'classNames', 'train', 'test'] });

/** A server holding meta.json and shards: each shard is the right size (maybe gzip), cut short, or noise. */
function serverFor(metaBytes: Uint8Array, shardKind: number, seedBytes: Uint8Array) {
  return (async (input: string | URL | Request) => {
    const url = String(input);
    if (url.endsWith('/meta.json')) return new Response(metaBytes as Uint8Array<ArrayBuffer>);
    const parsed = (() => { try { return JSON.parse(new TextDecoder().decode(metaBytes)); } catch { return null; } })();
    const shape: number[] = Array.isArray(parsed?.inputShape) ? parsed.inputShape : [1];
    const name = url.split('/').pop()!;
    const all = [...(parsed?.train?.shards ?? []), ...(parsed?.test?.shards ?? [])];
    const count = Math.min(Number(all.find((s: { file: string }) => s.file === name)?.count ?? 1), 64);
    const size = Math.min(shape.reduce((a, b) => a * b, 1), 4096);
    const body = new Uint8Array(Math.max(0, count * (1 + size)));
    // Labels first (mostly 0 or 1, so often valid), then pixels.
    body.forEach((_, i) => (body[i] = (seedBytes[i % Math.max(1, seedBytes.length)] ?? 0) % (i < count ? 3 : 256)));
    const variants = [body, gzipSync(body), body.subarray(0, body.length >> 1), seedBytes, gzipSync(body).subarray(0, 12)];
    if (shardKind === 5) return new Response('missing', { status: 404 });
    return new Response(variants[shardKind % variants.length] as Uint8Array<ArrayBuffer>);
  }) as typeof fetch;
}

const outcomes = { loaded: 0, refused: 0 };

async function expectLoadsOrExplains(fetchFn: typeof fetch, limits: { trainLimit?: number; testLimit?: number } = {}) {
  try {
    const data = await loadDataset({ url: '/data/x', ...limits }, undefined, fetchFn);
    const size = data.meta.inputShape.reduce((a, b) => a * b, 1);
    for (const s of [data.train, data.test]) {
      expect(s.labels.length).toBe(s.count);
      expect(s.images.length).toBe(s.count * size);
      expect(s.labels.every((l) => l < data.meta.classNames.length)).toBe(true);
    }
    outcomes.loaded += 1;
  } catch (err) {
    expectPlainError(err);
    outcomes.refused += 1;
    if (process.env.FUZZ_DEBUG) console.log((err as Error).message.slice(0, 150));
  }
}

describe('dataset meta and shards fuzzing', () => {
  it('found by fuzzing: a meta whose split cannot be allocated is refused by name, not by a RangeError', async () => {
    const huge = { format: 'cnnp-dataset', version: 1, id: 'x', name: 'X', inputShape: [1, 1e12, 1], classNames: ['a', 'b'],
      train: { count: 1, shards: [{ file: 's0.bin', count: 1 }] }, test: { count: 0, shards: [] } };
    expect(() => parseMeta(huge)).toThrow(/Malformed dataset meta .*a split would take more than 1024 MiB/);
    const err = await loadDataset({ url: '/x' }, undefined, serverFor(new TextEncoder().encode(JSON.stringify(huge)), 0, new Uint8Array(1)))
      .catch((e: unknown) => e);
    expectPlainError(err);
  });

  it('parseMeta: any JSON value is a meta that holds together or a plain Error', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), meta), (json) => {
      try {
        const m = parseMeta(json);
        for (const s of [m.train, m.test]) expect(s.shards.reduce((a, b) => a + b.count, 0)).toBe(s.count);
        expect(m.classNames.length).toBeGreaterThanOrEqual(2);
      } catch (err) {
        expectPlainError(err);
        expect((err as Error).message).toMatch(/^Malformed dataset meta/);
      }
    }), { numRuns: RUNS });
  });

  it('loadDataset: any bytes as meta.json', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
      await expectLoadsOrExplains(serverFor(bytes, 0, bytes));
    }), { numRuns: RUNS });
  });

  it('loadDataset: near-valid metas with shards of every kind, with and without limits', async () => {
    const kind = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 4 }, fc.nat(5));
    await fc.assert(fc.asyncProperty(meta, kind, fc.uint8Array({ maxLength: 64 }), fc.option(smallInt, { nil: undefined }),
      async (m, kind, seed, limit) => {
        const bytes = new TextEncoder().encode(JSON.stringify(m));
        await expectLoadsOrExplains(serverFor(bytes, kind, seed), { trainLimit: limit, testLimit: limit });
      }), { numRuns: RUNS });
    if (process.env.FUZZ_DEBUG) console.log(outcomes);
    // The generator reaches both ends: datasets that load and files that are refused.
    expect(outcomes.loaded).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });
});
