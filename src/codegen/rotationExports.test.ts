// Exports of a network trained on a rotation pretext dataset: train.py and the notebook read the dataset's own
// labels (the digits), so they would train something else than the run (the turns). The PyTorch zip holds the
// model and weights without train.py and says why; the notebook is refused with the reason. The same network
// on plain MNIST still gets both.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SMALL_MNIST_TRAIN } from '../data/registry';
import { analyzeModel } from '../model/analyze';
import { tinyCnn } from '../model/presets';
import type { DataShape } from '../model/spec';
import { expectedWeights } from '../project/expectedWeights';
import type { ExportInput } from './bundle';
import { exportAnyFile } from './exportAny';

function input(datasetId: string, numClasses: number): ExportInput {
  const data: DataShape = { inputShape: [28, 28, 1], numClasses };
  const spec = tinyCnn();
  const analysis = analyzeModel(spec, data);
  const weights = expectedWeights(spec, analysis, numClasses)
    .map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.01) }));
  return {
    name: 'turns', spec, analysis, data, datasetId, trained: { weights, topology: null },
    hyper: { optimizer: 'adam', learningRate: 0.01, momentum: 0.9, schedule: { kind: 'constant' }, weightDecay: 0,
      augmentation: { flip: false, shift: 0 }, batchSize: 8, epochs: 1, seed: 1 },
    course: { run: null, language: 'en' },
  };
}

const files = (zip: Record<string, Uint8Array>) => Object.keys(zip).filter((n) => !n.endsWith('/')).sort();

describe('exports of a network trained on rotation prediction', () => {
  it('PyTorch: model and weights without train.py, and the README says why', async () => {
    const zip = unzipSync((await exportAnyFile('pytorch', input('mnist-rotation', 4))).bytes);
    expect(files(zip)).toEqual(['turns-pytorch/README.txt', 'turns-pytorch/model.py', 'turns-pytorch/weights.safetensors']);
    expect(strFromU8(zip['turns-pytorch/README.txt'] as Uint8Array)).toMatch(/^NOTE: there is no train.py in this export: .*rotation/);
  });

  it('the notebook is refused with the reason', async () => {
    await expect(exportAnyFile('notebook', input('cifar10-rotation', 4))).rejects.toThrow(/cannot train this network: .*rotation/);
  });

  it('the same network on MNIST still gets its train.py', async () => {
    const zip = unzipSync((await exportAnyFile('pytorch', input('mnist', 10))).bytes);
    expect(files(zip)).toContain('turns-pytorch/train.py');
  });
});

// Small MNIST (lesson 5.2's overfitting set) is MNIST's first few hundred training images: train.py and the
// notebook would train on all 60,000, a different experiment from the run's.
describe('exports of a network trained on small MNIST', () => {
  it('PyTorch: no train.py, and the README says the run saw only the first images', async () => {
    const zip = unzipSync((await exportAnyFile('pytorch', input('mnist-small', 10))).bytes);
    expect(files(zip)).not.toContain('turns-pytorch/train.py');
    expect(strFromU8(zip['turns-pytorch/README.txt'] as Uint8Array)).toMatch(new RegExp(`^NOTE: there is no train.py in this export: .*first ${SMALL_MNIST_TRAIN} training images`));
  });

  it('the notebook is refused with the reason', async () => {
    await expect(exportAnyFile('notebook', input('mnist-small', 10))).rejects.toThrow(new RegExp(`cannot train this network: .*first ${SMALL_MNIST_TRAIN} `));
  });
});

describe('exports of a network trained on a share of the labels', () => {
  it('PyTorch leaves train.py out and says why; the notebook is refused', async () => {
    const shared = (id: string, n: number) => { const i = input(id, n); return { ...i, hyper: { ...i.hyper, labelShare: 0.1 as const } }; };
    const zip = unzipSync((await exportAnyFile('pytorch', shared('mnist', 10))).bytes);
    expect(files(zip)).not.toContain('turns-pytorch/train.py');
    expect(strFromU8(zip['turns-pytorch/README.txt'] as Uint8Array)).toMatch(/^NOTE: there is no train.py in this export: .*share of/);
    await expect(exportAnyFile('notebook', shared('mnist', 10))).rejects.toThrow(/cannot train this network: .*share of the labels/);
  });
});

describe('exports of a network trained on a class subset', () => {
  it('the notebook is refused with the reason: it would train on all ten CIFAR-10 classes', async () => {
    await expect(exportAnyFile('notebook', input('cifar10-vehicles', 4))).rejects.toThrow(/cannot train this network: .*some of them/);
  });
});
