// The network being edited, with its analysis (recomputed by the pure core on every change).
import type { StateCreator } from 'zustand/vanilla';
import type { ModelAnalysis } from '../model/analysis';
import { analyzeModel } from '../model/analyze';
import { PRESETS } from '../model/presets';
import type { DataShape, ModelSpec } from '../model/spec';
import type { AppState } from './appStore';

export const MNIST_SHAPE: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

export interface ModelSlice {
  presetId: string;
  spec: ModelSpec;
  analysis: ModelAnalysis;
  loadPreset(id: string): void;
}

export function presetSpec(id: string): { id: string; spec: ModelSpec } {
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0];
  if (!preset) throw new Error('no presets defined');
  return { id: preset.id, spec: preset.build() };
}

export const createModelSlice = (presetId: string): StateCreator<AppState, [], [], ModelSlice> => (set) => {
  const first = presetSpec(presetId);
  return {
    presetId: first.id,
    spec: first.spec,
    analysis: analyzeModel(first.spec, MNIST_SHAPE),
    loadPreset: (id) => {
      const next = presetSpec(id);
      set({ presetId: next.id, spec: next.spec, analysis: analyzeModel(next.spec, MNIST_SHAPE) });
    },
  };
};
