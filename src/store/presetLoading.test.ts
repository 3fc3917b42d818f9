import { describe, expect, it } from 'vitest';
import { createAppStore, selectCanTrain } from './appStore';

describe('loading presets', () => {
  it('opens a full-size reference network at its own input size, for study only', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().loadPreset('resnet18');
    const s = store.getState();
    expect(s.presetId).toBe('resnet18');
    expect(s.studyPreset).toBe('resnet18');
    expect(s.dataShape).toEqual({ inputShape: [224, 224, 3], numClasses: 1000 });
    expect(s.analysis.valid).toBe(true);
    expect(s.analysis.totals.trainable).toBe(11_689_512); // torchvision resnet18
    expect(selectCanTrain(s)).toBe(false);
  });

  it('goes back to the dataset and can train again after a trainable preset', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().loadPreset('vgg16');
    store.getState().loadPreset('lenet5');
    const s = store.getState();
    expect(s.studyPreset).toBeNull();
    expect(s.dataShape.inputShape).toEqual([28, 28, 1]);
    expect(selectCanTrain(s)).toBe(true);
  });

  it('brings the dataset a trainable preset is sized for', () => {
    const store = createAppStore({ language: 'en' });
    expect(store.getState().datasetId).toBe('mnist');
    store.getState().loadPreset('cifarSmall');
    const s = store.getState();
    expect(s.datasetId).toBe('cifar10');
    expect(s.dataShape.inputShape).toEqual([32, 32, 3]);
    expect(s.analysis.valid).toBe(true);
  });

  it('leaves study mode for an empty canvas, analysed at the dataset size', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().loadPreset('alexnet');
    store.getState().loadEmpty();
    expect(store.getState().studyPreset).toBeNull();
    expect(store.getState().dataShape.inputShape).toEqual([28, 28, 1]);
  });
});

describe('undo across preset changes', () => {
  it('brings the Preset menu and a reference network’s study mode back with the network', () => {
    const store = createAppStore({ language: 'en' });
    const s = () => store.getState();
    s().loadPreset('googlenet');
    const googlenet = s().spec;
    s().loadPreset('lenet5');
    expect(s().presetId).toBe('lenet5');
    s().undo();
    expect(s().spec).toBe(googlenet);
    expect(s().presetId).toBe('googlenet');
    expect(s().studyPreset).toBe('googlenet');
    expect(s().dataShape.inputShape).toEqual([224, 224, 3]);
    expect(s().analysis.valid).toBe(true);
    s().redo();
    expect(s().presetId).toBe('lenet5');
    expect(s().studyPreset).toBeNull();
    expect(s().dataShape.inputShape).toEqual([28, 28, 1]);
    expect(selectCanTrain(s())).toBe(true);
    s().undo();
    s().undo();
    expect(s().presetId).toBe('lenet5'); // the first network
    expect(s().studyPreset).toBeNull();
  });
});
