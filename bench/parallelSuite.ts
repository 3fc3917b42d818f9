// The 'parallel' suite: images per second of data-parallel training with 1 and K workers (K from the core
// count, src/train/parallel/shards.ts), LeNet-5 on MNIST and cifarBn on CIFAR-10, batch 64, wasm. The page
// coordinates: each step every worker sends its shard's gradients (transferred), the page averages them
// weighted by shard size and sends the average back to every worker, which applies it. The views are not
// involved here (no app page): these are the 'views closed' figures.
import { averageGradients, shardOffsets, shardSizes, workerCount } from '../src/train/parallel/shards';
import type { ParallelRequest } from './parallelWorker';

interface Answer {
  readonly ok: boolean;
  readonly loss?: number;
  readonly grads?: Float32Array[];
  readonly error?: string;
}

function ask(worker: Worker, req: ParallelRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Answer>) => (e.data.ok ? resolve(e.data) : reject(new Error(e.data.error)));
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(req);
  });
}

async function imagesPerSecond(k: number, net: 'lenet5' | 'cifarBn', url: string, steps: number, batch = 64): Promise<number> {
  const sizes = shardSizes(batch, k);
  const offsets = shardOffsets(sizes);
  // Vite bundles a worker only when `new Worker(new URL(...))` is written out in place.
  const workers = sizes.map(() => new Worker(new URL('./parallelWorker.ts', import.meta.url), { type: 'module' }));
  try {
    await Promise.all(workers.map((w, i) => ask(w, { type: 'init', url, net, batch, offset: offsets[i] as number, size: sizes[i] as number })));
    const step = async (n: number) => {
      const answers = await Promise.all(workers.map((w) => ask(w, { type: 'step', step: n })));
      const averaged = averageGradients(answers.map((a) => a.grads ?? []), sizes);
      workers.forEach((w) => w.postMessage({ type: 'apply', grads: averaged } satisfies ParallelRequest));
    };
    for (let i = 0; i < 5; i++) await step(i); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await step(5 + i);
    return (steps * batch) / ((performance.now() - t0) / 1000);
  } finally {
    workers.forEach((w) => w.terminate());
  }
}

export async function runParallelSuite(urls: { mnist: string; cifar: string }): Promise<Record<string, unknown>> {
  const k = workerCount(navigator.hardwareConcurrency);
  const out: Record<string, unknown> = { workers: k, cores: navigator.hardwareConcurrency };
  for (const [name, net, url, steps] of [['lenet5', 'lenet5', urls.mnist, 150], ['cifarBn', 'cifarBn', urls.cifar, 30]] as const) {
    const one = await imagesPerSecond(1, net, url, steps);
    const many = k > 1 ? await imagesPerSecond(k, net, url, steps) : one;
    out[name] = { oneWorkerImagesPerSecond: Math.round(one), kWorkersImagesPerSecond: Math.round(many),
      speedup: Number((many / one).toFixed(2)) };
  }
  return out;
}
