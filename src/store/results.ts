// Results belong to the run that made them. A run records what it trained (the dataset and the network's
// blocks); when the user has since changed either, the results on screen no longer describe what is shown.
// A changed dataset clears them (their class names would be wrong); a changed network marks them stale.
import type { ModelSpec } from '../model/spec';
import type { AppState } from './appStore';
import type { CustomDataset } from './dataSlice';

/** What a run trained: compared with the current choice to tell whether its results still apply. */
export interface TrainedOn {
  readonly datasetId: string;
  /** The user's own dataset object (compared by identity), or null for a built-in one. */
  readonly custom: CustomDataset | null;
  /** The network's blocks (not their canvas positions), as text. */
  readonly specKey: string;
}

const keys = new WeakMap<ModelSpec, string>();

/** The network's structure as text; canvas positions are left out (moving a block changes no result). */
export function specKey(spec: ModelSpec): string {
  let key = keys.get(spec);
  if (key === undefined) {
    key = JSON.stringify(spec.blocks);
    keys.set(spec, key);
  }
  return key;
}

export function trainedOn(s: Pick<AppState, 'datasetId' | 'customDataset' | 'spec'>): TrainedOn {
  return { datasetId: s.datasetId, custom: s.datasetId === 'custom' ? s.customDataset : null, specKey: specKey(s.spec) };
}

export type Staleness = 'dataset' | 'network' | null;

/** Why the results on screen no longer describe the current experiment, or null while they do. */
export function selectResultsStale(s: Pick<AppState, 'trainedOn' | 'datasetId' | 'customDataset' | 'spec'>): Staleness {
  const t = s.trainedOn;
  if (!t) return null;
  if (t.datasetId !== s.datasetId || (s.datasetId === 'custom' && t.custom !== s.customDataset)) return 'dataset';
  return t.specKey === specKey(s.spec) ? null : 'network';
}
