// The network being edited, with its analysis (recomputed by the pure core on every change), the editor's
// selection and the undo / redo history. Every edit is a pure function from editOps; this slice only records
// history, re-analyses and refuses edits while a run is using the network.
import type { StateCreator } from 'zustand/vanilla';
import type { ModelAnalysis } from '../model/analysis';
import { analyzeModel } from '../model/analyze';
import { findPreset, presetDataShape, PRESETS } from '../model/presets';
import { datasetShape } from './dataSlice';
import type { BlockKind, DataShape, ModelSpec } from '../model/spec';
import type { AppState } from './appStore';
import { defaultBlock } from '../model/blockFields';
import { canConnect, type ConnectCode, type ConnectResult } from '../model/connect';
import type { IssueCode } from '../model/issues';
import * as ops from './editOps';
import { withBlockTraining, type BlockTraining } from '../model/blockTraining';
import type { WeightList } from '../codegen/weights';
import { emptyHistory, record, redo, undo, type History } from './history';

export const MNIST_SHAPE: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

/** A connection the editor refused, with the reason (an issue code of the 'model' namespace). */
export interface ConnectRefusal {
  readonly from: string;
  readonly to: string;
  readonly code: ConnectCode | IssueCode;
  readonly values: Readonly<Record<string, number | string>>;
}

/** Where the next run's starting weights come from, and the weights (TensorFlow.js names). */
export interface StartWeights {
  readonly from: string;
  readonly weights: WeightList;
}

export interface ModelSlice {
  presetId: string;
  spec: ModelSpec;
  analysis: ModelAnalysis;
  dataShape: DataShape;
  /** Selected block ids in the editor (the inspector shows the first). */
  selection: readonly string[];
  history: History<ModelSpec>;
  /** The last refused connection, shown until the next edit. */
  refusal: ConnectRefusal | null;
  loadPreset(id: string): void;
  /** An input block and a softmax output, connected: the smallest network that trains. */
  loadEmpty(): void;
  /** Replaces the whole network (a link, a file); undoable like every edit. */
  setSpec(spec: ModelSpec): void;
  setDataShape(shape: DataShape): void;
  /** Set while a full-size reference network (too large to train here) is open for study. */
  studyPreset: string | null;
  /**
   * Adds a block with default settings; returns its id, or null when editing is locked. `freeze` stores the
   * positions the canvas shows, so placing one block by hand does not let the others jump.
   */
  addBlock(kind: BlockKind, opts?: { after?: string; at?: ops.Point; freeze?: ops.Layout }): string | null;
  removeBlocks(ids: readonly string[]): void;
  /** The core's verdict on the connection (made when ok); null while editing is locked. */
  connectBlocks(from: string, to: string): ConnectResult | null;
  disconnect(from: string, to: string): void;
  updateBlock(id: string, patch: Readonly<Record<string, unknown>>): void;
  /** Trainable, frozen or its own learning-rate multiplier (model/blockTraining.ts); one undo step per block. */
  setBlockTraining(id: string, training: BlockTraining): void;
  /** Weights the next runs start from (a backbone from a saved project); a new network forgets them. */
  startWeights: StartWeights | null;
  setStartWeights(start: StartWeights | null): void;
  duplicateBlocks(ids: readonly string[]): string[];
  /** `key` merges a run of moves (arrow key presses) into one undo step. */
  moveBlocks(positions: ops.Layout, key?: string): void;
  setLayout(layout: ops.Layout): void;
  undo(): void;
  redo(): void;
  select(ids: readonly string[]): void;
}

export function presetSpec(id: string): { id: string; spec: ModelSpec } {
  const preset = findPreset(id) ?? PRESETS[0];
  if (!preset) throw new Error('no presets defined');
  return { id: preset.id, spec: preset.build() };
}

export function emptySpec(): ModelSpec {
  return { blocks: [{ id: 'input', kind: 'input', inputs: [] }, { id: 'output', kind: 'softmax', inputs: ['input'] }] };
}

/** The network is in use by a run (or a paused one): the editor becomes view-only. */
export const isEditLocked = (s: Pick<AppState, 'phase'>): boolean =>
  s.phase === 'loading-data' || s.phase === 'preparing' || s.phase === 'training' || s.phase === 'evaluating' ||
  s.phase === 'paused';

export const createModelSlice = (presetId: string): StateCreator<AppState, [], [], ModelSlice> => (set, get) => {
  const first = presetSpec(presetId);
  /**
   * Which preset (and study mode) each network of the history came with, so undo / redo bring the Preset
   * menu and a reference network's own input size back with the network.
   */
  const origins = new WeakMap<ModelSpec, { presetId: string; studyPreset: string | null }>();
  origins.set(first.spec, { presetId: first.id, studyPreset: null });

  /**
   * Applies an edit: analyse first, so an analysis that throws (it should not) leaves the network untouched
   * rather than half-replaced; then record the old spec for undo. `key` merges runs of like edits.
   */
  const commit = (next: ModelSpec, key: string | null = null, extra: Partial<ModelSlice> = {}): boolean => {
    const s = get();
    if (isEditLocked(s) || next === s.spec) return false;
    let analysis: ModelAnalysis;
    try {
      analysis = analyzeModel(next, s.dataShape);
    } catch (err) {
      console.warn('analysis failed; edit not applied', err);
      return false;
    }
    const known = new Set(next.blocks.map((b) => b.id));
    if (!origins.has(s.spec)) origins.set(s.spec, { presetId: s.presetId, studyPreset: s.studyPreset });
    set({
      spec: next, analysis, history: record(s.history, s.spec, key), refusal: null,
      selection: s.selection.filter((id) => known.has(id)), ...extra,
    });
    const now = get();
    origins.set(next, { presetId: now.presetId, studyPreset: now.studyPreset });
    return true;
  };

  /**
   * A spec from a link or a file may hold what the types do not promise; an edit that trips over it is
   * refused (and logged) instead of throwing into an event handler: the network stays as it was.
   */
  const guard = <A extends unknown[], R>(fallback: R, action: (...args: A) => R) => (...args: A): R => {
    try {
      return action(...args);
    } catch (err) {
      console.warn('edit not applied', err);
      return fallback;
    }
  };

  /** Back from a reference network's own input size to the selected dataset's. */
  const leaveStudy = () => {
    const s = get();
    if (s.studyPreset === null) return;
    set({ studyPreset: null, dataShape: datasetShape(s) ?? s.dataShape });
  };

  const travel = (step: typeof undo) => {
    const s = get();
    if (isEditLocked(s)) return;
    const moved = step(s.history, s.spec);
    if (moved === null) return;
    const known = new Set(moved.value.blocks.map((b) => b.id));
    if (!origins.has(s.spec)) origins.set(s.spec, { presetId: s.presetId, studyPreset: s.studyPreset });
    const origin = origins.get(moved.value) ?? { presetId: s.presetId, studyPreset: s.studyPreset };
    const preset = origin.studyPreset === null ? null : findPreset(origin.studyPreset);
    // A reference network is analysed at its own input size; any other at the chosen dataset's.
    const dataShape = preset ? presetDataShape(preset, s.dataShape)
      : s.studyPreset !== null ? datasetShape(s) ?? s.dataShape : s.dataShape;
    set({
      spec: moved.value, history: moved.history, analysis: analyzeModel(moved.value, dataShape), refusal: null,
      selection: s.selection.filter((id) => known.has(id)), presetId: origin.presetId, studyPreset: origin.studyPreset,
      dataShape,
    });
  };

  return {
    presetId: first.id,
    spec: first.spec,
    analysis: analyzeModel(first.spec, MNIST_SHAPE),
    dataShape: MNIST_SHAPE,
    studyPreset: null,
    selection: [],
    history: emptyHistory<ModelSpec>(),
    refusal: null,
    loadPreset: guard(undefined, (id: string) => {
      const preset = findPreset(id) ?? PRESETS[0];
      if (!preset || isEditLocked(get())) return;
      if (preset.trainable) {
        // A preset is sized for its dataset: bring the dataset along (this also leaves study mode).
        if (preset.dataset !== 'imagenet') get().selectDataset(preset.dataset);
        leaveStudy();
        commit(preset.build(), null, { presetId: preset.id, selection: [], startWeights: null });
        return;
      }
      // A full-size reference network: analysed at its own input size and classes, for study only.
      set({ dataShape: presetDataShape(preset, get().dataShape) });
      commit(preset.build(), null, { presetId: preset.id, studyPreset: preset.id, selection: [] });
    }),
    loadEmpty: guard(undefined, () => {
      leaveStudy();
      commit(emptySpec(), null, { selection: [], startWeights: null });
    }),
    setSpec: guard(undefined, (spec: ModelSpec) => {
      leaveStudy();
      commit(spec, null, { selection: [], startWeights: null });
    }),
    startWeights: null,
    setStartWeights: (startWeights) => set({ startWeights }),
    setDataShape: guard(undefined, (dataShape: DataShape) =>
      set((s) => ({ dataShape, studyPreset: null, analysis: analyzeModel(s.spec, dataShape) }))),
    addBlock: guard(null, (kind: BlockKind, opts: Parameters<ModelSlice['addBlock']>[1] = {}) => {
      const s = get();
      const id = ops.nextId(s.spec, kind);
      const base = opts.freeze ? ops.moveBlocks(s.spec, opts.freeze) : s.spec;
      const next = ops.addBlock(base, defaultBlock(kind, id, []), opts);
      return commit(next, null, { selection: [id] }) ? id : null;
    }),
    removeBlocks: guard(undefined, (ids: readonly string[]) => void commit(ops.removeBlocks(get().spec, ids))),
    connectBlocks: guard(null, (from: string, to: string): ConnectResult | null => {
      const s = get();
      if (isEditLocked(s)) return null;
      let base = s.spec;
      let check = canConnect(base, s.dataShape, from, to);
      if (!check.ok && check.code === 'targetFull') {
        // Plugging into an occupied single-input socket replaces its cable, as a student expects from a
        // drag; the replacement must pass the same rules.
        base = ops.clearInputs(base, to);
        check = canConnect(base, s.dataShape, from, to);
      }
      if (!check.ok) {
        set({ refusal: { from, to, code: check.code, values: check.values } });
        return check;
      }
      commit(ops.connect(base, from, to));
      return check;
    }),
    disconnect: guard(undefined, (from: string, to: string) => void commit(ops.disconnect(get().spec, from, to))),
    updateBlock: guard(undefined, (id: string, patch: Readonly<Record<string, unknown>>) => {
      // Typing "128" into one field is one undo step, not three.
      const key = `update:${id}:${Object.keys(patch).sort().join(',')}`;
      commit(ops.updateBlock(get().spec, id, patch), key);
    }),
    setBlockTraining: guard(undefined, (id: string, training: BlockTraining) =>
      void commit(withBlockTraining(get().spec, id, training), `training:${id}`)),
    duplicateBlocks: guard([], (ids: readonly string[]) => {
      const made = ops.duplicateBlocks(get().spec, ids);
      return commit(made.spec, null, { selection: made.ids }) ? made.ids : [];
    }),
    moveBlocks: guard(undefined, (positions: ops.Layout, key?: string) =>
      void commit(ops.moveBlocks(get().spec, positions), key ?? null)),
    setLayout: guard(undefined, (layout: ops.Layout) => void commit(ops.setLayout(get().spec, layout))),
    undo: () => travel(undo),
    redo: () => travel(redo),
    select: (ids) => {
      const known = new Set(get().spec.blocks.map((b) => b.id));
      set({ selection: ids.filter((id) => known.has(id)) });
    },
  };
};
