// Which dataset the experiment uses, the share of training examples held out for validation, and a dataset
// the user made from their own images. Choosing a dataset re-checks the network against its input shape.
import type { StateCreator } from 'zustand/vanilla';
import { datasetEntry, type DatasetId } from '../data/registry';
import type { DatasetRef, LoadedDataset } from '../data/types';
import { MAX_VALIDATION_FRACTION } from '../data/validation';
import type { DataShape } from '../model/spec';
import { scoreKindOf, type ScoreKind } from '../tasks/score';
import type { AppState } from './appStore';

export const DEFAULT_VALIDATION_FRACTION = 0.1;

export interface CustomDataset {
  readonly data: LoadedDataset;
  /** Files that could not be decoded, 'path: reason', listed for the user. */
  readonly unreadable: readonly string[];
}

export interface DataSlice {
  datasetId: DatasetId;
  /** 0..0.5 of the training split, held out and evaluated every epoch; 0 = none. */
  validationFraction: number;
  customDataset: CustomDataset | null;
  selectDataset(id: DatasetId): void;
  setValidationFraction(fraction: number): void;
  /** Stores a dataset made from the user's images and selects it. */
  setCustomDataset(custom: CustomDataset): void;
}

export function datasetShape(s: Pick<DataSlice, 'datasetId' | 'customDataset'>): DataShape | null {
  if (s.datasetId !== 'custom') return datasetEntry(s.datasetId).shape;
  const meta = s.customDataset?.data.meta;
  return meta ? { inputShape: meta.inputShape, numClasses: meta.classNames.length } : null;
}

/** The chosen dataset's task id (undefined: classification), from its registry entry or the user's own meta. */
export function selectDatasetTask(s: Pick<DataSlice, 'datasetId' | 'customDataset'>): string | undefined {
  return s.datasetId === 'custom' ? s.customDataset?.data.meta.task : datasetEntry(s.datasetId).task;
}

/** The number results are judged by for the chosen dataset's task: accuracy, or a detector's mAP@0.5. */
export function selectScoreKind(s: Pick<DataSlice, 'datasetId' | 'customDataset'>): ScoreKind {
  return scoreKindOf(selectDatasetTask(s));
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set, get) => {
  const apply = (patch: Partial<DataSlice>) => {
    set(patch);
    const s = get();
    const shape = datasetShape(s);
    if (shape && shape !== s.dataShape) s.setDataShape(shape);
  };
  return {
    datasetId: 'mnist',
    validationFraction: DEFAULT_VALIDATION_FRACTION,
    customDataset: null,
    selectDataset: (id) => {
      if (id === 'custom' && !get().customDataset) return; // nothing made yet
      apply({ datasetId: id });
    },
    setValidationFraction: (fraction) => {
      if (fraction >= 0 && fraction <= MAX_VALIDATION_FRACTION) set({ validationFraction: fraction });
    },
    setCustomDataset: (customDataset) => apply({ customDataset, datasetId: 'custom' }),
  };
};

export interface RefOptions {
  /** The site's base URL (import.meta.env.BASE_URL), ending in '/'. */
  readonly baseUrl: string;
  readonly trainLimit?: number;
  readonly testLimit?: number;
}

/** What the worker is told to train on, from the store at the moment Train is pressed. */
export function selectDatasetRef(s: Pick<AppState, 'datasetId' | 'customDataset' | 'validationFraction'>,
  opts: RefOptions): DatasetRef {
  const validationFraction = s.validationFraction;
  if (s.datasetId === 'custom' && s.customDataset) return { kind: 'inline', data: s.customDataset.data, validationFraction };
  const id = s.datasetId === 'custom' ? 'mnist' : s.datasetId;
  const entry = datasetEntry(id);
  if (entry.generated) {
    // Drawn in the worker from the entry's seed: the same link always trains on the same images.
    const { digits, ...generated } = entry.generated;
    return { kind: 'generated', ...generated, trainCount: opts.trainLimit ?? entry.trainCount,
      testCount: opts.testLimit ?? entry.testCount, validationFraction,
      ...(digits ? { digitsUrl: `${opts.baseUrl}${datasetEntry(digits).path}`, task: entry.task } : {}) };
  }
  // The smaller of this machine's limit (?trainLimit) and the entry's own (a subset such as small MNIST).
  const trainLimit = Math.min(opts.trainLimit || Infinity, entry.trainLimit ?? Infinity);
  return {
    url: `${opts.baseUrl}${entry.path}`,
    ...(Number.isFinite(trainLimit) ? { trainLimit } : {}),
    ...(opts.testLimit ? { testLimit: opts.testLimit } : {}),
    ...(entry.pretext ? { pretext: entry.pretext } : {}),
    ...(entry.subsetOf ? { classes: entry.subsetOf.classes } : {}),
    validationFraction,
  };
}
