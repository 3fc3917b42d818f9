// Names for the runs overlaid on the training curves: each run is named by the settings in which the runs
// on the chart differ ("lr 0.01", "Adam · bs 32", "conv1 12 filters"), not "Run 1…4". Pure: the words come
// from the caller (i18n), the settings from the store's snapshot taken when each run started.
import type { BlockSpec, ModelSpec } from '../../model/spec';
import type { HyperParams, LrSchedule, OptimizerName } from '../../train/api/protocol';
import { DEFAULT_BOX_LOSS } from '../../train/api/hyper';

/** What a run trained with, captured when it started. */
export interface RunSettings {
  readonly hyper: HyperParams;
  readonly spec: ModelSpec;
  /** The dataset's display name (MNIST, CIFAR-10), or CUSTOM_DATASET for the user's own images. */
  readonly dataset: string;
}

/** The `dataset` of a run on the user's own images (translated by the words). */
export const CUSTOM_DATASET = 'custom';

/** One setting in which a run differs from the other runs on the chart. */
export type RunDiff =
  | { readonly kind: 'dataset'; readonly value: string }
  | { readonly kind: 'network'; readonly index: number }
  | { readonly kind: 'block'; readonly id: string; readonly field: string; readonly value: string }
  | { readonly kind: 'optimizer'; readonly value: OptimizerName }
  | { readonly kind: 'learningRate' | 'momentum' | 'weightDecay' | 'batchSize' | 'epochs' | 'seed'; readonly value: number }
  | { readonly kind: 'schedule'; readonly value: LrSchedule['kind'] }
  | { readonly kind: 'augmentation'; readonly flip: boolean; readonly shift: number }
  /** A detector's loss weights (YOLO v1's lambda_coord and lambda_noobj). */
  | { readonly kind: 'boxLoss'; readonly coord: number; readonly noObject: number };

/** The translated words a label is made of. */
export interface RunWords {
  /** "Run 3": for a run whose settings are unknown or alone on the chart. */
  run(n: number): string;
  /** "Run 3, same settings": no setting differs, so the number tells the runs apart. */
  same(n: number): string;
  /** "Run 3 (lr 0.01 · bs 32)": the tooltip and the hover read-out. */
  full(n: number, short: string): string;
  diff(d: RunDiff): string;
}

export interface RunName {
  /** The differences alone, for the legend ("lr 0.01 · bs 32"). */
  readonly short: string;
  /** The run and its differences, for a tooltip and the hover read-out ("Run 2 (lr 0.01 · bs 32)"). */
  readonly full: string;
}

/** More differing block settings than this and the network is named as a whole ("network B"). */
const MAX_BLOCK_DIFFS = 2;
/** Between the differences in a name. */
export const PART_SEPARATOR = ' · ';
const HYPER_NUMBERS = ['learningRate', 'momentum', 'weightDecay', 'batchSize', 'epochs', 'seed'] as const;

/** A setting's value as text: short, with no float noise (0.1 + 0.2 shows as 0.3). */
export function formatValue(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(3)));
  if (Array.isArray(v)) return v.map(formatValue).join('×');
  if (v === undefined) return '–';
  return String(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const allSame = <T>(xs: readonly T[], key: (x: T) => unknown) => xs.every((x) => same(key(x), key(xs[0] as T)));

/** The block settings (not inputs) in which the networks differ, or null when their structure differs. */
function blockDiffs(specs: readonly ModelSpec[]): RunDiff[][] | null {
  const first = specs[0];
  if (!first) return [];
  const structure = (s: ModelSpec) => s.blocks.map((b) => [b.id, b.kind, b.inputs]);
  if (!allSame(specs, structure)) return null;
  const out: RunDiff[][] = specs.map(() => []);
  first.blocks.forEach((block, i) => {
    const fields = new Set(specs.flatMap((s) => Object.keys(s.blocks[i] ?? {})));
    for (const field of fields) {
      if (field === 'id' || field === 'kind' || field === 'inputs') continue;
      const value = (s: ModelSpec) => (s.blocks[i] as Record<string, unknown> | undefined)?.[field as keyof BlockSpec];
      if (allSame(specs, value)) continue;
      specs.forEach((s, r) => out[r]?.push({ kind: 'block', id: block.id, field, value: formatValue(value(s)) }));
    }
  });
  return out;
}

/** For each run, the settings in which the runs differ (the same keys for every run, in a fixed order). */
export function runDifferences(runs: readonly RunSettings[]): RunDiff[][] {
  const out: RunDiff[][] = runs.map(() => []);
  const each = (make: (r: RunSettings) => RunDiff) => runs.forEach((r, i) => out[i]?.push(make(r)));
  if (runs.length < 2) return out;
  if (!allSame(runs, (r) => r.dataset)) each((r) => ({ kind: 'dataset', value: r.dataset }));
  const blocks = blockDiffs(runs.map((r) => r.spec));
  if (blocks === null || blocks.some((d) => d.length > MAX_BLOCK_DIFFS)) {
    // Networks too different to list: a letter per distinct network, in order of first appearance.
    const keys: string[] = [];
    each((r) => {
      const key = JSON.stringify(r.spec.blocks);
      if (!keys.includes(key)) keys.push(key);
      return { kind: 'network', index: keys.indexOf(key) };
    });
  } else {
    blocks.forEach((d, i) => out[i]?.push(...d));
  }
  const h = (r: RunSettings) => r.hyper;
  if (!allSame(runs, (r) => h(r).optimizer)) each((r) => ({ kind: 'optimizer', value: h(r).optimizer }));
  for (const kind of HYPER_NUMBERS.slice(0, 3)) {
    if (!allSame(runs, (r) => h(r)[kind])) each((r) => ({ kind, value: h(r)[kind] }));
  }
  if (!allSame(runs, (r) => h(r).schedule)) each((r) => ({ kind: 'schedule', value: h(r).schedule.kind }));
  if (!allSame(runs, (r) => h(r).augmentation)) {
    each((r) => ({ kind: 'augmentation', flip: h(r).augmentation.flip, shift: h(r).augmentation.shift }));
  }
  const box = (r: RunSettings) => h(r).boxLoss ?? DEFAULT_BOX_LOSS;
  if (!allSame(runs, box)) each((r) => ({ kind: 'boxLoss', coord: box(r).coord, noObject: box(r).noObject }));
  for (const kind of HYPER_NUMBERS.slice(3)) {
    if (!allSame(runs, (r) => h(r)[kind])) each((r) => ({ kind, value: h(r)[kind] }));
  }
  return out;
}

/**
 * Names for the runs on the chart, in the order given. Runs whose settings are unknown keep "Run n"
 * and take no part in the comparison; a lone run is "Run n" too (there is nothing to differ from).
 */
export function runNames(runs: readonly { readonly run: number; readonly settings: RunSettings | null }[], words: RunWords): RunName[] {
  const known = runs.filter((r) => r.settings !== null);
  const diffs = runDifferences(known.map((r) => r.settings as RunSettings));
  return runs.map((r) => {
    const i = known.indexOf(r);
    const d = diffs[i];
    if (i < 0 || !d || known.length < 2) return { short: words.run(r.run), full: words.run(r.run) };
    if (d.length === 0) return { short: words.same(r.run), full: words.same(r.run) };
    const short = d.map(words.diff).join(PART_SEPARATOR);
    return { short, full: words.full(r.run, short) };
  });
}

/** Estimated width in pixels of text at the legend's 12px font: Hangul and other wide glyphs count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 12 : 6.6;
  return w;
}

/**
 * The text cut to fit `maxPx` (estimated), ending in "…" when cut: whole " · " parts while the first fits
 * ("lr 0.001…" rather than "lr 0.001 ·…"), else letters; never empty while the text is not.
 */
export function truncateLabel(text: string, maxPx: number): string {
  if (textWidth(text) <= maxPx) return text;
  const parts = text.split(PART_SEPARATOR);
  for (let n = parts.length - 1; n >= 1; n -= 1) {
    const kept = `${parts.slice(0, n).join(PART_SEPARATOR)}…`;
    if (textWidth(kept) <= maxPx) return kept;
  }
  const chars = [...text];
  let end = chars.length;
  while (end > 1 && textWidth(`${chars.slice(0, end).join('').trimEnd()}…`) > maxPx) end -= 1;
  return `${chars.slice(0, end).join('').trimEnd()}…`;
}

export interface RunNumbers {
  /** A project was opened with this many earlier runs: the next run counts on from them. */
  saved(count: number): void;
  started(runId: number): void;
  /** The number a run shows ("Run 4"); a run never started here keeps its id. */
  of(runId: number): number;
}

/**
 * The number each run shows, counted on from a reopened project's earlier runs: the worker's run ids start
 * again at 1 on every page, the project's runs do not (after a reload, "Run 1" again was the fourth run).
 */
export function createRunNumbers(): RunNumbers {
  let base = 0;
  let live = 0;
  const numbers = new Map<number, number>();
  return {
    saved(count) {
      base = count;
      live = 0;
    },
    started(runId) {
      if (!numbers.has(runId)) numbers.set(runId, base + (live += 1));
    },
    of: (runId) => numbers.get(runId) ?? runId,
  };
}
