// Exports of a network trained on Shapes (a class per pixel): the PyTorch zip holds the model and weights
// but no train.py (it reads one label per image) and says why; the notebook, which trains the same way, is
// refused with the reason; the ONNX README gives the per-pixel output's shape and the class names.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { shapesFcn } from '../model/segmentationNets';
import { lenet5Mnist } from '../model/presets';
import type { DataShape } from '../model/spec';
import { expectedWeights } from '../project/expectedWeights';
import type { ExportInput } from './bundle';
import { exportAnyFile } from './exportAny';

const SHAPES: DataShape = { inputShape: [64, 64, 3], numClasses: 4 };
const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

function input(datasetId: string, spec = shapesFcn(), data = SHAPES): ExportInput {
  const analysis = analyzeModel(spec, data);
  const weights = expectedWeights(spec, analysis, data.numClasses)
    .map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.01) }));
  return {
    name: 'shapes', spec, analysis, data, datasetId, trained: { weights, topology: null },
    hyper: { optimizer: 'adam', learningRate: 0.01, momentum: 0.9, schedule: { kind: 'constant' }, weightDecay: 0,
      augmentation: { flip: false, shift: 0 }, batchSize: 8, epochs: 1, seed: 1 },
    course: { run: null, language: 'en' },
  };
}

const names = (bytes: Uint8Array) => Object.keys(unzipSync(bytes)).filter((n) => !n.endsWith('/')).sort();

describe('exports of a segmentation network', () => {
  it('PyTorch: model and weights without train.py, and the README says why', async () => {
    const zip = unzipSync((await exportAnyFile('pytorch', input('shapes'))).bytes);
    expect(names((await exportAnyFile('pytorch', input('shapes'))).bytes))
      .toEqual(['shapes-pytorch/README.txt', 'shapes-pytorch/model.py', 'shapes-pytorch/weights.safetensors']);
    const readme = strFromU8(zip['shapes-pytorch/README.txt'] as Uint8Array);
    expect(readme).toMatch(/^NOTE: there is no train.py in this export: the training script and notebook read one label per image/);
    expect(strFromU8(zip['shapes-pytorch/model.py'] as Uint8Array)).toContain('nn.Conv2d(16, 4, kernel_size=1)');
    // A classification network keeps its train.py.
    const mnist = names((await exportAnyFile('pytorch', input('mnist', lenet5Mnist(), MNIST))).bytes);
    expect(mnist).toContain('shapes-pytorch/train.py');
  });

  it('the notebook is refused with the reason', async () => {
    await expect(exportAnyFile('notebook', input('shapes'))).rejects.toThrow(/cannot train this network: .*one label per image/);
  });

  it('ONNX: the README gives the per-pixel output, channels first, and the class names', async () => {
    const zip = unzipSync((await exportAnyFile('onnx', input('shapes'))).bytes);
    const readme = strFromU8(zip['shapes-onnx/README.txt'] as Uint8Array);
    expect(readme).toContain('"probabilities", float32 [N, 4, 64, 64]');
    expect(readme).toContain('0: "background", 1: "circle"');
  });
});
