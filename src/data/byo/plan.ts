// Bring your own images, the pure part: which dropped files are images of which class and split, how much
// memory the dataset will take, and whether that is safe. No DOM here, so it is tested in Node.
import { shuffledIndices } from '../batches';
import { isImagePath, isUnsafePath } from './paths';

export interface PlannedFile {
  readonly path: string;
  readonly label: number;
}

export interface FolderPlan {
  readonly classNames: readonly string[];
  readonly train: readonly PlannedFile[];
  readonly test: readonly PlannedFile[];
  /** 'split': train/<class>/ and test/<class>/ folders; 'classes': <class>/ folders, test images held out by us. */
  readonly layout: 'split' | 'classes';
  /** Files that are not images in a class folder, and why (listed for the user, not an error). */
  readonly skipped: readonly SkippedFile[];
}

/**
 * Why a file was not used: not an image by its name; a path that climbs out of the drop ('../evil.png');
 * an image outside any class folder; in the train/test layout, an image outside train/ and test/.
 */
export type SkipReason = 'notImage' | 'unsafePath' | 'noClassFolder' | 'notInSplit';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
}
/** With only class folders, this share of each class's images becomes the test split. */
export const HELD_OUT_TEST_FRACTION = 0.2;
const TEST_STREAM = -2; // a shuffle stream of its own (epochs use 1.., validation -1)

/** Files an OS or archiver adds by itself: ignored without a word. */
function isJunk(parts: readonly string[]): boolean {
  return parts.some((p) => p.startsWith('.') || p === '__MACOSX' || p === 'Thumbs.db' || p === 'desktop.ini');
}

export class PlanError extends Error {
  constructor(readonly code: 'noImages' | 'oneClass' | 'noTest' | 'testOnlyClass', readonly values: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(values)}`);
    this.name = 'PlanError';
  }
}

/**
 * Sorts file paths ('set/train/cat/1.png', 'cat/1.png', ...) into classes and splits. Class order is the sorted
 * folder names; the file order is by path, so the same drop always gives the same dataset.
 */
export function planFolder(paths: readonly string[], seed = 1): FolderPlan {
  const skipped: SkippedFile[] = [];
  const files: { path: string; parts: string[] }[] = [];
  for (const path of paths) {
    const parts = path.split('/').filter((p) => p !== '');
    // Checked before the junk test, which would otherwise hide '../evil.png' as a dot-file without a word.
    if (isUnsafePath(path)) skipped.push({ path, reason: 'unsafePath' });
    else if (!isJunk(parts)) files.push({ path, parts });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const isSplit = files.some((f) => isImagePath(f.path) && ['train', 'test'].includes(f.parts[f.parts.length - 3] ?? ''));
  const found: { path: string; cls: string; split: 'train' | 'test' | null }[] = [];
  for (const f of files) {
    const n = f.parts.length;
    const split = f.parts[n - 3];
    const reason: SkipReason | null = !isImagePath(f.path) ? 'notImage' : n < 2 ? 'noClassFolder'
      : isSplit && split !== 'train' && split !== 'test' ? 'notInSplit' : null;
    if (reason) skipped.push({ path: f.path, reason });
    else found.push({ path: f.path, cls: f.parts[n - 2]!, split: isSplit ? (split as 'train' | 'test') : null });
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (found.length === 0) throw new PlanError('noImages');
  const classNames = [...new Set(found.filter((f) => f.split !== 'test').map((f) => f.cls))].sort();
  if (classNames.length < 2) throw new PlanError('oneClass', { count: classNames.length });
  const label = new Map(classNames.map((c, i) => [c, i]));
  const orphan = found.find((f) => !label.has(f.cls));
  if (orphan) throw new PlanError('testOnlyClass', { name: orphan.cls });
  const labelled = found.map((f) => ({ path: f.path, label: label.get(f.cls)!, split: f.split }));
  if (isSplit) {
    const test = labelled.filter((f) => f.split === 'test').map(({ path, label: l }) => ({ path, label: l }));
    if (test.length === 0) throw new PlanError('noTest');
    const train = labelled.filter((f) => f.split === 'train').map(({ path, label: l }) => ({ path, label: l }));
    return { classNames, train, test, layout: 'split', skipped };
  }
  return { classNames, ...holdOutTest(labelled, classNames.length, seed), layout: 'classes', skipped };
}

/** Holds out a seeded ~20% of every class (at least one image when a class has two or more). */
function holdOutTest(files: readonly PlannedFile[], numClasses: number, seed: number) {
  const train: PlannedFile[] = [];
  const test: PlannedFile[] = [];
  for (let c = 0; c < numClasses; c++) {
    const ofClass = files.filter((f) => f.label === c);
    const held = ofClass.length < 2 ? 0 : Math.max(1, Math.round(ofClass.length * HELD_OUT_TEST_FRACTION));
    const order = shuffledIndices(ofClass.length, seed + c, TEST_STREAM);
    order.forEach((index, k) => (k < held ? test : train).push(ofClass[index]!));
  }
  if (test.length === 0) throw new PlanError('noTest');
  const byPath = (a: PlannedFile, b: PlannedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { train: train.sort(byPath), test: test.sort(byPath) };
}

/** Image sides the user may pick (square, as the models expect). */
export const IMAGE_SIZES = [16, 24, 28, 32, 48, 64] as const;
/**
 * The most a made dataset may take, page and worker copies together (the training batches and the model come
 * on top). Past a few hundred MB, tabs on phones and older laptops get killed. 400 MiB still admits a
 * CIFAR-sized set (60,000 colour images at 32x32: 369 MB).
 */
export const SAFE_BYTES = 400 * 1024 * 1024;

export interface MemoryEstimate {
  /** Bytes of pixels, one byte per value, train + test. */
  readonly datasetBytes: number;
  /** What the page and the worker hold together (two copies). */
  readonly totalBytes: number;
  readonly safe: boolean;
}

export function estimateMemory(images: number, size: number, channels: 1 | 3): MemoryEstimate {
  const datasetBytes = images * (size * size * channels + 1);
  const totalBytes = 2 * datasetBytes;
  return { datasetBytes, totalBytes, safe: totalBytes <= SAFE_BYTES };
}

/** The largest square side from IMAGE_SIZES that keeps `images` images within the safe size, or null. */
export function largestSafeSize(images: number, channels: 1 | 3): number | null {
  const fits = IMAGE_SIZES.filter((s) => estimateMemory(images, s, channels).safe);
  return fits.length > 0 ? fits[fits.length - 1]! : null;
}
