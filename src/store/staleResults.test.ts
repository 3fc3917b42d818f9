// Results outlive what made them no longer: the run counter counts the run's own epochs (not a number typed
// since), and the preset menu names a preset only while that network is on screen unchanged.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './appStore';
import { selectPresetOnScreen } from './presetShown';
import { selectRunEpochs } from './runSlice';

describe('results of an earlier run or network', () => {
  it('counts the epochs the run was started for, after the epochs field changed', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().setHyper({ epochs: 3 });
    store.getState().runStarted(1);
    store.getState().setProgress(3, 174);
    store.getState().setPhase('done');
    store.getState().setHyper({ epochs: 1 });
    expect(selectRunEpochs(store.getState())).toBe(3); // "Epoch 3 / 3", never "Epoch 3 / 1"
    store.getState().clearResults();
    expect(selectRunEpochs(store.getState())).toBe(1);
  });

  it('names the preset only while its network is on screen unchanged', () => {
    const store = createAppStore({ language: 'en' });
    expect(selectPresetOnScreen(store.getState())).toBe('lenet5');
    store.getState().addBlock('dropout');
    expect(store.getState().presetId).toBe('lenet5'); // where it came from
    expect(selectPresetOnScreen(store.getState())).toBeNull(); // but that is not what is on screen
    store.getState().undo();
    expect(selectPresetOnScreen(store.getState())).toBe('lenet5');
    store.getState().loadPreset('tinyCnn');
    expect(selectPresetOnScreen(store.getState())).toBe('tinyCnn');
  });
});
