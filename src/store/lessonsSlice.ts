// The lessons' side of the store: which step is open, the student's progress and answers (kept in
// localStorage, so they survive a reload), what the lesson tools measured (kernel lab, init lab, gradient
// flow, side-by-side runs) for the steps' checks, and applying a step's setup through the other slices'
// actions. Checks themselves are pure (src/lessons); the panel evaluates them.
import type { StateCreator } from 'zustand/vanilla';
import { findStep, type StepRef } from '../lessons';
import type { ComparedRun, GradientReading, InitLabResults, KernelLabResults, LessonResults, LessonStep } from '../lessons/types';
import { sameData } from '../lessons/checks';
import { NO_RESULTS } from '../lessons/types';
import type { AppState, AppStore } from './appStore';
import { DEFAULT_VALIDATION_FRACTION } from './dataSlice';
import { isEditLocked } from './modelSlice';

const STORAGE_KEY = 'cnnp.lessons.v1';

/** Where the side-by-side runs are: the entry being trained, of how many; null when none is going. */
export interface CompareProgress {
  readonly index: number;
  readonly total: number;
}

export interface LessonsSlice {
  lessonStep: StepRef | null;
  /** Done steps by stepKey (`lesson:stepId`). */
  lessonDone: Readonly<Record<string, true>>;
  /** The option picked in a step's "predict, then reveal", by stepKey. */
  lessonAnswers: Readonly<Record<string, number>>;
  lessonResults: LessonResults;
  /** The step last open in each lesson (by lesson id), so reopening a lesson resumes there. */
  lessonPlace: Readonly<Record<string, number>>;
  /** Set when the open step's set-up replaced a different network: how many blocks it had (undo brings it back). */
  lessonSetupNotice: { readonly replacedBlocks: number } | null;
  /** Undoes the set-up's replacement of the network and clears the notice. */
  undoLessonSetup(): void;
  compareProgress: CompareProgress | null;
  openLessonStep(ref: StepRef | null): void;
  markStepDone(key: string): void;
  answerPrediction(key: string, option: number): void;
  resetLessonProgress(): void;
  /** A reopened project's progress ({ done, answers }, checked like the saved one) replaces the current one. */
  setLessonProgress(progress: unknown): void;
  recordKernelLab(patch: Partial<KernelLabResults>): void;
  recordInitLab(result: InitLabResults): void;
  recordGradients(reading: GradientReading | null): void;
  recordRun(run: LessonResults['run']): void;
  setCompareProgress(progress: CompareProgress | null): void;
  setComparedRuns(runs: readonly ComparedRun[]): void;
  /** A side panel came to the front (watchLessonRuns calls it); the open step's checks read the list. */
  recordPanelOpened(panel: string): void;
  /** The views were pointed at a test image (watchLessonRuns calls it). */
  recordImageViewed(index: number): void;
  /** A view of "What did it learn?" was computed. */
  recordViewComputed(view: string): void;
  /**
   * Sets the app up as the step says (dataset, network, hyper-parameters, selected block). Refused (false)
   * while a run uses the network.
   */
  applyStepSetup(step: LessonStep): boolean;
}

interface Saved {
  readonly done: Record<string, true>;
  readonly answers: Record<string, number>;
}

const PLACE_KEY = 'cnnp.lessons.place.v1';

/** Lesson id -> step number, whole numbers only, whatever else a saved value holds. */
export function readLessonPlace(value: unknown): Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => /^\d+$/.test(k) && Number.isInteger(v) && (v as number) >= 1));
}

function loadPlace(): Record<string, number> {
  try {
    const text = globalThis.localStorage?.getItem(PLACE_KEY);
    return text ? readLessonPlace(JSON.parse(text)) : {};
  } catch {
    return {};
  }
}

function savePlace(place: Readonly<Record<string, number>>): void {
  try {
    globalThis.localStorage?.setItem(PLACE_KEY, JSON.stringify(place));
  } catch {
    // full or unavailable storage: the place is kept for this visit only
  }
}

/** Only step keys (`lesson:stepId`) and whole answers are kept of a saved progress, whatever else it holds. */
export function readLessonProgress(value: unknown): Saved {
  const raw = (value !== null && typeof value === 'object' ? value : {}) as { done?: unknown; answers?: unknown };
  const entries = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : []);
  const done = Object.fromEntries(entries(raw.done).filter(([k, v]) => /^\d+:\w+$/.test(k) && v === true).map(([k]) => [k, true as const]));
  const answers = Object.fromEntries(entries(raw.answers).filter(([k, v]) => /^\d+:\w+$/.test(k) && Number.isInteger(v)));
  return { done, answers: answers as Record<string, number> };
}

/** What a project saves of the lessons. */
export const selectLessonProgress = (s: Pick<LessonsSlice, 'lessonDone' | 'lessonAnswers'>): Saved =>
  ({ done: { ...s.lessonDone }, answers: { ...s.lessonAnswers } });

function load(): Saved {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!text) return { done: {}, answers: {} };
    return readLessonProgress(JSON.parse(text));
  } catch {
    return { done: {}, answers: {} }; // unreadable or unavailable storage: start afresh
  }
}

function save(s: Pick<LessonsSlice, 'lessonDone' | 'lessonAnswers'>): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ done: s.lessonDone, answers: s.lessonAnswers }));
  } catch {
    // full or unavailable storage: progress is kept for this visit only
  }
}

export const createLessonsSlice: StateCreator<AppState, [], [], LessonsSlice> = (set, get) => {
  const saved = load();
  const results = (patch: Partial<LessonResults>) => set((s) => ({ lessonResults: { ...s.lessonResults, ...patch } }));
  return {
    lessonStep: null,
    lessonDone: saved.done,
    lessonAnswers: saved.answers,
    lessonResults: NO_RESULTS,
    lessonPlace: loadPlace(),
    lessonSetupNotice: null,
    undoLessonSetup: () => {
      if (get().lessonSetupNotice === null) return;
      get().undo();
      set({ lessonSetupNotice: null });
    },
    compareProgress: null,
    // A step's task is earned while it is open: what the student did for another step (runs, lab results, views
    // opened) does not count, so the results start afresh when another step opens (the same one keeps them).
    openLessonStep: (ref) => set((s) => {
      const next = ref && findStep(ref) ? ref : null;
      const same = next !== null && s.lessonStep !== null && next.lesson === s.lessonStep.lesson && next.step === s.lessonStep.step;
      const place = next ? { ...s.lessonPlace, [next.lesson]: next.step } : s.lessonPlace;
      if (next) savePlace(place);
      return { lessonStep: next, lessonResults: same ? s.lessonResults : NO_RESULTS, lessonPlace: place, lessonSetupNotice: null };
    }),
    markStepDone: (key) => {
      if (get().lessonDone[key]) return;
      set((s) => ({ lessonDone: { ...s.lessonDone, [key]: true } }));
      save(get());
    },
    answerPrediction: (key, option) => {
      set((s) => ({ lessonAnswers: { ...s.lessonAnswers, [key]: option } }));
      save(get());
    },
    resetLessonProgress: () => {
      set({ lessonDone: {}, lessonAnswers: {}, lessonResults: NO_RESULTS });
      save(get());
    },
    setLessonProgress: (progress) => {
      const { done, answers } = readLessonProgress(progress);
      set({ lessonDone: done, lessonAnswers: answers });
      save(get());
    },
    recordKernelLab: (patch) => set((s) => ({ lessonResults: { ...s.lessonResults, kernelLab: { ...s.lessonResults.kernelLab, ...patch } } })),
    recordInitLab: (initLab) => results({ initLab }),
    recordGradients: (gradients) => results({ gradients }),
    recordRun: (run) => results({ run, gradients: null }),
    setCompareProgress: (compareProgress) => set({ compareProgress }),
    setComparedRuns: (compare) => results({ compare }),
    recordPanelOpened: (panel) => {
      const opened = get().lessonResults.panelsOpened;
      if (!opened.includes(panel)) results({ panelsOpened: [...opened, panel] });
    },
    recordImageViewed: (index) => results({ imagesViewed: [...get().lessonResults.imagesViewed, { panel: get().panel, index }] }),
    recordViewComputed: (view) => {
      const computed = get().lessonResults.viewsComputed;
      if (!computed.includes(view)) results({ viewsComputed: [...computed, view] });
    },
    applyStepSetup: (step) => {
      const s = get();
      if (isEditLocked(s) || s.compareProgress !== null) return false;
      const { setup } = step;
      const before = s.spec;
      if (setup.dataset && setup.dataset !== s.datasetId) s.selectDataset(setup.dataset);
      if (setup.preset) get().loadPreset(setup.preset);
      else if (setup.spec) get().setSpec(setup.spec());
      if (setup.hyper) get().setHyper(setup.hyper);
      // A step's data comes with its split: the overfitting step's fifth held out does not follow into later steps.
      if (setup.dataset || setup.validationFraction !== undefined) get().setValidationFraction(setup.validationFraction ?? DEFAULT_VALIDATION_FRACTION);
      if (setup.block) get().select([setup.block]);
      // The network the student had is one undo away; the panel says so, with the button.
      const after = get().spec;
      if (after !== before && !sameData(after, before)) set({ lessonSetupNotice: { replacedBlocks: before.blocks.length } });
      return true;
    },
  };
};

/** The parts of the workspace the open step hides, space-separated ('' when none or no step is open). */
export const selectLessonHidden = (s: AppState): string => {
  const step = s.lessonStep ? findStep(s.lessonStep) : undefined;
  return step?.setup.hide?.join(' ') ?? '';
};

/**
 * Reads kept by the lessons' checks as the student works: each run's network and settings, its gradient flow,
 * and the side panels brought to the front.
 */
export interface GradientSource {
  readonly latest: { readonly step: number; readonly gradients: { readonly ids: readonly string[]; readonly gradNorm: ArrayLike<number> } | null } | null;
  subscribe(listener: () => void): () => void;
  /** The probes' settings now and as they change: the input image the views look at. */
  readonly config?: { readonly input: { readonly kind: string; readonly index?: number } };
  onConfig?(listener: (config: { readonly input: { readonly kind: string; readonly index?: number } }) => void): () => void;
}

/** Starts recording; returns the function that stops it. */
export function watchLessonRuns(store: AppStore, gradients: GradientSource): () => void {
  const offStore = store.subscribe((s, prev) => {
    if (s.runId !== prev.runId && s.runId !== null) s.recordRun({ spec: s.spec, hyper: s.hyper });
    if (s.panel !== prev.panel) s.recordPanelOpened(s.panel);
  });
  const offProbes = gradients.subscribe(() => {
    const g = gradients.latest?.gradients;
    const reading = g && gradients.latest
      ? { ids: [...g.ids], gradNorm: Array.from(g.gradNorm), step: gradients.latest.step } : null;
    const current = store.getState().lessonResults.gradients;
    if (reading?.step !== current?.step || (reading === null) !== (current === null)) store.getState().recordGradients(reading);
  });
  // Only a newly chosen image counts: the probes re-send the same input whenever a view opens or closes.
  let lastInput: unknown = gradients.config?.input;
  const offConfig = gradients.onConfig?.(({ input }) => {
    if (input === lastInput) return;
    lastInput = input;
    if (input.kind === 'test' && input.index !== undefined) store.getState().recordImageViewed(input.index);
  }) ?? (() => undefined);
  return () => {
    offStore();
    offProbes();
    offConfig();
  };
}
