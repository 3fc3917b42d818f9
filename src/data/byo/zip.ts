// Bring your own images, unpacking a .zip: fflate's streaming Unzip, fed in small chunks, so the limits on the
// number of entries and on the bytes they inflate to hold while inflating. A zip bomb is refused after at most
// MAX_INFLATED_BYTES have been produced, instead of being inflated whole before any check (which crashed the tab).
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { isImagePath, typeOfPath } from './paths';
import type { SourceFile } from './sources';

export const ZIP_LIMITS = {
  /** Entries (files and folders) in one zip. */
  entries: 100_000,
  /** Bytes one image may inflate to: far beyond any photo a 128-pixel dataset needs. */
  entryBytes: 64 * 2 ** 20,
  /** Bytes all entries may inflate to together. */
  totalBytes: 512 * 2 ** 20,
  /** Compressed bytes pushed at once: one push inflates to at most ~1000x this, so memory stays bounded. */
  chunkBytes: 64 * 1024,
} as const;

export type ZipErrorCode = 'notZip' | 'tooManyEntries' | 'entryTooLarge' | 'tooLarge' | 'damaged' | 'truncated';

/** Why a zip was refused; the UI turns the code into a sentence (namespace 'inputs', key `zip.<code>`). */
export class ZipError extends Error {
  constructor(readonly code: ZipErrorCode, readonly values: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(values)}`);
    this.name = 'ZipError';
  }
}

export type ZipLimits = { readonly [K in keyof typeof ZIP_LIMITS]: number };

/**
 * Every file in a zip, folders left out. Only image files are inflated; other entries come back with an empty
 * blob, so the plan can still list them as skipped. Rejects with a ZipError, never with anything else.
 */
export async function readZip(zip: Blob, name = 'zip', limits: ZipLimits = ZIP_LIMITS): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const open = new Set<string>();
  let entries = 0;
  let total = 0;
  let failure: ZipError | null = null;
  const fail = (err: ZipError): never => {
    failure ??= err;
    throw failure;
  };
  const unzip = new Unzip((file: UnzipFile) => {
    entries += 1;
    if (entries > limits.entries) fail(new ZipError('tooManyEntries', { limit: limits.entries, name }));
    if (file.name.endsWith('/')) return;
    if (!isImagePath(file.name)) {
      out.push({ path: file.name, blob: new Blob([]) });
      return;
    }
    if ((file.originalSize ?? 0) > limits.entryBytes) fail(entryTooLarge(file.name, limits));
    const chunks: Uint8Array[] = [];
    let size = 0;
    open.add(file.name);
    file.ondata = (err, data, final) => {
      if (err) fail(new ZipError('damaged', { name, entry: file.name }));
      size += data.length;
      total += data.length;
      if (size > limits.entryBytes) fail(entryTooLarge(file.name, limits));
      if (total > limits.totalBytes) fail(new ZipError('tooLarge', { name, limitMiB: limits.totalBytes / 2 ** 20 }));
      chunks.push(data);
      if (final) {
        open.delete(file.name);
        out.push({ path: file.name, blob: new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: typeOfPath(file.name) }) });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  let ended = false;
  try {
    const reader = zip.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += limits.chunkBytes) {
        unzip.push(value.subarray(at, Math.min(value.length, at + limits.chunkBytes)), false);
      }
    }
    ended = true;
    unzip.push(new Uint8Array(0), true);
  } catch {
    if (failure) throw failure;
    const cut = open.values().next();
    if (ended && !cut.done) throw new ZipError('truncated', { name, entry: cut.value });
    // fflate's own errors (a bad header, bad deflate data) or the file could not be read: damaged either way.
    throw new ZipError('damaged', { name, entry: '' });
  }
  if (failure) throw failure;
  if (entries === 0) throw new ZipError('notZip', { name });
  // An entry whose data never ended: the zip was cut short.
  const cut = open.values().next();
  if (!cut.done) throw new ZipError('truncated', { name, entry: cut.value });
  return out;
}

function entryTooLarge(entry: string, limits: ZipLimits): ZipError {
  return new ZipError('entryTooLarge', { entry, limitMiB: limits.entryBytes / 2 ** 20 });
}
