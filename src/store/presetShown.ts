// The preset menu names a preset only while the network on screen is that preset, unchanged: after an edit
// (or a link, or a project) it shows "edited" instead of a network that is no longer there.
import { PRESETS, REFERENCE_PRESETS } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import type { AppState } from './appStore';
import { canonical } from './linkSlice';

const blocksKey = new WeakMap<ModelSpec, string>();
// Per preset, built on first ask: building every preset (ResNet, VGG...) to name the one on screen was a long
// task of the first screen (180 ms of main thread at Lighthouse's 4x slower CPU).
const presetKeys = new Map<string, string | null>();
const ALL_PRESETS = [...PRESETS, ...REFERENCE_PRESETS];

function presetKey(id: string): string | null {
  let key = presetKeys.get(id);
  if (key === undefined) {
    const preset = ALL_PRESETS.find((p) => p.id === id);
    key = preset === undefined ? null : canonical(preset.build().blocks);
    presetKeys.set(id, key);
  }
  return key;
}

const keyOf = (spec: ModelSpec): string => {
  let key = blocksKey.get(spec);
  if (key === undefined) {
    key = canonical(spec.blocks);
    blocksKey.set(spec, key);
  }
  return key;
};

/** The preset the network on screen is, unchanged, or null when it is edited or was never one. */
export function selectPresetOnScreen(s: Pick<AppState, 'presetId' | 'spec'>): string | null {
  return presetKey(s.presetId) === keyOf(s.spec) ? s.presetId : null;
}
