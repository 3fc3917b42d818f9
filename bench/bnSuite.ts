// The 'bn' suite: milliseconds for one batch-norm layer (64x32x32x16, training mode) forward plus
// backward on wasm, with the stock tfjs path and with our kernels (src/train/kernels/wasmBatchNormTrain.ts).
// Runs in the bench page and in Node (bench/bnNode.ts) alike: it needs only tfjs on the wasm backend.
import * as tf from '@tensorflow/tfjs';
import { FastBatchNormalization } from '../src/train/kernels/batchNormLayer';

export const BN_SHAPE = [64, 32, 32, 16] as const;

export interface BnSuiteResult {
  readonly shape: readonly number[];
  readonly backend: string;
  /** Median ms of one forward plus backward pass through the stock tf.layers.batchNormalization. */
  readonly stockForwardBackwardMs: number;
  /** The same through our layer (the fast kernels where they are registered). */
  readonly forwardBackwardMs: number;
  readonly speedup: number;
  readonly repeats: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * Median wall time of the layer's forward pass plus its backward pass from a given dy (gradients of x,
 * gamma and beta), nothing else: no loss ops. wasm runs every kernel synchronously, so the clock stops
 * when the work is done; the gradients are read back once, after timing, only to keep them honest.
 */
function timeLayer(layer: tf.layers.Layer, x: tf.Tensor, dy: tf.Tensor, repeats: number): number {
  const [gamma, beta] = layer.trainableWeights.map((v) => v.read());
  if (!gamma || !beta) throw new Error('batch norm layer without gamma and beta');
  const f = (input: tf.Tensor, _g: tf.Tensor, _b: tf.Tensor) => layer.apply(input, { training: true }) as tf.Tensor;
  const once = () => tf.grads(f)([x, gamma, beta], dy);
  tf.dispose(once()); // warm-up: first-call allocations and kernel set-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const grads = once();
    times.push(performance.now() - t0);
    grads.forEach((g) => g.dataSync());
    tf.dispose(grads);
  }
  return median(times);
}

export function runBnSuite(repeats = 7): BnSuiteResult {
  const shape = [...BN_SHAPE];
  const x = tf.randomNormal(shape, 0.5, 2, 'float32', 1);
  const dy = tf.randomNormal(shape, 0, 1, 'float32', 2);
  const stock = tf.layers.batchNormalization({ axis: -1 });
  const fast = new FastBatchNormalization({ axis: -1 });
  stock.build(shape);
  fast.build(shape);
  try {
    const stockMs = timeLayer(stock, x, dy, repeats);
    const fastMs = timeLayer(fast, x, dy, repeats);
    const round = (v: number) => Number(v.toFixed(1));
    return { shape, backend: tf.getBackend(), stockForwardBackwardMs: round(stockMs), forwardBackwardMs: round(fastMs),
      speedup: round(stockMs / fastMs), repeats };
  } finally {
    tf.dispose([x, dy]);
    // Layers called on concrete tensors only cannot be disposed as layers; their weights can.
    for (const v of [...stock.weights, ...fast.weights]) v.dispose();
  }
}
