// The preset menu names a preset only while the network on screen is that preset, unchanged: after an edit
// (or a link, or a project) it shows "edited" instead of a network that is no longer there.
import { PRESETS, REFERENCE_PRESETS } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import type { AppState } from './appStore';
import { canonical } from './linkSlice';

const blocksKey = new WeakMap<ModelSpec, string>();
let presetKeys: Map<string, string> | null = null;

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
  presetKeys ??= new Map([...PRESETS, ...REFERENCE_PRESETS].map((p) => [p.id, canonical(p.build().blocks)]));
  return presetKeys.get(s.presetId) === keyOf(s.spec) ? s.presetId : null;
}
