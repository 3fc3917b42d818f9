// Property-based fuzzing of "bring your own images": any bytes as a .zip, mutated real zips, hostile entry
// names, and any list of paths. readZip resolves with files or rejects with a ZipError; planFolder gives a
// plan whose files are safe paths of known classes, or a PlanError. Never another throw, never a hang.
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isUnsafePath } from './paths';
import { planFolder, PlanError } from './plan';
import { readZip, ZipError, ZIP_LIMITS } from './zip';

const RUNS = 300;
const limits = { ...ZIP_LIMITS, entries: 10, entryBytes: 1 << 12, totalBytes: 1 << 14, chunkBytes: 512 };
const blobOf = (data: Uint8Array) => new Blob([data as Uint8Array<ArrayBuffer>]);

async function expectFilesOrZipError(bytes: Uint8Array): Promise<void> {
  try {
    const files = await readZip(blobOf(bytes), 'fuzz.zip', limits);
    for (const f of files) expect(f.path.endsWith('/')).toBe(false);
    expect(files.reduce((n, f) => n + f.blob.size, 0)).toBeLessThanOrEqual(limits.totalBytes);
  } catch (err) {
    expect(err, String(err)).toBeInstanceOf(ZipError);
  }
}

const segment = fc.oneof(fc.constantFrom('..', '.', '', 'train', 'test', 'cat', 'dog', '__MACOSX', '.hidden', 'C:', 'a\\b'),
  fc.string({ maxLength: 5 }));
const path = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('.png', '.jpg', '.txt', '', '/'))
  .map(([parts, ext]) => `${parts.join('/')}${ext}`);

function realZip(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const cls of ['cat', 'dog']) for (let i = 0; i < 3; i++) files[`pets/${cls}/${i}.png`] = new Uint8Array(300).fill(i * 40);
  files['pets/notes.txt'] = new TextEncoder().encode('hello');
  return zipSync(files);
}

describe('bring your own images fuzzing', () => {
  it('readZip: any bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), expectFilesOrZipError), { numRuns: RUNS });
  });

  it('readZip: a real zip with bytes changed or cut short', async () => {
    const good = realZip();
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 6 }), fc.nat(good.length),
      async (edits, cut) => {
        const bytes = good.slice(0, Math.max(cut, good.length >> 1));
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        await expectFilesOrZipError(bytes);
      }), { numRuns: RUNS });
  });

  it('readZip: zips of hostile entry names and sizes', async () => {
    const entries = fc.dictionary(path, fc.integer({ min: 0, max: 1 << 13 }).map((n) => new Uint8Array(n)), { maxKeys: 12 });
    await fc.assert(fc.asyncProperty(entries, fc.constantFrom(0, 9) as fc.Arbitrary<0 | 9>, async (files, level) => {
      await expectFilesOrZipError(zipSync(files, { level }));
    }), { numRuns: RUNS });
  });

  it('planFolder: any list of paths gives a plan of safe paths in known classes, or a PlanError', () => {
    fc.assert(fc.property(fc.array(path, { maxLength: 30 }), fc.integer(), (paths, seed) => {
      try {
        const plan = planFolder(paths, seed);
        expect(plan.classNames.length).toBeGreaterThanOrEqual(2);
        expect(plan.test.length).toBeGreaterThan(0);
        for (const f of [...plan.train, ...plan.test]) {
          expect(isUnsafePath(f.path)).toBe(false);
          expect(f.label).toBeLessThan(plan.classNames.length);
        }
        const used = plan.train.length + plan.test.length + plan.skipped.length;
        expect(used).toBeLessThanOrEqual(paths.length);
      } catch (err) {
        expect(err, String(err)).toBeInstanceOf(PlanError);
      }
    }), { numRuns: RUNS });
  });
});
