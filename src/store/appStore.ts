// One zustand store in typed slices: the network, the training run, the UI. Actions call pure functions
// then set; high-frequency metrics never pass through here (see src/metrics).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModelAnalysis } from '../model/analysis';
import { analyzeModel } from '../model/analyze';
import { PRESETS } from '../model/presets';
import type { DataShape, ModelSpec } from '../model/spec';
import type { BackendChoice, BackendInfo, EpochResult, HyperParams, RunPhase } from '../train/protocol';
import type { Language } from '../i18n';

export const MNIST_SHAPE: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

export interface ModelSlice {
  presetId: string;
  spec: ModelSpec;
  analysis: ModelAnalysis;
  loadPreset(id: string): void;
}

export type UiPhase = RunPhase | 'idle';

export interface RunSlice {
  hyper: HyperParams;
  backendChoice: BackendChoice;
  runId: number | null;
  phase: UiPhase;
  phaseDetail: string | null;
  backend: BackendInfo | null;
  examples: { train: number; test: number } | null;
  /** Where the run is, updated with each metrics batch (a few times a second, never per step). */
  progress: { epoch: number; step: number } | null;
  epochs: EpochResult[];
  error: string | null;
  setHyper(patch: Partial<HyperParams>): void;
  setBackendChoice(choice: BackendChoice): void;
  runStarted(runId: number): void;
  setPhase(phase: UiPhase, detail?: string | null): void;
  setBackend(info: BackendInfo): void;
  setExamples(train: number, test: number): void;
  setProgress(epoch: number, step: number): void;
  addEpoch(result: EpochResult): void;
  setError(message: string): void;
}

export interface UiSlice {
  language: Language;
  setLanguage(lang: Language): void;
}

export type AppState = ModelSlice & RunSlice & UiSlice;
export type AppStore = StoreApi<AppState>;

export const DEFAULT_HYPER: HyperParams = { optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 3, seed: 1 };

function presetSpec(id: string): { id: string; spec: ModelSpec } {
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0];
  if (!preset) throw new Error('no presets defined');
  return { id: preset.id, spec: preset.build() };
}

export function createAppStore(init: { language: Language; presetId?: string }): AppStore {
  const first = presetSpec(init.presetId ?? 'lenet5');
  return createStore<AppState>()((set) => ({
    presetId: first.id,
    spec: first.spec,
    analysis: analyzeModel(first.spec, MNIST_SHAPE),
    loadPreset: (id) => {
      const next = presetSpec(id);
      set({ presetId: next.id, spec: next.spec, analysis: analyzeModel(next.spec, MNIST_SHAPE) });
    },

    hyper: DEFAULT_HYPER,
    backendChoice: 'auto',
    runId: null,
    phase: 'idle',
    phaseDetail: null,
    backend: null,
    examples: null,
    progress: null,
    epochs: [],
    error: null,
    setHyper: (patch) => set((s) => ({ hyper: { ...s.hyper, ...patch } })),
    setBackendChoice: (backendChoice) => set({ backendChoice }),
    runStarted: (runId) =>
      set({ runId, phase: 'loading-data', phaseDetail: null, epochs: [], error: null, examples: null, progress: null }),
    setPhase: (phase, detail = null) => set({ phase, phaseDetail: detail }),
    setBackend: (backend) => set({ backend }),
    setExamples: (train, test) => set({ examples: { train, test } }),
    setProgress: (epoch, step) => set({ progress: { epoch, step } }),
    addEpoch: (result) => set((s) => ({ epochs: [...s.epochs, result] })),
    setError: (error) => set({ error, phase: 'error' }),

    language: init.language,
    setLanguage: (language) => set({ language }),
  }));
}

// Selectors: narrow, module-level.
export const selectIsRunning = (s: AppState): boolean =>
  s.phase === 'loading-data' || s.phase === 'preparing' || s.phase === 'training' || s.phase === 'evaluating';
export const selectIsPaused = (s: AppState): boolean => s.phase === 'paused';
export const selectCanTrain = (s: AppState): boolean => s.analysis.valid && !selectIsRunning(s) && !selectIsPaused(s);
/** Batches per epoch for the current run, once the dataset size is known. */
export const selectStepsPerEpoch = (s: AppState): number | null =>
  s.examples ? Math.ceil(s.examples.train / s.hyper.batchSize) : null;
export const selectFirstError = (s: AppState) => s.analysis.issues.find((i) => i.severity === 'error') ?? null;
