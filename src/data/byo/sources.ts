// Bring your own images, getting the files: a .zip (unpacked by ./zip.ts), a folder picked with
// <input webkitdirectory>, or a folder / zip dropped on the page (DataTransfer entries, walked recursively).
import { readZip } from './zip';

export interface SourceFile {
  /** Path inside the drop, '/'-separated: 'pets/train/cat/1.png'. */
  readonly path: string;
  readonly blob: Blob;
}

export function isZip(file: File): boolean {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed';
}

/** Files from <input type=file webkitdirectory> (or multiple plain files, which then have no folders). */
export function fromFileList(files: Iterable<File>): SourceFile[] {
  return [...files].map((f) => ({ path: f.webkitRelativePath || f.name, blob: f }));
}

/** Files of a drop: folders are walked; a single dropped .zip is unpacked. */
export async function fromDataTransfer(items: DataTransferItemList): Promise<SourceFile[]> {
  const entries = [...items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const out: SourceFile[] = [];
  for (const entry of entries) await walk(entry, out);
  const only = out.length === 1 ? out[0] : undefined;
  if (only && /\.zip$/i.test(only.path)) return readZip(only.blob, only.path);
  return out;
}

async function walk(entry: FileSystemEntry, out: SourceFile[]): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, blob: file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries hands back at most ~100 entries per call: keep asking until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, out);
  }
}
