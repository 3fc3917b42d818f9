import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableAssets, versionDatasets } from '../../scripts/app-files.mjs';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-files-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('reachableAssets', () => {
  it('follows hashed names from the page through scripts and workers, and leaves out what only the bench uses', () => {
    const dir = folder({
      'index.html': '<script type="module" src="/assets/main-a1.js"></script><link href="/assets/main-b2.css">',
      'assets/main-a1.js': 'import("./Panel-c3.js"); new Worker(new URL("/assets/worker-d4.js", import.meta.url))',
      'assets/main-b2.css': '.x{}',
      'assets/Panel-c3.js': 'export {}',
      'assets/worker-d4.js': 'fetch(new URL("tfjs-backend-wasm-simd-e5.wasm", import.meta.url))',
      'assets/tfjs-backend-wasm-simd-e5.wasm': '',
      'bench/index.html': '<script src="/assets/bench-f6.js"></script>',
      'assets/bench-f6.js': 'new Worker(new URL("/assets/bnWorker-g7.js", import.meta.url))',
      'assets/bnWorker-g7.js': '',
    });
    expect([...reachableAssets(dir, ['index.html'])].sort()).toEqual(
      ['assets/Panel-c3.js', 'assets/main-a1.js', 'assets/main-b2.css', 'assets/tfjs-backend-wasm-simd-e5.wasm', 'assets/worker-d4.js']);
  });
});

describe('versionDatasets', () => {
  it('writes each shard\'s content hash into its meta.json, and a changed shard gets a new hash', () => {
    const meta = { id: 'd', train: { count: 1, shards: [{ file: 'train-00.bin.gz', count: 1 }] }, test: { count: 1, shards: [{ file: 'test-00.bin.gz', count: 1 }] } };
    const dir = folder({ 'data/d/meta.json': JSON.stringify(meta), 'data/d/train-00.bin.gz': 'aaa', 'data/d/test-00.bin.gz': 'bbb' });
    expect(versionDatasets(join(dir, 'data'))).toBe(1);
    const first = JSON.parse(readFileSync(join(dir, 'data/d/meta.json'), 'utf8'));
    expect(first.train.shards[0].sha).toMatch(/^[0-9a-f]{16}$/);
    expect(first.test.shards[0].sha).not.toBe(first.train.shards[0].sha);
    writeFileSync(join(dir, 'data/d/meta.json'), JSON.stringify(meta));
    writeFileSync(join(dir, 'data/d/train-00.bin.gz'), 'aab');
    versionDatasets(join(dir, 'data'));
    const second = JSON.parse(readFileSync(join(dir, 'data/d/meta.json'), 'utf8'));
    expect(second.train.shards[0].sha).not.toBe(first.train.shards[0].sha);
    expect(second.test.shards[0].sha).toBe(first.test.shards[0].sha);
  });
});
