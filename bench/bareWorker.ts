// The reference the engine is measured against: the plainest tfjs training loop a developer would write
// (same backend, same model, same batches, Adam), with no metrics, probes, pausing or messages.
import * as tf from '@tensorflow/tfjs';
import { lenet5Mnist } from '../src/model/presets';
import { loadDataset } from '../src/data/loader';
import { fillBatch, shuffledIndices } from '../src/data/batches';
import { selectBackend } from '../src/train/backend';
import { loadWebGpuBackend } from '../src/train/backendMeasure';
import { wasmPaths } from '../src/train/wasmUrls';
import { buildModel } from '../src/train/buildModel';
import { crossEntropyFromLogits } from '../src/train/steps';

interface BareRequest {
  readonly url: string;
  readonly backend: 'webgl' | 'wasm' | 'cpu';
  readonly batchSize: number;
  readonly steps: number;
  readonly warmupSteps: number;
}

self.onmessage = async (e: MessageEvent<BareRequest>) => {
  try {
    const req = e.data;
    const backend = await selectBackend(req.backend, { wasmPaths: wasmPaths(), loadWebGpu: loadWebGpuBackend });
    const data = await loadDataset({ url: req.url });
    const [h, w, c] = data.meta.inputShape as [number, number, number];
    const numClasses = data.meta.classNames.length;
    const network = buildModel(lenet5Mnist(), { inputShape: [h, w, c], numClasses }, 1);
    const optimizer = tf.train.adam(0.001);
    const order = shuffledIndices(data.train.count, 1, 1);
    const x = new Float32Array(req.batchSize * h * w * c);
    const y = new Float32Array(req.batchSize * numClasses);
    const step = (i: number) => {
      fillBatch(data.train, order, (i * req.batchSize) % (data.train.count - req.batchSize), req.batchSize, { x, y });
      tf.tidy(() => {
        const xs = tf.tensor4d(x, [req.batchSize, h, w, c]);
        const ys = tf.tensor2d(y, [req.batchSize, numClasses]);
        // The engine's loss: log-softmax cross-entropy on the class scores (src/train/steps.ts).
        optimizer.minimize(() => tf.mean(crossEntropyFromLogits(network.logits.apply(xs) as tf.Tensor, ys)) as tf.Scalar);
      });
    };
    for (let i = 0; i < req.warmupSteps; i += 1) step(i);
    await tf.ready();
    const t0 = performance.now();
    for (let i = 0; i < req.steps; i += 1) step(req.warmupSteps + i);
    // one read-back at the end so queued GPU work is counted
    const probe = tf.tidy(() => network.model.getWeights()[0]!.sum());
    await probe.data();
    probe.dispose();
    const seconds = (performance.now() - t0) / 1000;
    self.postMessage({ ok: true, backend: backend.name, imagesPerSecond: (req.steps * req.batchSize) / seconds, seconds });
    network.dispose();
    optimizer.dispose();
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
