// The 'parallel' suite, views closed: images per second of the app's own engine (the training worker and
// its data-parallel helpers, src/train/parallel) with one worker (?workers=1's path) and with the K workers the
// core count gives, LeNet-5 on MNIST and cifarBn on CIFAR-10, wasm, each at batch 64 and at a larger batch.
// Each run trains two epochs on a slice of the training set; epoch 2 is the figure (epoch 1 holds the warm-up
// and the helpers' start). The one-worker figure is the mean of a run just before and one just after the K run.
// The 'views open' half runs the real app page (parallelViewsRun.mjs).
import { cifarBn } from '../src/model/presetNets';
import { lenet5Mnist } from '../src/model/presets';
import type { ModelSpec } from '../src/model/spec';
import { DEFAULT_HYPER_PARAMS } from '../src/train/api/hyper';
import type { WorkersChoice } from '../src/train/api/protocol';
import { round, runEngine } from './engineRun';

// Each net at the suite's batch of 64 and at a larger one: a step has a fixed cost that does not split (tfjs
// dispatching each op), so the larger the batch, the more of the step two workers share.
const NETS: readonly { name: string; spec: () => ModelSpec; data: 'mnist' | 'cifar'; trainLimit: number; batchSize: number }[] = [
  { name: 'lenet5', spec: lenet5Mnist, data: 'mnist', trainLimit: 12_800, batchSize: 64 },
  { name: 'lenet5Batch256', spec: lenet5Mnist, data: 'mnist', trainLimit: 25_600, batchSize: 256 },
  { name: 'cifarBn', spec: cifarBn, data: 'cifar', trainLimit: 3_200, batchSize: 64 },
  { name: 'cifarBnBatch128', spec: cifarBn, data: 'cifar', trainLimit: 3_200, batchSize: 128 },
];

async function epochTwo(spec: ModelSpec, url: string, trainLimit: number, batchSize: number, workers: WorkersChoice) {
  const run = await runEngine({ spec, url, trainLimit, testLimit: 500, backend: 'wasm', workers,
    hyper: { ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.001, batchSize, epochs: 2, seed: 1 } });
  return { imagesPerSecond: run.epochs[1]?.imagesPerSecond ?? Number.NaN, workers: run.backend.workers };
}

export async function runParallelSuite(urls: { mnist: string; cifar: string }): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { cores: navigator.hardwareConcurrency, views: 'closed' };
  for (const net of NETS) {
    const url = net.data === 'mnist' ? urls.mnist : urls.cifar;
    // One worker before and after the K run, compared with their mean: this machine's speed drifts by 10-15%
    // over minutes, which a single one-worker run taken earlier would put into the speed-up.
    const before = await epochTwo(net.spec(), url, net.trainLimit, net.batchSize, 'one');
    const many = await epochTwo(net.spec(), url, net.trainLimit, net.batchSize, 'many');
    const after = await epochTwo(net.spec(), url, net.trainLimit, net.batchSize, 'one');
    const one = (before.imagesPerSecond + after.imagesPerSecond) / 2;
    out[net.name] = { batchSize: net.batchSize, workers: many.workers?.count ?? 1, workersReason: many.workers?.reason,
      oneWorkerImagesPerSecond: round(one), oneWorkerBeforeAndAfter: [round(before.imagesPerSecond), round(after.imagesPerSecond)],
      kWorkersImagesPerSecond: round(many.imagesPerSecond), speedup: round(many.imagesPerSecond / one, 2) };
  }
  return out;
}
