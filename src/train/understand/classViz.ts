// Class visualisation by gradient ascent on the input (Simonyan et al. 2014; with the jitter and blur of
// cs231n's assignment and Yosinski et al. 2015): start from grey, climb the class score (the logit, before
// the softmax) or one channel's mean activation, minus an L2 penalty that pulls pixels back to grey.
import { mulberry32 } from '../../data/batches';
import * as tf from '@tensorflow/tfjs';
import { forward, logitsOf } from './forward';
import type { ClassVizRequest } from '../api/understandProtocol';

export interface ClassVizRun {
  /** Takes one ascent step; returns the objective at the new image. */
  step(): Promise<number>;
  image(): Promise<Float32Array>;
  dispose(): void;
}

export type VizTarget = { readonly kind: 'class'; readonly cls: number } | { readonly kind: 'channel'; readonly layerName: string; readonly channel: number };

type Settings = Pick<ClassVizRequest, 'rate' | 'l2' | 'blurEvery' | 'jitter'>;

function objective(model: tf.LayersModel, target: VizTarget, x: tf.Tensor): tf.Scalar {
  if (target.kind === 'class') {
    return logitsOf(model, forward(model, x)).slice([0, target.cls], [1, 1]).reshape([]) as tf.Scalar;
  }
  const out = forward(model, x, { until: target.layerName }).get(target.layerName) as tf.Tensor;
  const channels = out.shape[out.rank - 1] as number;
  return out.reshape([-1, channels]).slice([0, target.channel], [-1, 1]).mean() as tf.Scalar;
}

/** Shifts the image by (dy, dx) pixels, wrapping around. */
function roll(x: tf.Tensor4D, dy: number, dx: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  const rollAxis = (t: tf.Tensor4D, d: number, size: number, axis: 1 | 2): tf.Tensor4D => {
    const k = ((d % size) + size) % size;
    if (k === 0) return t;
    const [a, b] = tf.split(t, [size - k, k], axis);
    return tf.concat([b as tf.Tensor4D, a as tf.Tensor4D], axis);
  };
  return rollAxis(rollAxis(x, dy, h, 1), dx, w, 2);
}

function blur(x: tf.Tensor4D): tf.Tensor4D {
  const c = x.shape[3];
  const k = [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16);
  const kernel = tf.tensor4d(Array.from({ length: 9 * c }, (_, i) => k[Math.floor(i / c)] as number), [3, 3, c, 1]);
  return tf.depthwiseConv2d(x, kernel, 1, 'same');
}

export function createClassViz(model: tf.LayersModel, shape: readonly [number, number, number], target: VizTarget,
  settings: Settings, seed = 1): ClassVizRun {
  const [h, w, c] = shape;
  const random = mulberry32(seed);
  let x: tf.Tensor4D = tf.tidy(() => tf.add(tf.fill([1, h, w, c], 0.5), tf.randomUniform([1, h, w, c], -0.02, 0.02, 'float32', seed)) as tf.Tensor4D);
  let steps = 0;
  return {
    async step() {
      const dy = settings.jitter > 0 ? Math.round((random() * 2 - 1) * settings.jitter) : 0;
      const dx = settings.jitter > 0 ? Math.round((random() * 2 - 1) * settings.jitter) : 0;
      steps += 1;
      const next = tf.tidy(() => {
        const shifted = roll(x, dy, dx);
        const g = roll(tf.grad((input: tf.Tensor) => objective(model, target, input))(shifted) as tf.Tensor4D, -dy, -dx);
        // Normalised step (the gradient's RMS), then the L2 pull towards grey.
        const rms = tf.sqrt(tf.add(tf.mean(tf.square(g)), 1e-12));
        let moved = tf.add(x, tf.mul(tf.div(g, rms), settings.rate)) as tf.Tensor4D;
        moved = tf.sub(moved, tf.mul(tf.sub(moved, 0.5), Math.min(1, settings.l2 * settings.rate))) as tf.Tensor4D;
        if (settings.blurEvery > 0 && steps % settings.blurEvery === 0) moved = blur(moved);
        return tf.clipByValue(moved, 0, 1) as tf.Tensor4D;
      });
      x.dispose();
      x = next;
      const score = tf.tidy(() => objective(model, target, x));
      try {
        return (await score.data())[0] ?? Number.NaN;
      } finally {
        score.dispose();
      }
    },
    async image() {
      return Float32Array.from(await x.data());
    },
    dispose() {
      x.dispose();
    },
  };
}
