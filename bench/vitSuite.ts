// 'vit' suite: training throughput of ViT-tiny against the ResNet-style network of the same size
// (presetVit.ts: 139,018 / 140,562 parameters on MNIST, 142,026 / 140,994 on CIFAR-10) through the app's
// engine in one worker, batch 64, Adam 1e-3: epoch 2 of a two-epoch run on a slice (epoch 1 warms up).
// Slices are small because ViT-tiny trains at tens of images per second on wasm here. ratio = ViT / ResNet.
import type { ModelSpec } from '../src/model/spec';
import { resnetVitSize, vitTiny } from '../src/model/presetVit';
import { DEFAULT_HYPER_PARAMS } from '../src/train/api/hyper';
import type { BackendChoice, HyperParams } from '../src/train/api/protocol';
import { round, runEngine } from './engineRun';

const TRAIN = 1280;

async function throughput(spec: ModelSpec, url: string, backend: BackendChoice) {
  const hyper: HyperParams = { ...DEFAULT_HYPER_PARAMS, optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs: 2, seed: 1 };
  const run = await runEngine({ spec, url, hyper, backend, trainLimit: TRAIN, testLimit: 64, workers: 'one' });
  const second = run.epochs[1];
  if (!second) throw new Error('the engine did not finish two epochs');
  return { backend: run.backend.name, imagesPerSecond: round(second.imagesPerSecond, 1), epochSeconds: round(second.seconds, 1) };
}

export async function runVitSuite(urls: { mnist: string; cifar: string }, backend: BackendChoice) {
  const out: Record<string, unknown> = { trainImages: TRAIN, batchSize: 64 };
  for (const [name, url] of [['mnist', urls.mnist], ['cifar10', urls.cifar]] as const) {
    const vit = await throughput(vitTiny(), url, backend);
    const resnet = await throughput(resnetVitSize(), url, backend);
    out[name] = { vitTiny: vit, resnetVitSize: resnet, vitToResnet: round(vit.imagesPerSecond / resnet.imagesPerSecond, 3) };
  }
  return out;
}
