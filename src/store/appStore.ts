// One zustand store composed of typed slices (one file each): the network, the training run, the UI.
// Actions call pure functions then set; high-frequency metrics never pass through here (see src/metrics).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Language } from '../i18n';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createLessonsSlice, type LessonsSlice } from './lessonsSlice';
import { createLinkSlice, type LinkSlice } from './linkSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export { MNIST_SHAPE } from './modelSlice';
export { DEFAULT_HYPER, type UiPhase } from './runSlice';
export type { ModelSlice, RunSlice, UiSlice };

export type AppState = ModelSlice & RunSlice & UiSlice & LinkSlice & DataSlice & LessonsSlice;
export type AppStore = StoreApi<AppState>;

/** A fresh store; each test makes its own. */
export function createAppStore(init: { language: Language; presetId?: string }): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createModelSlice(init.presetId ?? 'lenet5')(...a),
    ...createRunSlice(...a),
    ...createUiSlice(init.language)(...a),
    ...createLinkSlice(...a),
    ...createDataSlice(...a),
    ...createLessonsSlice(...a),
  }));
}

// Selectors: narrow, module-level.
export const selectIsRunning = (s: AppState): boolean =>
  s.phase === 'loading-data' || s.phase === 'preparing' || s.phase === 'training' || s.phase === 'evaluating';
export const selectIsPaused = (s: AppState): boolean => s.phase === 'paused';
/** A run is going: training, or paused part-way. */
export const selectRunActive = (s: AppState): boolean => selectIsRunning(s) || selectIsPaused(s);
export const selectCanTrain = (s: AppState): boolean =>
  s.analysis.valid && s.studyPreset === null && !selectRunActive(s) && !selectHasInvalidField(s);
/** A field shows text that is not a valid value: the store holds another value than the one shown. */
export const selectHasInvalidField = (s: AppState): boolean => Object.keys(s.invalidFields).length > 0;
/** The names of the fields that hold invalid text, joined for a sentence. */
export const selectInvalidFieldNames = (s: AppState): string => Object.values(s.invalidFields).join(', ');
/** Batches per epoch for the current run, once the dataset size is known. */
export const selectStepsPerEpoch = (s: AppState): number | null =>
  s.examples ? Math.ceil(s.examples.train / s.hyper.batchSize) : null;
export const selectFirstError = (s: AppState) => s.analysis.issues.find((i) => i.severity === 'error') ?? null;
