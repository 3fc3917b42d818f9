// Seeded shuffling and batch filling. Pure TS (no tfjs): one pair of buffers serves every batch of a run,
// so nothing is allocated per step. tf.tensor may keep a reference to them (cpu backend) instead of
// copying, so a batch's tensors must be disposed before the buffers are filled again.
import type { DataShape } from '../model/spec';
import type { TaskModule } from '../tasks/types';
import type { Split } from './types';

/** How a task lays out one example's target in the buffers (src/tasks/); one-hot labels when absent. */
export interface TargetLayout {
  readonly task: TaskModule;
  readonly data: DataShape;
}

/** A small, fast 32-bit PRNG (Tommy Ettinger's Mulberry32): returns floats in [0, 1). Same seed, same stream. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed for one sub-stream of a run (an epoch, an augmentation pass...). Hashing both numbers
 * keeps nearby pairs such as (seed 1, epoch 0) and (seed 0, epoch 1) from giving related streams.
 */
export function mixSeed(seed: number, stream: number): number {
  return fmix32(fmix32(seed | 0) ^ Math.imul((stream | 0) + 1, 0x9e3779b9));
}

/** A permutation of 0..count-1, the same for the same (seed, epoch) and a different one for every epoch. */
export function shuffledIndices(count: number, seed: number, epoch: number): Uint32Array {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  const indices = new Uint32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  const random = mulberry32(mixSeed(seed, epoch));
  // Fisher–Yates, from the end: every permutation equally likely (up to the PRNG).
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = tmp;
  }
  return indices;
}

/**
 * Reusable buffers for one batch.
 * `x`: capacity * exampleSize floats in [0, 1], HWC per example, examples one after another.
 * `y`: an Int32Array of class indices (capacity entries), or a Float32Array of targets (capacity * targetSize:
 * a one-hot row per example, or one per pixel for segmentation).
 */
export interface BatchBuffers {
  readonly x: Float32Array;
  readonly y: Int32Array | Float32Array;
}

export function createBatchBuffers(
  capacity: number,
  exampleSize: number,
  targetSize: number,
  labels: 'oneHot' | 'index' = 'oneHot',
): BatchBuffers {
  return {
    x: new Float32Array(capacity * exampleSize),
    y: labels === 'oneHot' ? new Float32Array(capacity * targetSize) : new Int32Array(capacity),
  };
}

// A byte -> float table: one lookup per pixel instead of a division.
const BYTE_TO_UNIT = new Float32Array(256).map((_, i) => i / 255);

/**
 * Copies examples indices[start .. start+size) of `split` into `out`, pixels scaled to [0, 1].
 * Returns how many were filled: fewer than `size` for the last batch of an epoch; only the first
 * n * exampleSize values of x (and n labels / n one-hot rows of y) are then meaningful.
 */
export function fillBatch(split: Split, indices: Uint32Array, start: number, size: number, out: BatchBuffers,
  target?: TargetLayout): number {
  const n = Math.max(0, Math.min(size, indices.length - start));
  if (n === 0) return 0;
  if (!Number.isInteger(start) || start < 0) throw new Error(`start must be a non-negative integer, got ${start}`);
  const exampleSize = split.images.length / split.count;
  const capacity = out.x.length / exampleSize;
  if (size > capacity) throw new Error(`batch size ${size} is larger than the buffers (${capacity} examples)`);
  const { x, y } = out;
  const images = split.images;
  for (let k = 0; k < n; k++) {
    const index = indices[start + k]!;
    if (index >= split.count) throw new Error(`example index ${index} is out of range (${split.count} examples)`);
    const from = index * exampleSize;
    const to = k * exampleSize;
    for (let j = 0; j < exampleSize; j++) x[to + j] = BYTE_TO_UNIT[images[from + j]!]!;
  }
  if (y instanceof Int32Array) fillIndexLabels(split, indices, start, n, y);
  else if (target) fillTaskTargets(split, indices, start, n, y, target);
  else fillOneHotLabels(split, indices, start, n, y, y.length / capacity);
  return n;
}

function fillIndexLabels(split: Split, indices: Uint32Array, start: number, n: number, y: Int32Array): void {
  if (y.length < n) throw new Error(`label buffer holds ${y.length} labels, ${n} needed`);
  for (let k = 0; k < n; k++) y[k] = split.labels[indices[start + k]!]!;
}

function fillTaskTargets(split: Split, indices: Uint32Array, start: number, n: number, y: Float32Array, target: TargetLayout): void {
  const size = target.task.targetSize(target.data);
  if (y.length < n * size) throw new Error(`target buffer holds ${y.length} numbers, ${n * size} needed`);
  for (let k = 0; k < n; k++) target.task.writeTarget(split, indices[start + k]!, y, k * size, target.data);
}

function fillOneHotLabels(
  split: Split,
  indices: Uint32Array,
  start: number,
  n: number,
  y: Float32Array,
  numClasses: number,
): void {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(`one-hot buffer length ${y.length} is not a whole number of classes per example`);
  }
  y.fill(0, 0, n * numClasses);
  for (let k = 0; k < n; k++) {
    const label = split.labels[indices[start + k]!]!;
    if (label >= numClasses) throw new Error(`label ${label} does not fit ${numClasses} one-hot classes`);
    y[k * numClasses + label] = 1;
  }
}

// MurmurHash3's finaliser: spreads every input bit over the whole 32-bit output.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
