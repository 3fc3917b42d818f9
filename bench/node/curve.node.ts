// Test accuracy per epoch of a recipe on a whole dataset, trained by the app's own engine on wasm in Node,
// with the process CPU time of each epoch (training plus its test pass): accuracy per epoch does not depend
// on the machine's load, and CPU time depends on it far less than wall time. Env:
//   NET=cifarBn|lenet5|<a name in candidates below>, DATA=cifar10|mnist, OPT=adam, LR=0.004, BATCH=64,
//   EPOCHS=3, FLIP=1, SHIFT=0, SCHEDULE=cosine|constant, MOMENTUM=0.9, SEED=1
import { readFile } from 'node:fs/promises';
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradientKernels } from '../../src/train/kernels';
import { createTrainingEngine } from '../../src/train/engine';
import { unbatch } from '../../src/train/api/outbox';
import { DEFAULT_HYPER_PARAMS } from '../../src/train/api/hyper';
import type { FromWorker, HyperParams, OptimizerName } from '../../src/train/api/protocol';
import { loadDataset } from '../../src/data/loader';
import { cifarBn } from '../../src/model/presetNets';
import { lenet5Mnist } from '../../src/model/presets';
import type { ModelSpec } from '../../src/model/spec';
import { candidates } from './candidates';
import { cpuMs } from './kernelCpu';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;

/** fetch for file: paths under public/data, so the loader runs unchanged. */
const fileFetch = (async (url: string | URL) => new Response(await readFile(new URL(String(url), 'file:///')))) as typeof fetch;

function network(name: string): ModelSpec {
  if (name === 'cifarBn') return cifarBn();
  if (name === 'lenet5') return lenet5Mnist();
  const make = candidates[name];
  if (!make) throw new Error(`unknown NET ${name}`);
  return make();
}

it('trains a recipe and reports accuracy per epoch', async () => {
  const net = env('NET', 'cifarBn');
  const data = env('DATA', net === 'lenet5' ? 'mnist' : 'cifar10');
  const hyper: HyperParams = {
    ...DEFAULT_HYPER_PARAMS,
    optimizer: env('OPT', 'adam') as OptimizerName, learningRate: Number(env('LR', '0.004')),
    batchSize: Number(env('BATCH', '64')), epochs: Number(env('EPOCHS', '3')), seed: Number(env('SEED', '1')),
    momentum: Number(env('MOMENTUM', '0.9')),
    schedule: env('SCHEDULE', 'cosine') === 'cosine' ? { kind: 'cosine', minFactor: 0 } : { kind: 'constant' },
    augmentation: { flip: env('FLIP', '1') === '1', shift: Number(env('SHIFT', '0')) },
  };
  registerWasmGradientKernels();
  const folder = new URL(`../../public/data/${data}/`, import.meta.url).pathname;
  const dataset = await loadDataset({ url: folder }, undefined, fileFetch);
  const rows: Record<string, unknown>[] = [];
  let mark = cpuMs();
  let done!: () => void;
  const finished = new Promise<void>((resolve) => { done = resolve; });
  const engine = createTrainingEngine((posted) => {
    for (const msg of unbatch(posted) as FromWorker[]) {
      if (msg.type === 'phase' && msg.phase === 'training' && rows.length === 0) mark = cpuMs();
      if (msg.type === 'epoch') {
        const now = cpuMs();
        const r = msg.result;
        rows.push({ epoch: r.epoch, testAccuracy: +r.testAccuracy.toFixed(4), cpuSeconds: +((now - mark) / 1000).toFixed(1),
          wallSeconds: +r.seconds.toFixed(1), imagesPerWallSecond: Math.round(r.imagesPerSecond) });
        mark = now;
        console.log(JSON.stringify({ net, ...rows.at(-1) }));
      }
      if (msg.type === 'error') console.log('error', msg.message);
      if (msg.type === 'phase' && ['done', 'stopped', 'error'].includes(msg.phase)) done();
    }
  }, {
    selectBackend: async () => {
      await tf.setBackend('wasm');
      return { name: 'wasm', reason: 'node' };
    },
  });
  engine.handle({ type: 'start', runId: 1, spec: network(net), dataset: { kind: 'inline', data: dataset }, hyper, backend: 'wasm' });
  await finished;
  console.log(JSON.stringify({ net, data, hyper: { ...hyper, schedule: hyper.schedule.kind }, epochs: rows }));
});
