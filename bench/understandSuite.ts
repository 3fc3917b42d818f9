// 'understand' suite: does the understanding service cost training anything while its views are closed?
// The same LeNet-5 run (first 8,192 MNIST training images, batch 64, 2 epochs; epoch 2's images per second)
// through the app's engine with the service present but idle, and with no service, alternated ROUNDS times so
// the machine's load drifts over both alike. closedRatio: median with / median without.
import { loadDataset } from '../src/data/loader';
import { lenet5Mnist } from '../src/model/presets';
import { DEFAULT_HYPER_PARAMS } from '../src/train/api/hyper';
import type { BackendChoice, EpochResult } from '../src/train/api/protocol';

const ROUNDS = 3;
const TRAIN = 8192;

function oneRun(withService: boolean, request: Record<string, unknown>): Promise<{ backend: string; epochs: EpochResult[] }> {
  const worker = new Worker(new URL('./understandWorker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: boolean; result: { backend: string; epochs: EpochResult[] }; error?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ ...request, withService });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function runUnderstandSuite(mnistUrl: string, backend: BackendChoice) {
  const data = await loadDataset({ url: mnistUrl, trainLimit: TRAIN, testLimit: 1000 });
  const request = { spec: lenet5Mnist(), data, hyper: { ...DEFAULT_HYPER_PARAMS, epochs: 2 }, backend };
  const withService: number[] = [];
  const without: number[] = [];
  let backendName = '';
  for (let round = 0; round < ROUNDS; round++) {
    // Which goes first alternates too, so neither always follows a warm-up.
    for (const present of round % 2 === 0 ? [true, false] : [false, true]) {
      const run = await oneRun(present, request);
      backendName = run.backend;
      (present ? withService : without).push(Math.round(run.epochs.at(-1)?.imagesPerSecond ?? 0));
    }
  }
  return {
    model: `LeNet-5 (first ${TRAIN} MNIST images, batch 64, Adam 1e-3, epoch 2)`,
    backend: backendName,
    imagesPerSecondWithIdleService: withService,
    imagesPerSecondWithoutService: without,
    closedRatio: Number((median(withService) / Math.max(1, median(without))).toFixed(3)),
  };
}
