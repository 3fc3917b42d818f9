// Naming the preset on screen (staleResults.test.ts checks which name) must not build every preset: the
// reference networks are large, and the top bar asks on the first screen.
import { expect, it, vi } from 'vitest';
import { PRESETS, REFERENCE_PRESETS } from '../model/presets';
import { presetSpec } from './modelSlice';
import { selectPresetOnScreen } from './presetShown';

it('builds only the preset it is asked about, once', () => {
  const { spec } = presetSpec('lenet5');
  const builds = [...PRESETS, ...REFERENCE_PRESETS].map((p) => vi.spyOn(p, 'build'));
  const built = () => builds.reduce((n, b) => n + b.mock.calls.length, 0);
  expect(selectPresetOnScreen({ presetId: 'lenet5', spec })).toBe('lenet5');
  expect(selectPresetOnScreen({ presetId: 'lenet5', spec })).toBe('lenet5');
  expect(built()).toBe(1);
  expect(selectPresetOnScreen({ presetId: 'vgg16', spec })).toBeNull();
  expect(selectPresetOnScreen({ presetId: 'no-such-preset', spec })).toBeNull();
  expect(built()).toBe(2);
});
