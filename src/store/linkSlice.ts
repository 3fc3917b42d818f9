// The experiment as a whole, for the link: loading one (network + hyper-parameters + dataset) in a single
// step, and the notice saying what was wrong with a link that could not be read fully.
import type { StateCreator } from 'zustand/vanilla';
import { analyzeModel } from '../model/analyze';
import type { LinkProblem } from '../model/link';
import { PRESETS } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import type { AppState } from './appStore';
import type { Experiment } from './linkState';
import { isEditLocked } from './modelSlice';
import { formatStepRef, parseStepRef } from '../lessons';

export interface LinkSlice {
  /** Problems with the link the page was opened with (or navigated to); empty when it was fine. */
  linkProblems: readonly LinkProblem[];
  /** Whether the address the page was opened with named an experiment (a link), not a bare address
   * (a bookmark, the installed icon, a typed address): the saved projects read it at start-up. */
  openedByLink: boolean;
  /** Counts links opened in this page after start-up (another link pasted into the same tab). */
  linkOpens: number;
  /**
   * Opens an experiment. `initial`: at start-up, before the first render (no undo step, nothing to undo to).
   * Refused (returns false) while a run uses the network.
   */
  loadExperiment(e: Experiment, opts?: { initial?: boolean }): boolean;
  setLinkProblems(problems: readonly LinkProblem[]): void;
}

export const selectExperiment = (s: AppState): Experiment =>
  ({ spec: s.spec, hyper: s.hyper, datasetId: s.datasetId, validationFraction: s.validationFraction,
    lessonStep: s.lessonStep ? formatStepRef(s.lessonStep) : null });

/** Key order of objects does not matter (the schema rebuilds them in its own order). */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The preset this network is, if it is one unchanged (the preset menu then shows it). */
function presetOf(spec: ModelSpec): string | null {
  const text = canonical(spec);
  return PRESETS.find((p) => canonical(p.build()) === text)?.id ?? null;
}

export const createLinkSlice: StateCreator<AppState, [], [], LinkSlice> = (set, get) => ({
  linkProblems: [],
  openedByLink: false,
  linkOpens: 0,
  loadExperiment: (e, opts = {}) => {
    if (isEditLocked(get())) return false;
    // The dataset first: it sets the input shape the network is checked against.
    if (e.datasetId !== get().datasetId) get().selectDataset(e.datasetId);
    get().setValidationFraction(e.validationFraction);
    const s = get();
    const presetId = presetOf(e.spec) ?? s.presetId;
    if (opts.initial) {
      set({ spec: e.spec, analysis: analyzeModel(e.spec, s.dataShape), presetId, hyper: e.hyper });
    } else {
      s.setSpec(e.spec); // undoable, like any other replacement of the network
      set({ presetId, hyper: e.hyper });
    }
    if (e.lessonStep) get().openLessonStep(parseStepRef(e.lessonStep));
    return true;
  },
  setLinkProblems: (linkProblems) => set({ linkProblems }),
});
