// The training run as the UI sees it: hyper-parameters, phase, backend, per-epoch results. Per-batch
// metrics do not pass through here (see src/metrics).
import type { StateCreator } from 'zustand/vanilla';
import type { BackendChoice, BackendInfo, Divergence, EpochResult, HyperParams, RunPhase, WorkersChoice } from '../train/api/protocol';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import type { AppState } from './appStore';
import type { RunFailure } from '../train/api/failure';
import type { TrainedOn } from './results';

export type UiPhase = RunPhase | 'idle';

export const DEFAULT_HYPER: HyperParams = DEFAULT_HYPER_PARAMS;

export interface RunSlice {
  hyper: HyperParams;
  backendChoice: BackendChoice;
  /** 'one': train in one worker even where data-parallel workers would run (a machine setting, like the backend). */
  workersChoice: WorkersChoice;
  runId: number | null;
  phase: UiPhase;
  phaseDetail: string | null;
  backend: BackendInfo | null;
  /** `labelledOf`: with a share of the labels, how many training images it was taken from. */
  examples: { train: number; test: number; labelledOf?: number } | null;
  /** The epochs the current run was started for (hyper.epochs may have changed since); null before a run. */
  runEpochs: number | null;
  /** Where the run is, updated with each metrics batch (a few times a second, never per step). */
  progress: { epoch: number; step: number } | null;
  /** The learning rate in effect at the latest reported step (the schedule applied), or null. */
  liveLearningRate: number | null;
  epochs: EpochResult[];
  error: string | null;
  /** Why the run failed, as a code the UI translates (train/api/failure.ts); null when none was given. */
  failure: RunFailure | null;
  /** Set when the run stopped itself because the loss blew up. */
  divergence: Divergence | null;
  /** What the current run trained (dataset, network), for telling stale results (results.ts); null when none. */
  trainedOn: TrainedOn | null;
  setHyper(patch: Partial<HyperParams>): void;
  setBackendChoice(choice: BackendChoice): void;
  setWorkersChoice(choice: WorkersChoice): void;
  runStarted(runId: number, trainedOn?: TrainedOn): void;
  /** A reopened project's trained network is the current run, with its saved epoch records; nothing ran ('idle'). */
  runRestored(runId: number, epochs: readonly EpochResult[], trainedOn: TrainedOn, step: number): void;
  /** Forgets the ended run's results (its dataset is no longer the chosen one); back to 'idle'. */
  clearResults(): void;
  setPhase(phase: UiPhase, detail?: string | null): void;
  setBackend(info: BackendInfo): void;
  setExamples(train: number, test: number, labelledOf?: number): void;
  setProgress(epoch: number, step: number, learningRate?: number): void;
  setDivergence(divergence: Divergence): void;
  addEpoch(result: EpochResult): void;
  setError(message: string, failure?: RunFailure | null): void;
}

/** The run's own number of epochs for the counter ("epoch 3 / 3"), not a number typed since. */
export const selectRunEpochs = (s: Pick<RunSlice, 'runEpochs' | 'hyper'>): number => s.runEpochs ?? s.hyper.epochs;

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  hyper: DEFAULT_HYPER,
  backendChoice: 'auto',
  workersChoice: 'auto',
  runId: null,
  phase: 'idle',
  phaseDetail: null,
  backend: null,
  examples: null,
  runEpochs: null,
  progress: null,
  liveLearningRate: null,
  epochs: [],
  error: null,
  failure: null,
  divergence: null,
  trainedOn: null,
  setHyper: (patch) => set((s) => ({ hyper: { ...s.hyper, ...patch } })),
  setBackendChoice: (backendChoice) => set({ backendChoice }),
  setWorkersChoice: (workersChoice) => set({ workersChoice }),
  runStarted: (runId, trainedOn) =>
    set((s) => ({ runId, phase: 'loading-data', phaseDetail: null, epochs: [], error: null, failure: null, examples: null, progress: null,
      liveLearningRate: null, divergence: null, trainedOn: trainedOn ?? null, runEpochs: s.hyper.epochs })),
  runRestored: (runId, epochs, trainedOn, step) =>
    set((s) => ({ runId, runEpochs: Math.max(s.hyper.epochs, epochs.at(-1)?.epoch ?? 0), phase: 'idle', phaseDetail: null, epochs: [...epochs], error: null, failure: null, examples: null,
      progress: epochs.length > 0 ? { epoch: epochs[epochs.length - 1]!.epoch, step } : null,
      liveLearningRate: null, divergence: null, trainedOn })),
  clearResults: () =>
    set({ phase: 'idle', phaseDetail: null, epochs: [], error: null, failure: null, examples: null, progress: null, runEpochs: null,
      liveLearningRate: null, divergence: null, trainedOn: null }),
  setPhase: (phase, detail = null) => set({ phase, phaseDetail: detail }),
  setBackend: (backend) => set({ backend }),
  setExamples: (train, test, labelledOf) => set({ examples: labelledOf === undefined ? { train, test } : { train, test, labelledOf } }),
  setProgress: (epoch, step, learningRate) =>
    set(learningRate === undefined ? { progress: { epoch, step } } : { progress: { epoch, step }, liveLearningRate: learningRate }),
  setDivergence: (divergence) => set({ divergence }),
  addEpoch: (result) => set((s) => ({ epochs: [...s.epochs, result] })),
  setError: (error, failure = null) => set({ error, failure, phase: 'error' }),
});
