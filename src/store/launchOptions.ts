// Options read from the page address at start-up. Small data slices make browser tests and quick demos
// fast; anything malformed is ignored (and reported) rather than trusted. They are about this machine and
// live in the query; the experiment (network, dataset, hyper-parameters) lives in the fragment (see
// linkState.ts), and ?epochs, applied after it, wins over the link's `ep`.
import type { BackendChoice, WorkersChoice } from '../train/api/protocol';

export interface LaunchOptions {
  trainLimit?: number;
  testLimit?: number;
  backend?: BackendChoice;
  /** ?workers=1: train in one worker (no data-parallel helpers). */
  workers?: WorkersChoice;
  epochs?: number;
  ignored: string[];
}

const BACKENDS: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

function positiveInt(raw: string | null, max: number): number | undefined | null {
  if (raw === null) return undefined;
  if (!/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : null;
}

export function readLaunchOptions(search: string): LaunchOptions {
  const params = new URLSearchParams(search);
  const out: LaunchOptions = { ignored: [] };
  const ints: [keyof LaunchOptions & ('trainLimit' | 'testLimit' | 'epochs'), number][] = [
    ['trainLimit', 60_000],
    ['testLimit', 10_000],
    ['epochs', 1000],
  ];
  for (const [key, max] of ints) {
    const v = positiveInt(params.get(key), max);
    if (v === null) out.ignored.push(key);
    else if (v !== undefined) out[key] = v;
  }
  const backend = params.get('backend');
  if (backend !== null) {
    if ((BACKENDS as readonly string[]).includes(backend)) out.backend = backend as BackendChoice;
    else out.ignored.push('backend');
  }
  const workers = params.get('workers');
  if (workers !== null) {
    if (workers === '1') out.workers = 'one';
    else if (workers === 'auto') out.workers = 'auto';
    else if (workers === 'many') out.workers = 'many';
    else out.ignored.push('workers');
  }
  return out;
}
