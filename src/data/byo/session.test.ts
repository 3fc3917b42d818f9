import { describe, expect, it } from 'vitest';
import type { BuiltDataset } from './build';
import type { Decoder } from './decode';
import { createByoSession } from './session';
import type { SourceFile } from './sources';

const file = (path: string): SourceFile => ({ path, blob: new Blob(['x']) });
const twoClasses = (top: string) => ['a', 'b'].flatMap((c) => [1, 2, 3, 4, 5].map((i) => file(`${top}/${c}/${i}.png`)));
const flatDecoder = (size: number, channels: 1 | 3): Decoder => ({ decode: async () => new Uint8Array(size * size * channels) });

/** A promise the test settles by hand, to make reads finish in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('ByoSession', () => {
  it('two quick drops: the later one wins even when the earlier one finishes last', async () => {
    const session = createByoSession({ createDecoder: flatDecoder, onBuilt: () => {} });
    const slow = deferred<SourceFile[]>();
    const quick = deferred<SourceFile[]>();
    const first = session.choose('big.zip', () => slow.promise);
    const second = session.choose('small', () => quick.promise);
    quick.resolve(twoClasses('small'));
    await second;
    expect(session.getState().files?.name).toBe('small');
    slow.resolve(twoClasses('big'));
    await first;
    expect(session.getState().files?.name).toBe('small');
    expect(session.getState().plan?.train.every((f) => f.path.startsWith('small/'))).toBe(true);
    expect(session.getState().status.kind).toBe('planned');
  });

  it('an earlier drop that fails late does not replace the later one with its error', async () => {
    const session = createByoSession({ createDecoder: flatDecoder, onBuilt: () => {} });
    const slow = deferred<SourceFile[]>();
    const first = session.choose('broken.zip', () => slow.promise);
    await session.choose('good', async () => twoClasses('good'));
    slow.reject(new Error('not a zip'));
    await first;
    expect(session.getState().status.kind).toBe('planned');
    expect(session.getState().files?.name).toBe('good');
  });

  it('a build under way when new files are chosen never reports its result', async () => {
    const built: string[] = [];
    const gate = deferred<void>();
    const slowDecoder = (size: number, channels: 1 | 3): Decoder => ({
      decode: async () => (await gate.promise, new Uint8Array(size * size * channels)),
    });
    const session = createByoSession({ createDecoder: slowDecoder, onBuilt: (_r: BuiltDataset, name) => built.push(name) });
    session.setSize(2);
    await session.choose('old', async () => twoClasses('old'));
    const building = session.build();
    expect(session.getState().status.kind).toBe('building');
    await session.choose('new', async () => twoClasses('new'));
    gate.resolve();
    await building;
    expect(built).toEqual([]);
    expect(session.getState().files?.name).toBe('new');
    expect(session.getState().status.kind).toBe('planned');
    await session.build();
    expect(built).toEqual(['new']);
    expect(session.getState().status.kind).toBe('built');
  });
});
