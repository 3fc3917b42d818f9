// The exported train.py continues a run the way the app trains it. The app's engine trains a small network
// with batch norm on a synthetic dataset, for each optimizer with each learning-rate schedule used, with and
// without augmentation, weight decay and a validation split; train.py, from the same starting weights and
// the same data (as IDX files), must report the same loss at each of the first 20 steps. One python process
// runs every configuration; torchrun --nproc_per_node=2 then runs one of them on two processes, which must
// train on complementary shares (the same losses again) and end with equal weights.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/batches';
import type { LoadedDataset, Split } from '../../data/types';
import { analyzeModel } from '../../model/analyze';
import type { DataShape, ModelSpec } from '../../model/spec';
import { pytorchModelPy } from '../../codegen/pytorchModel';
import { blockTrainingByModule, pytorchTrainPy } from '../../codegen/pytorchTrain';
import { pytorchWeightsFile } from '../../codegen/pytorchWeights';
import type { FromWorker, HyperParams } from '../api/protocol';
import { DEFAULT_HYPER_PARAMS } from '../api/hyper';
import { buildModel } from '../buildModel';
import { errorOf, harness, meta } from '../engineHarness';
import { runPython, runTorchrun, tempDir } from './pythonHarness';
import { readWeights } from '../weights/readWeights';

const DATA: DataShape = { inputShape: [8, 8, 1], numClasses: 4 };
const STEPS = 20;

/** Each class brightens one quadrant, over seeded noise. */
function split(count: number, seed: number): Split {
  const random = mulberry32(seed);
  const labels = Uint8Array.from({ length: count }, () => Math.floor(random() * 4));
  const images = new Uint8Array(count * 64);
  labels.forEach((label, i) => {
    for (let p = 0; p < 64; p++) {
      const quadrant = (p < 32 ? 0 : 2) + (p % 8 < 4 ? 0 : 1);
      images[i * 64 + p] = Math.floor(random() * 120) + (quadrant === label ? 110 : 0);
    }
  });
  return { count, labels, images };
}
const dataset: LoadedDataset = {
  meta: { ...meta, train: { count: 200, shards: [] }, test: { count: 40, shards: [] } },
  train: split(200, 3), test: split(40, 4),
};

const spec: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'conv', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
    { id: 'bn', kind: 'batchnorm', inputs: ['conv'] },
    { id: 'pool', kind: 'maxpool2d', inputs: ['bn'], size: 2, stride: 2, padding: 'valid' },
    { id: 'flat', kind: 'flatten', inputs: ['pool'] },
    { id: 'dense', kind: 'dense', inputs: ['flat'], units: 8, activation: 'tanh' },
    { id: 'out', kind: 'softmax', inputs: ['dense'] },
  ],
};

interface Case { readonly hyper: HyperParams; readonly validation: number; readonly spec?: ModelSpec }
const base = { ...DEFAULT_HYPER_PARAMS, batchSize: 64, epochs: 7, seed: 5 };
const ALL_CASES: Case[] = [
  { hyper: { ...base, optimizer: 'sgd', learningRate: 0.1 }, validation: 0 },
  { hyper: { ...base, optimizer: 'momentum', learningRate: 0.03, schedule: { kind: 'step', everyEpochs: 2, factor: 0.5 }, weightDecay: 1e-3 }, validation: 0.2 },
  { hyper: { ...base, optimizer: 'nesterov', learningRate: 0.03, schedule: { kind: 'cosine', minFactor: 0.1 }, augmentation: { flip: true, shift: 1 } }, validation: 0 },
  { hyper: { ...base, optimizer: 'adam', learningRate: 0.01, schedule: { kind: 'cosine', minFactor: 0 }, augmentation: { flip: true, shift: 2 }, weightDecay: 1e-3 }, validation: 0.2 },
  { hyper: { ...base, optimizer: 'rmsprop', learningRate: 0.003, schedule: { kind: 'step', everyEpochs: 1, factor: 0.7 } }, validation: 0.2 },
  { hyper: { ...base, optimizer: 'adadelta', learningRate: 1, augmentation: { flip: false, shift: 1 } }, validation: 0 },
  { hyper: { ...base, optimizer: 'adagrad', learningRate: 0.05, schedule: { kind: 'cosine', minFactor: 0.2 }, weightDecay: 1e-3 }, validation: 0.2 },
  // Transfer learning: a frozen convolution and a dense block at a tenth of the rate, through a step schedule.
  { hyper: { ...base, optimizer: 'adam', learningRate: 0.01, schedule: { kind: 'step', everyEpochs: 1, factor: 0.5 }, weightDecay: 1e-3 },
    validation: 0, spec: { ...spec, training: { conv: { mode: 'frozen' }, dense: { mode: 'scaled', lrMultiplier: 0.1 } } } },
];
// FIDELITY_CASES=0,3 runs only those (while debugging one optimizer).
const CASES = ALL_CASES.filter((_, i) => !process.env.FIDELITY_CASES || process.env.FIDELITY_CASES.split(',').includes(String(i)));

async function appLosses({ hyper, validation, spec: caseSpec = spec }: Case): Promise<number[]> {
  const h = harness({ loadDataset: async () => dataset, cores: () => 1 });
  h.engine.handle({ type: 'start', runId: 1, spec: caseSpec, dataset: { url: '/d/', validationFraction: validation }, hyper, backend: 'cpu' });
  await h.engine.idle();
  expect(errorOf(h.messages)).toBeUndefined();
  return h.messages.flatMap((m: FromWorker) => (m.type === 'metrics' ? [...m.batch.loss] : [])).slice(0, STEPS);
}

function idx(images: Split): [Uint8Array, Uint8Array] {
  const head = (magic: number, dims: number[]) => {
    const view = new DataView(new ArrayBuffer(4 + 4 * dims.length));
    [magic, ...dims].forEach((v, i) => view.setUint32(4 * i, v));
    return new Uint8Array(view.buffer);
  };
  const join2 = (a: Uint8Array, b: Uint8Array) => { const out = new Uint8Array(a.length + b.length); out.set(a); out.set(b, a.length); return out; };
  return [join2(head(0x803, [images.count, 8, 8]), images.images), join2(head(0x801, [images.count]), images.labels)];
}

const DRIVER_PY = `
import importlib.util, json, sys, torch
torch.set_num_threads(1)
out = []
for i, argv in enumerate(json.loads(sys.argv[1])):
    spec = importlib.util.spec_from_file_location(f"train_{i}", f"train_{i}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(argv + ["--losses", f"losses_{i}.json", "--out", f"out_{i}.pt"])
    out.append(json.load(open(f"losses_{i}.json")))
print(json.dumps(out))
`;

function maxRelative(a: readonly number[], b: readonly number[]): number {
  expect(a).toHaveLength(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number)) / Math.max(1, Math.abs(v))), 0);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('train.py trains as the app does', () => {
  it('gives the app\'s losses for 20 steps with every optimizer and schedule, alone and on two processes', async () => {
    const dir = tempDir('cnnp-fidelity-');
    const start = buildModel(spec, DATA, base.seed);
    writeFileSync(join(dir, 'model.py'), pytorchModelPy(spec, analyzeModel(spec, DATA), DATA));
    writeFileSync(join(dir, 'weights.safetensors'), pytorchWeightsFile(spec, readWeights(start.model)));
    start.dispose();
    mkdirSync(join(dir, 'data'));
    const [trainImages, trainLabels] = idx(dataset.train);
    const [testImages, testLabels] = idx(dataset.test);
    writeFileSync(join(dir, 'data', 'train-images-idx3-ubyte'), trainImages);
    writeFileSync(join(dir, 'data', 'train-labels-idx1-ubyte'), trainLabels);
    writeFileSync(join(dir, 'data', 't10k-images-idx3-ubyte'), testImages);
    writeFileSync(join(dir, 'data', 't10k-labels-idx1-ubyte'), testLabels);
    const argv = ['--data-dir', 'data', '--max-steps', String(STEPS), '--log-every', '1000'];
    CASES.forEach((c, i) => writeFileSync(join(dir, `train_${i}.py`), pytorchTrainPy({ dataset: 'mnist', hyper: c.hyper, validationFraction: c.validation,
      blockTraining: blockTrainingByModule(c.spec ?? spec) })));
    writeFileSync(join(dir, 'driver.py'), DRIVER_PY);
    const printed = runPython(['driver.py', JSON.stringify(CASES.map(() => argv))], dir, 300_000).trim().split('\n');
    expect(printed).toContain('training on 1 process(es), cpu');
    expect(printed).toContain('started from weights.safetensors');
    expect(printed).toContain(`saved out_0.pt after ${STEPS} steps`);
    const python = JSON.parse(printed.pop() as string) as number[][];
    const app: number[][] = [];
    for (const c of CASES) app.push(await appLosses(c));
    CASES.forEach((c, i) => {
      const label = `${c.hyper.optimizer} ${c.hyper.schedule.kind}`;
      const diff = maxRelative(app[i] as number[], python[i] as number[]);
      console.log(`train.py vs app, ${label}: losses ${(app[i] as number[])[0]?.toFixed(4)} -> ${(app[i] as number[])[STEPS - 1]?.toFixed(4)}, max relative difference ${diff.toExponential(2)}`);
      expect(app[i], label).toHaveLength(STEPS);
      expect([label, diff]).toSatisfy(([, d]: [string, number]) => d < 2e-4);
    });

    // Two processes: each trains on its share of every batch, so the losses are the one-process run's.
    const two = runTorchrun(['--nproc_per_node=2', `--master_port=${20000 + Math.floor(Math.random() * 20000)}`, '--redirects', '1', '--tee', '1',
      '--log_dir', join(dir, 'logs'), 'train_3.py', ...argv, '--losses', 'two.json', '--out', 'two.pt'], dir, 300_000);
    expect(two).toContain('training on 2 process(es), cpu');
    expect(two).toContain(`saved two.pt after ${STEPS} steps`);
    const agree = Number(/weights of the 2 processes agree to (\S+)/.exec(two)?.[1]);
    expect(agree).toBe(0);
    const twoLosses = JSON.parse(readFileSync(join(dir, 'two.json'), 'utf8')) as number[];
    const diff = maxRelative(python[3] as number[], twoLosses);
    console.log(`train.py on 2 processes vs 1: max relative difference ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-4);
  }, 600_000);
});
