// One data-parallel training worker for the 'parallel' suite (parallelSuite.ts): it holds a replica of the
// network, takes the gradient of its shard of each global batch, and applies the averaged gradients the
// page sends back (src/train/parallel). Messages arrive in order, so an 'apply' always lands before the next 'step'.
import * as tf from '@tensorflow/tfjs';
import { fillBatch, shuffledIndices } from '../src/data/batches';
import { loadDataset } from '../src/data/loader';
import { cifarBn } from '../src/model/presetNets';
import { lenet5Mnist } from '../src/model/presets';
import { selectBackend } from '../src/train/backend';
import { buildModel } from '../src/train/buildModel';
import { applyAveraged, makeReplica, shardGradients, type Replica } from '../src/train/parallel/replica';
import { wasmPaths } from '../src/train/wasmUrls';

export type ParallelRequest =
  | { readonly type: 'init'; readonly url: string; readonly net: 'lenet5' | 'cifarBn'; readonly batch: number;
      readonly offset: number; readonly size: number }
  | { readonly type: 'step'; readonly step: number }
  | { readonly type: 'apply'; readonly grads: Float32Array[] };

let state: { replica: Replica; split: Awaited<ReturnType<typeof loadDataset>>['train']; order: Uint32Array;
  x: Float32Array; y: Float32Array; shape: [number, number, number]; classes: number; batch: number; offset: number;
  size: number } | null = null;

async function init(req: Extract<ParallelRequest, { type: 'init' }>): Promise<void> {
  await selectBackend('wasm', { wasmPaths: wasmPaths() });
  const data = await loadDataset({ url: req.url });
  const shape = data.meta.inputShape as [number, number, number];
  const classes = data.meta.classNames.length;
  // The same seed everywhere: every replica starts from the same weights.
  const model = buildModel(req.net === 'lenet5' ? lenet5Mnist() : cifarBn(), { inputShape: shape, numClasses: classes }, 1);
  state = { replica: makeReplica(model, tf.train.adam(0.001)), split: data.train, order: shuffledIndices(data.train.count, 1, 1),
    x: new Float32Array(req.size * shape[0] * shape[1] * shape[2]), y: new Float32Array(req.size * classes), shape, classes,
    batch: req.batch, offset: req.offset, size: req.size };
}

function step(n: number): { loss: number; grads: Float32Array[] } {
  if (state === null) throw new Error('step before init');
  const s = state;
  const start = (n * s.batch) % (s.split.count - s.batch) + s.offset;
  fillBatch(s.split, s.order, start, s.size, { x: s.x, y: s.y });
  const xs = tf.tensor4d(s.x, [s.size, ...s.shape]);
  const ys = tf.tensor2d(s.y, [s.size, s.classes]);
  try {
    return shardGradients(s.replica, xs, ys);
  } finally {
    tf.dispose([xs, ys]);
  }
}

self.onmessage = async (e: MessageEvent<ParallelRequest>) => {
  try {
    const req = e.data;
    if (req.type === 'init') {
      await init(req);
      self.postMessage({ ok: true });
    } else if (req.type === 'step') {
      const { loss, grads } = step(req.step);
      self.postMessage({ ok: true, loss, grads }, { transfer: grads.map((g) => g.buffer as ArrayBuffer) });
    } else if (state !== null) {
      applyAveraged(state.replica, req.grads);
    }
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
