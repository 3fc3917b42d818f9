// Reads every file of a dataset source into memory: a folder, a .tar, or a gzip-compressed tar (.tar.gz / .tgz,
// recognised by its magic bytes, not its name). Dataset sources here are small enough (CIFAR-10: 19 MB of JPEGs,
// or 180 MB of official binary batches) that holding them whole keeps the importers simple and synchronous.
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

/** @typedef {{ path: string, data: Uint8Array }} ArchiveEntry  path uses '/' separators, relative to the source */

/**
 * @param {string} source a folder, a .tar or a .tar.gz
 * @returns {Promise<ArchiveEntry[]>} regular files only, in the order found (folders: sorted by path)
 */
export async function readSource(source) {
  let st;
  try {
    st = await stat(source);
  } catch {
    throw new Error(`${source}: no such file or folder`);
  }
  if (st.isDirectory()) return readFolder(source);
  return readTar(source);
}

/** @param {string} root */
async function readFolder(root) {
  const names = await readdir(root, { recursive: true, withFileTypes: true });
  const files = names.filter((d) => d.isFile()).map((d) => join(d.parentPath ?? d.path, d.name)).sort();
  return Promise.all(
    files.map(async (file) => ({ path: relative(root, file).split(sep).join('/'), data: await readFile(file) })),
  );
}

/** @param {string} file */
async function isGzip(file) {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** @param {string} file */
async function readTar(file) {
  const gz = await isGzip(file);
  /** @type {ArchiveEntry[]} */
  const entries = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    /** @type {Buffer[]} */
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      if (header.type === 'file') entries.push({ path: header.name.replace(/^\.\//, ''), data: Buffer.concat(chunks) });
      next();
    });
    stream.on('error', next);
  });
  const stages = gz ? [createReadStream(file), createGunzip(), extract] : [createReadStream(file), extract];
  try {
    // @ts-expect-error pipeline's overloads do not cover a spread of streams
    await pipeline(...stages);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const what = gz ? 'gzip-compressed tar' : 'tar archive';
    throw new Error(`${basename(file)}: not a readable ${what} (corrupt or truncated?): ${why}`);
  }
  // tar-stream ends quietly on some truncations and on any non-tar bytes: an empty result means "not a tar".
  if (entries.length === 0) throw new Error(`${basename(file)}: no files found (not a tar archive, or empty)`);
  return entries;
}
