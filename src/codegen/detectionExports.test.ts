// Exports of the grid detector trained on MNIST scenes: the PyTorch zip holds the model (with decode_grid)
// and weights but no train.py (it reads one label per image) and says why; the notebook is refused with the
// reason.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { gridDetector } from '../model/detectionNets';
import type { DataShape } from '../model/spec';
import { expectedWeights } from '../project/expectedWeights';
import type { ExportInput } from './bundle';
import { exportAnyFile } from './exportAny';

const SCENES: DataShape = { inputShape: [64, 64, 1], numClasses: 11 };

function input(): ExportInput {
  const spec = gridDetector();
  const analysis = analyzeModel(spec, SCENES);
  const weights = expectedWeights(spec, analysis, SCENES.numClasses)
    .map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.01) }));
  return {
    name: 'scenes', spec, analysis, data: SCENES, datasetId: 'mnistScenes', trained: { weights, topology: null },
    hyper: { optimizer: 'adam', learningRate: 0.01, momentum: 0.9, schedule: { kind: 'constant' }, weightDecay: 0,
      augmentation: { flip: false, shift: 0 }, batchSize: 8, epochs: 1, seed: 1 },
    course: { run: null, language: 'en' },
  };
}

describe('exports of a detection network', () => {
  it('PyTorch: model (with decode_grid) and weights without train.py, and the README says why', async () => {
    const zip = unzipSync((await exportAnyFile('pytorch', input())).bytes);
    expect(Object.keys(zip).filter((n) => !n.endsWith('/')).sort())
      .toEqual(['scenes-pytorch/README.txt', 'scenes-pytorch/model.py', 'scenes-pytorch/weights.safetensors']);
    expect(strFromU8(zip['scenes-pytorch/README.txt'] as Uint8Array)).toMatch(/^NOTE: there is no train.py in this export: .*this network finds boxes/);
    const model = strFromU8(zip['scenes-pytorch/model.py'] as Uint8Array);
    expect(model).toContain('nn.Conv2d(64, 15, kernel_size=1)');
    expect(model).toContain('def decode_grid(grid):');
  });

  it('the notebook is refused with the reason', async () => {
    await expect(exportAnyFile('notebook', input())).rejects.toThrow(/cannot train this network: .*finds boxes/);
  });
});
