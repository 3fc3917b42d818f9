import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/data/loader';
import { readSource } from './archive.mjs';
import { buildCifar10, downloadOfficial, parseArgs, readCifar10 } from './build-cifar10.mjs';
import { CIFAR10_CLASSES, parseCifarBatch, readCifarBinary } from './cifar10.mjs';
import { cifarBatch, jpegBytes, pngBytes, tarGzBytes, writeFolder, type FixtureFile } from './fixtures';
import { planImageFolder } from './image-folder.mjs';

const root = mkdtempSync(join(tmpdir(), 'cnnp-cifar-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const fresh = () => join(root, `d${dirs++}`);

// Record i: label (i * 3) % 10; red = i, green = p % 256 (pixel index), blue = 255 - i.
const value = (i: number, p: number, c: number) => (c === 0 ? i : c === 1 ? p % 256 : 255 - i);
const label = (i: number) => (i * 3) % 10;

/** The six files of the release (2 records per training batch, 3 in the test batch), under its folder name. */
function binaryRelease(): FixtureFile[] {
  const files: FixtureFile[] = [1, 2, 3, 4, 5].map((b) => ({
    path: `cifar-10-batches-bin/data_batch_${b}.bin`,
    data: cifarBatch(2, (i) => label(i + 2 * (b - 1)), (i, p, c) => value(i + 2 * (b - 1), p, c)),
  }));
  files.push({ path: 'cifar-10-batches-bin/test_batch.bin', data: cifarBatch(3, label, (i, p, c) => value(100 + i, p, c)) });
  files.push({ path: 'cifar-10-batches-bin/batches.meta.txt', data: new TextEncoder().encode(CIFAR10_CLASSES.join('\n')) });
  return files;
}

describe('CIFAR-10 binary batches', () => {
  it('turns each record from planes (CHW) into interleaved pixels (HWC) and keeps the labels', () => {
    const { images, labels } = parseCifarBatch(cifarBatch(2, label, value));
    expect([...labels]).toEqual([0, 3]);
    expect(images.length).toBe(2 * 3072);
    // Record 1, pixel 5 (row 0, column 5): R = 1, G = 5, B = 254.
    expect([...images.subarray(3072 + 15, 3072 + 18)]).toEqual([1, 5, 254]);
    // Record 0, pixel 1023 (row 31, column 31): G = 1023 % 256.
    expect([...images.subarray(3069, 3072)]).toEqual([0, 255, 255]);
  });

  it('rejects a truncated batch, naming it and the leftover bytes', () => {
    const cut = cifarBatch(2, label, value).subarray(0, 3073 + 100);
    expect(() => parseCifarBatch(cut, 'data_batch_1.bin')).toThrow(/data_batch_1\.bin: 3173 bytes .*1 records and 100 bytes left over/);
  });

  it('rejects an empty file and a label outside 0..9', () => {
    expect(() => parseCifarBatch(new Uint8Array(0), 'x.bin')).toThrow('x.bin: empty file');
    const bad = cifarBatch(2, label, value);
    bad[3073] = 12;
    expect(() => parseCifarBatch(bad, 'x.bin')).toThrow(/record 1 has label 12/);
  });

  it('reads the release from a folder and from a .tar.gz, train batches in order', async () => {
    const folder = writeFolder(fresh(), binaryRelease());
    const archive = join(fresh() + '.tar.gz');
    writeFileSync(archive, await tarGzBytes(binaryRelease()));
    for (const source of [join(folder, 'cifar-10-batches-bin'), archive]) {
      const { train, test } = await readCifar10(source);
      expect([...train.labels]).toEqual([0, 3, 6, 9, 2, 5, 8, 1, 4, 7]);
      expect([...test.labels]).toEqual([0, 3, 6]);
      expect(train.images[7 * 3072]).toBe(7); // red of training record 7
      expect(test.images[2 * 3072 + 2]).toBe(255 - 102); // blue of test record 2
    }
  });

  it('says which batch files are missing', () => {
    const files = binaryRelease().filter((f) => !f.path.endsWith('data_batch_4.bin'));
    expect(() => readCifarBinary(files)).toThrow('CIFAR-10 binary release is incomplete: missing data_batch_4.bin');
  });

  it('rejects a corrupt or truncated archive with its name', async () => {
    const whole = await tarGzBytes(binaryRelease());
    const truncated = join(fresh() + '-cut.tar.gz');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(readCifar10(truncated)).rejects.toThrow(/-cut\.tar\.gz: not a readable gzip-compressed tar \(corrupt or truncated\?\)/);
    const junk = join(fresh() + '-junk.tar');
    writeFileSync(junk, new Uint8Array(4096).fill(65));
    await expect(readCifar10(junk)).rejects.toThrow(/-junk\.tar: not a readable tar archive/);
  });
});

/** A 32x32 class-per-folder set in CIFAR's classes: image k of class c is a flat colour (c * 20, k, 7). */
function imageFolder(perClass: number, kinds: ('png' | 'jpg')[] = ['png']): FixtureFile[] {
  const files: FixtureFile[] = [];
  CIFAR10_CLASSES.forEach((cls, c) => {
    for (const split of ['train', 'test'] as const) {
      for (let k = 0; k < (split === 'train' ? perClass : 1); k++) {
        const kind = kinds[k % kinds.length]!;
        const rgb = [c * 20, k, 7] as const;
        const data = kind === 'png' ? pngBytes(32, 32, rgb) : jpegBytes(32, 32, rgb);
        files.push({ path: `cifar10/${split}/${cls}/${String(k).padStart(4, '0')}.${kind}`, data });
      }
    }
  });
  return files;
}

describe('CIFAR-10 as class-per-folder images', () => {
  it('labels by the canonical class order, not by folder order, for PNG and JPEG', async () => {
    const source = writeFolder(fresh(), imageFolder(2, ['png', 'jpg']));
    const { train, test } = await readCifar10(source, { threads: 1 });
    expect(train.labels.length).toBe(20);
    expect(test.labels.length).toBe(10);
    for (let i = 0; i < 20; i++) {
      const c = train.labels[i]!;
      // The red level says which class folder the image came from; JPEG may be off by a level or two.
      expect(Math.abs(train.images[i * 3072]! - c * 20)).toBeLessThanOrEqual(3);
    }
    expect([...test.labels].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('shuffles the examples so a first slice holds several classes', async () => {
    const source = writeFolder(fresh(), imageFolder(3));
    const { train } = await readCifar10(source, { threads: 1 });
    expect(new Set(train.labels.subarray(0, 10)).size).toBeGreaterThan(3);
  });

  it('rejects a corrupt image, naming the file', async () => {
    const files = imageFolder(1);
    files[4] = { path: files[4]!.path, data: files[4]!.data.subarray(0, 40) };
    const source = writeFolder(fresh(), files);
    await expect(readCifar10(source, { threads: 1 })).rejects.toThrow(new RegExp(`1 image\\(s\\) could not be read: ${files[4]!.path}`));
  });

  it('rejects an image of the wrong size and a class folder that is not a CIFAR-10 class', async () => {
    const wrong = [...imageFolder(1), { path: 'cifar10/train/cat/big.png', data: pngBytes(40, 32, [1, 2, 3]) }];
    await expect(readCifar10(writeFolder(fresh(), wrong), { threads: 1 })).rejects.toThrow(/train\/cat\/big\.png: is 40x32, expected 32x32/);
    const alien = [...imageFolder(1), { path: 'cifar10/train/unicorn/0.png', data: pngBytes(32, 32, [1, 2, 3]) }];
    await expect(readCifar10(writeFolder(fresh(), alien), { threads: 1 })).rejects.toThrow(/train\/ has class folders unicorn/);
  });

  it('builds web files that load back pixel for pixel, and skips an unchanged rebuild', async () => {
    const archive = join(fresh() + '.tar.gz');
    writeFileSync(archive, await tarGzBytes(imageFolder(2)));
    const outDir = fresh();
    const first = await buildCifar10({ source: archive, outDir, threads: 1 });
    expect(first.built).toBe(true);
    expect(first.meta.classNames).toEqual(CIFAR10_CLASSES);
    const fetchFn = (async (url: string) => new Response(readFileSync(join(outDir, String(url).replace('/c/', ''))))) as typeof fetch;
    const loaded = await loadDataset({ url: '/c/' }, undefined, fetchFn);
    const direct = await readCifar10(archive, { threads: 1 });
    expect(loaded.meta.filter).toBe('gradient');
    expect(loaded.train.images).toEqual(direct.train.images);
    expect(loaded.test.labels).toEqual(direct.test.labels);
    expect((await buildCifar10({ source: archive, outDir })).built).toBe(false);
  });
});

describe('build-cifar10 command line', () => {
  it('reads --source, --download and --force', () => {
    expect(parseArgs(['--source', 'x.tar.gz', '--force'])).toEqual({ source: 'x.tar.gz', download: false, force: true });
    expect(() => parseArgs(['--source'])).toThrow('--source needs a path');
  });

  it('fails a download with a message saying what to do instead', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND www.cs.toronto.edu') });
    }) as typeof fetch;
    await expect(downloadOfficial(offline, join(fresh(), 'x.tar.gz'))).rejects.toThrow(
      /could not download https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar-10-binary\.tar\.gz: fetch failed \(getaddrinfo ENOTFOUND.*--source PATH/,
    );
  });

  it('refuses a download whose checksum does not match', async () => {
    const wrong = (async () => new Response(new Uint8Array([1, 2, 3]))) as typeof fetch;
    const dest = join(fresh(), 'x.tar.gz');
    await expect(downloadOfficial(wrong, dest)).rejects.toThrow(/MD5 is .*expected c32a1d4ab5d03f1284b67883e8d87530/);
    expect(existsSync(dest)).toBe(false);
  });
});

describe('the shared CIFAR-10 image archive (../shared/datasets)', () => {
  it('holds 5,000 training and 1,000 test images of each canonical class', async () => {
    const entries = await readSource(join(__dirname, '..', '..', 'shared', 'datasets', 'cifar10-images.tar.gz'));
    const plan = planImageFolder(entries, { classNames: CIFAR10_CLASSES });
    const perClass = (split: { label: number }[]) => CIFAR10_CLASSES.map((_, c) => split.filter((e) => e.label === c).length);
    expect(perClass(plan.train)).toEqual(Array(10).fill(5000));
    expect(perClass(plan.test)).toEqual(Array(10).fill(1000));
    expect(plan.skipped).toEqual([]);
  });
});
