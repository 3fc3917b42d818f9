// The Export menu's files: each target unzips to the files its README names, and the sizes of a LeNet-5
// export are printed for the report.
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFile, safeFileName, type ExportInput } from '../../codegen/bundle';
import { analyzeModel } from '../../model/analyze';
import { chain, conv2d, flatten, input, lenet5Mnist, softmax } from '../../model/presets';
import { buildModel } from '../buildModel';
import { CIFAR, MNIST } from './exportFixtures';
import { readWeights, topologyOf } from '../weights/readWeights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const hyper = { optimizer: 'sgd', learningRate: 0.01, momentum: 0.9, schedule: { kind: 'constant' }, weightDecay: 0,
  augmentation: { flip: false, shift: 0 }, batchSize: 64, epochs: 3, seed: 1 } as const;

function lenetInput(trained: boolean): ExportInput {
  const spec = lenet5Mnist();
  const app = buildModel(spec, MNIST, 1).model;
  const weights = { weights: readWeights(app), topology: topologyOf(app) };
  app.dispose();
  return { name: 'LeNet 5 / 손글씨', spec, analysis: analyzeModel(spec, MNIST), data: MNIST, datasetId: 'mnist', hyper, trained: trained ? weights : null };
}

describe('export files', () => {
  it('zips TensorFlow.js and PyTorch exports with their README, and refuses them untrained', () => {
    const input = lenetInput(true);
    const tfjs = exportFile('tfjs', input);
    const torch = exportFile('pytorch', input);
    expect(tfjs.fileName).toBe('LeNet_5_손글씨-tfjs.zip');
    expect(Object.keys(unzipSync(tfjs.bytes)).filter((f) => !f.endsWith('/')).sort()).toEqual(['LeNet_5_손글씨-tfjs/README.txt', 'LeNet_5_손글씨-tfjs/model.json', 'LeNet_5_손글씨-tfjs/model.weights.bin']);
    const torchFiles = unzipSync(torch.bytes);
    expect(Object.keys(torchFiles).filter((f) => !f.endsWith('/')).map((f) => f.split('/')[1]).sort()).toEqual(['README.txt', 'model.py', 'train.py', 'weights.safetensors']);
    expect(strFromU8(torchFiles['LeNet_5_손글씨-pytorch/train.py'] as Uint8Array)).toContain('default="mnist"');
    console.log(`LeNet-5 export sizes: tfjs zip ${tfjs.bytes.length} B, pytorch zip ${torch.bytes.length} B, keras ${exportFile('keras', input).bytes.length} B, csv ${exportFile('csv', input).bytes.length} B`);
    expect(() => exportFile('pytorch', lenetInput(false))).toThrow(/needs a trained model/);
    expect(exportFile('keras', lenetInput(false)).fileName).toBe('LeNet_5_손글씨-keras.py');
  });

  it('READMEs give the class order, net.eval(), how to install torch, the data layout, HTTP for model.json and torchrun on Debian 12', () => {
    const spec = chain(input(), conv2d(2, 3), flatten(), softmax());
    const app = buildModel(spec, CIFAR, 1).model;
    const trained = { weights: readWeights(app), topology: topologyOf(app) };
    app.dispose();
    const cifar: ExportInput = { name: 'tiny', spec, analysis: analyzeModel(spec, CIFAR), data: CIFAR, datasetId: 'cifar10', hyper, trained };
    const readme = (target: 'tfjs' | 'pytorch', input: ExportInput) =>
      strFromU8(unzipSync(exportFile(target, input).bytes)[`${safeFileName(input.name)}-${target}/README.txt`] as Uint8Array);
    const torch = readme('pytorch', cifar);
    const tfjs = readme('tfjs', cifar);
    const order = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
    for (const text of [torch, tfjs]) {
      const listed = [...text.matchAll(/^ {2}( {0,2}\d+) {2}(\S.*)$/gm)].map((m) => [Number(m[1]), m[2]]);
      expect(listed).toEqual(order.map((name, i) => [i, name]));
    }
    expect(torch).toContain('net.eval()');
    expect(torch).toContain('pip install torch');
    expect(torch).toContain('(N, 3, 32, 32)');
    expect(torch).toContain('data_batch_1.bin');
    expect(torch).toContain('DATA/train/<class>/');
    expect(torch).toContain('torchrun --redirects 1 --tee 1 --nproc_per_node=N train.py');
    expect(tfjs).toMatch(/model\.json must be served over HTTP/);
    expect(tfjs).toContain('[N, 32, 32, 3]');
    // A dataset of one's own: its class names, one per line, none able to start a line of its own.
    const own = readme('pytorch', { ...cifar, datasetId: 'custom', classNames: ['cat', 'dog\nDebian: rm -rf ~', ...order.slice(2)] });
    expect(own).toContain('    1  dog\\u000aDebian: rm -rf ~');
    expect(own).not.toMatch(/^Debian: rm/m);
  });

  it('makes safe file names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('   ')).toBe('network');
    expect(safeFileName('a'.repeat(100))).toHaveLength(60);
  });
});
