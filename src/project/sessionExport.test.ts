// The Export menu refuses a network a format cannot write yet (the transformer blocks in Keras and ONNX)
// with its own message, before asking the worker for anything; other networks export as before.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { lenet5Mnist } from '../model/presets';
import { vitTiny } from '../model/presetVit';
import type { DataShape, ModelSpec } from '../model/spec';
import type { AppState } from '../store/appStore';
import { exportNetwork } from './sessionExport';
import en from '../i18n/project.en';
import ko from '../i18n/project.ko';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
const stateOf = (spec: ModelSpec) => ({ spec, analysis: analyzeModel(spec, MNIST), dataShape: MNIST, datasetId: 'mnist', language: 'en' }) as unknown as AppState;

describe('export of a network a format cannot write', () => {
  it('refuses Keras and ONNX for a ViT with a message in both languages, without asking for weights', async () => {
    let asked = 0;
    const ask = async () => { asked++; return null; };
    expect(await exportNetwork('keras', 'vit', stateOf(vitTiny()), ask)).toEqual({ problem: 'refusedKeras' });
    expect(await exportNetwork('onnx', 'vit', stateOf(vitTiny()), ask)).toEqual({ problem: 'refusedOnnx' });
    expect(asked).toBe(0);
    for (const messages of [en, ko]) {
      expect(messages.problem.refusedKeras).toMatch(/PyTorch/);
      expect(messages.problem.refusedOnnx).toMatch(/PyTorch/);
    }
  });

  it('still writes Keras for a CNN', async () => {
    const file = await exportNetwork('keras', 'lenet', stateOf(lenet5Mnist()), async () => null);
    expect(file).toMatchObject({ fileName: 'lenet-keras.py' });
  });
});
