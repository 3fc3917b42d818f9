// Benchmark page: LeNet-5 on all of MNIST (batch 64) through the app's own worker engine, then through a
// bare tfjs loop on the same backend. Epoch 1 gives the test accuracy after one epoch; epoch 2 (kernels
// compiled, caches warm) gives the engine's steady throughput, compared with the bare loop's.
import { lenet5Mnist } from '../src/model/presets';
import { createTrainingClient } from '../src/train/client';
import type { BackendChoice, BackendInfo, EpochResult, FromWorker } from '../src/train/protocol';

const params = new URLSearchParams(location.search);
const backendChoice = (params.get('backend') ?? 'auto') as BackendChoice;
const url = new URL('../data/mnist/', location.href).pathname;
const BATCH = 64;

interface EngineResult {
  backend: BackendInfo;
  epochs: EpochResult[];
  longTasksOver50ms: number;
}

function runEngine(): Promise<EngineResult> {
  const client = createTrainingClient();
  const epochs: EpochResult[] = [];
  let backend: BackendInfo | null = null;
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => {
    longTasks += list.getEntries().filter((e) => e.duration > 50).length;
  });
  observer.observe({ type: 'longtask', buffered: false });
  return new Promise((resolve, reject) => {
    client.subscribe((msg: FromWorker) => {
      if (msg.type === 'backend') backend = msg.backend;
      if (msg.type === 'epoch') epochs.push(msg.result);
      if (msg.type === 'error') reject(new Error(msg.message));
      if (msg.type === 'phase' && msg.phase === 'done') {
        observer.disconnect();
        client.dispose();
        if (!backend) reject(new Error('engine never reported its backend'));
        else resolve({ backend, epochs, longTasksOver50ms: longTasks });
      }
    });
    client.start(lenet5Mnist(), { url }, { optimizer: 'adam', learningRate: 0.001, batchSize: BATCH, epochs: 2, seed: 1 },
      backendChoice);
  });
}

function runBare(backend: 'webgl' | 'wasm' | 'cpu', steps: number): Promise<{ imagesPerSecond: number }> {
  const worker = new Worker(new URL('./bareWorker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: boolean; imagesPerSecond: number; error?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve({ imagesPerSecond: e.data.imagesPerSecond });
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ url, backend, batchSize: BATCH, steps, warmupSteps: 20 });
  });
}

async function main() {
  const engine = await runEngine();
  const [first, second] = engine.epochs;
  if (!first || !second) throw new Error('the engine did not finish two epochs');
  const steps = Math.floor(60_000 / BATCH);
  const bare = await runBare(engine.backend.name, steps);
  return {
    model: 'LeNet-5 (MNIST, batch 64, Adam 1e-3)',
    backend: engine.backend.name,
    backendReason: engine.backend.reason,
    renderer: engine.backend.renderer ?? null,
    engineImagesPerSecond: Math.round(second.imagesPerSecond),
    engineEpoch1ImagesPerSecond: Math.round(first.imagesPerSecond),
    bareLoopImagesPerSecond: Math.round(bare.imagesPerSecond),
    engineToBareRatio: Number((second.imagesPerSecond / bare.imagesPerSecond).toFixed(3)),
    testAccuracyAfterEpoch1: Number(first.testAccuracy.toFixed(4)),
    epoch1Seconds: Number(first.seconds.toFixed(1)),
    mainThreadLongTasksOver50ms: engine.longTasksOver50ms,
  };
}

const out = document.getElementById('out');
main().then(
  (result) => {
    (window as unknown as { benchResult: unknown }).benchResult = result;
    if (out) out.textContent = JSON.stringify(result, null, 2);
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    (window as unknown as { benchResult: unknown }).benchResult = { error: message };
    if (out) out.textContent = `benchmark failed: ${message}`;
  },
);
