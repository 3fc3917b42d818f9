// One understanding request on a weight copy: checks the request against the model and data, runs the
// matching computation and turns its result into the plain typed arrays the views draw.
import * as tf from '@tensorflow/tfjs';
import { analyzeModel } from '../../model/analyze';
import { unitBox } from '../../model/receptiveField';
import { layerOfBlock } from './adapter';
import { activationStats } from './activationStats';
import { attackBounds, attackStep, attackStepSize, fgsm } from './adversarial';
import { createClassViz } from './classViz';
import { penultimateFeatures } from './features';
import { probabilitiesOf } from './forward';
import { meanPixel, occlusionMap } from './occlusion';
import type { AttackRequest, ClassVizRequest, ImageShape, UnderstandRequest, UnderstandResult } from '../api/understandProtocol';
import type { JobContext } from './service';
import { channelsOf, topActivations } from './topActivations';

export const LIMITS = { statsBatch: 256, topK: 32, topImages: 10_000, vizSteps: 500, attackSteps: 100, features: 3000 } as const;

const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
const numIn = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;

/** What is wrong with the request for this model and data, in English for logs; null when it can run. */
export function validate(request: UnderstandRequest, ctx: JobContext): string | null {
  const [h, w] = ctx.inputShape;
  const testCount = ctx.data.test.count;
  switch (request.view) {
    case 'stats':
      return intIn(request.batchSize, 1, LIMITS.statsBatch) ? null : 'batch size out of range';
    case 'top': {
      const layer = layerOfBlock(ctx.model, request.blockId);
      if (!layer) return `no block ${request.blockId}`;
      if (!intIn(request.channel, 0, channelsOf(layer) - 1)) return 'channel out of range';
      return intIn(request.k, 1, LIMITS.topK) && intIn(request.maxImages, 1, LIMITS.topImages) ? null : 'k or image count out of range';
    }
    case 'occlusion':
      if (!intIn(request.index, 0, testCount - 1)) return 'image index out of range';
      return intIn(request.patch, 1, Math.max(h, w)) && intIn(request.stride, 1, Math.max(h, w)) ? null : 'patch or stride out of range';
    case 'classviz': {
      const t = request.target;
      if (t.kind === 'class' && !intIn(t.cls, 0, ctx.numClasses - 1)) return 'class out of range';
      if (t.kind === 'channel') {
        const layer = layerOfBlock(ctx.model, t.blockId);
        if (!layer || !intIn(t.channel, 0, channelsOf(layer) - 1)) return 'block or channel out of range';
      }
      const ok = intIn(request.steps, 1, LIMITS.vizSteps) && numIn(request.rate, 0, 1) && numIn(request.l2, 0, 100)
        && intIn(request.blurEvery, 0, 1000) && intIn(request.jitter, 0, Math.max(h, w)) && intIn(request.frameEvery, 1, 1000);
      return ok ? null : 'settings out of range';
    }
    case 'attack':
      if (!intIn(request.index, 0, testCount - 1)) return 'image index out of range';
      if (!numIn(request.epsilon, 0, 1) || !intIn(request.steps, 1, LIMITS.attackSteps)) return 'epsilon or steps out of range';
      return request.mode === 'fgsm' || intIn(request.target, 0, ctx.numClasses - 1) ? null : 'target class out of range';
    case 'features':
      return intIn(request.count, 3, LIMITS.features) ? null : 'count out of range';
  }
}

export interface JobResult {
  readonly result: UnderstandResult;
  readonly transfer: Transferable[];
}

const imageShape = (ctx: JobContext): ImageShape => ({ height: ctx.inputShape[0], width: ctx.inputShape[1], channels: ctx.inputShape[2] });
const sizeOf = (ctx: JobContext) => ctx.inputShape[0] * ctx.inputShape[1] * ctx.inputShape[2];

function testPixels(ctx: JobContext, index: number): Float32Array {
  const size = sizeOf(ctx);
  return Float32Array.from(ctx.data.test.images.subarray(index * size, (index + 1) * size), (v) => v / 255);
}

/** Runs the request; null when it was cancelled on the way. */
export async function runRequest(request: UnderstandRequest, ctx: JobContext): Promise<JobResult | null> {
  switch (request.view) {
    case 'stats': {
      const n = Math.min(request.batchSize, ctx.data.test.count);
      const x = tf.tensor4d(Float32Array.from(ctx.data.test.images.subarray(0, n * sizeOf(ctx)), (v) => v / 255), [n, ...ctx.inputShape]);
      try {
        const layers = await activationStats(ctx.model, x, Int32Array.from(ctx.data.test.labels.subarray(0, n)), ctx.numClasses,
          { size: ctx.size, pause: ctx.pause });
        return { result: { view: 'stats', examples: n, layers }, transfer: [] };
      } finally {
        x.dispose();
      }
    }
    case 'top': {
      const layer = layerOfBlock(ctx.model, request.blockId) as tf.layers.Layer;
      // Each block kind's own step back (the model core's), never guessed from the tfjs layer's class.
      const data = { inputShape: ctx.inputShape, numClasses: ctx.numClasses };
      const analysis = analyzeModel(ctx.spec, data);
      const boxOf = (row: number, col: number) => unitBox(ctx.spec, analysis, request.blockId, row, col);
      const found = await topActivations(ctx.model, layer, ctx.data.test, ctx.inputShape, boxOf,
        { channel: request.channel, k: request.k, maxImages: request.maxImages, size: ctx.size, pause: ctx.pause, cancelled: ctx.cancelled });
      if (!found) return null;
      const size = sizeOf(ctx);
      const images = new Uint8Array(found.top.length * size);
      found.top.forEach((t, i) => images.set(ctx.data.test.images.subarray(t.index * size, (t.index + 1) * size), i * size));
      const indices = Int32Array.from(found.top, (t) => t.index);
      const values = Float32Array.from(found.top, (t) => t.value);
      return {
        result: { view: 'top', blockId: request.blockId, channel: request.channel, channels: found.channels, shape: imageShape(ctx),
          searched: found.searched, images, indices, values, boxes: found.boxes },
        transfer: [images.buffer, indices.buffer, values.buffer, found.boxes.buffer],
      };
    }
    case 'occlusion': {
      const label = ctx.data.test.labels[request.index] as number;
      const pixels = testPixels(ctx, request.index);
      const map = await occlusionMap(ctx.model, pixels, ctx.inputShape, label, request.patch, request.stride,
        { fill: meanPixel(ctx.data.train.images), size: ctx.size, pause: ctx.pause });
      const size = sizeOf(ctx);
      const image = ctx.data.test.images.slice(request.index * size, (request.index + 1) * size);
      return {
        result: { view: 'occlusion', index: request.index, label, shape: imageShape(ctx), image, baseProbability: map.base,
          rows: map.rows, cols: map.cols, patch: request.patch, stride: request.stride, drop: map.drop },
        transfer: [image.buffer, map.drop.buffer],
      };
    }
    case 'classviz':
      return classViz(request, ctx);
    case 'attack':
      return attack(request, ctx);
    case 'features': {
      const features = await penultimateFeatures(ctx.model, ctx.data.test, ctx.inputShape, request.count, { size: ctx.size, pause: ctx.pause });
      if (!features) throw new Error('the model has no block before its output');
      const size = sizeOf(ctx);
      const images = ctx.data.test.images.slice(0, features.count * size);
      const labels = Int32Array.from(ctx.data.test.labels.subarray(0, features.count));
      const indices = Int32Array.from({ length: features.count }, (_, i) => i);
      return {
        result: { view: 'features', blockId: features.blockId, shape: imageShape(ctx), dim: features.dim, features: features.values, labels, indices, images },
        transfer: [features.values.buffer, labels.buffer, indices.buffer, images.buffer],
      };
    }
  }
}

async function classViz(request: ClassVizRequest, ctx: JobContext): Promise<JobResult | null> {
  const t = request.target;
  const target = t.kind === 'class' ? t : { kind: 'channel' as const, layerName: (layerOfBlock(ctx.model, t.blockId) as tf.layers.Layer).name, channel: t.channel };
  const viz = createClassViz(ctx.model, ctx.inputShape, target, request);
  const scores: number[] = [];
  try {
    for (let s = 1; s <= request.steps; s++) {
      if (ctx.cancelled()) return null;
      scores.push(await viz.step());
      if (s < request.steps && s % request.frameEvery === 0) {
        const image = await viz.image();
        const sent = Float32Array.from(scores);
        ctx.progress({ view: 'classviz', step: s, done: false, shape: imageShape(ctx), image, scores: sent }, [image.buffer, sent.buffer]);
      }
      await ctx.pause(1);
    }
    const image = await viz.image();
    const sent = Float32Array.from(scores);
    return { result: { view: 'classviz', step: request.steps, done: true, shape: imageShape(ctx), image, scores: sent }, transfer: [image.buffer, sent.buffer] };
  } finally {
    viz.dispose();
  }
}

/** FGSM (one step), or the iterative targeted attack one step per slice, so training runs between its steps. */
async function attack(request: AttackRequest, ctx: JobContext): Promise<JobResult | null> {
  const label = ctx.data.test.labels[request.index] as number;
  const original = testPixels(ctx, request.index);
  const x = tf.tensor4d(original, [1, ...ctx.inputShape]);
  const kept: tf.Tensor[] = [x];
  try {
    let adv: tf.Tensor;
    if (request.mode === 'fgsm') {
      adv = tf.tidy(() => fgsm(ctx.model, x, tf.tensor1d([label], 'int32'), ctx.numClasses, request.epsilon));
      kept.push(adv);
    } else {
      const target = tf.tensor1d([request.target], 'int32');
      const bounds = tf.tidy(() => attackBounds(x, request.epsilon));
      kept.push(target, bounds.low, bounds.high);
      const alpha = attackStepSize(request.epsilon, request.steps);
      adv = x;
      for (let s = 0; s < request.steps; s++) {
        if (ctx.cancelled()) return null;
        const from = adv;
        adv = tf.tidy(() => attackStep(ctx.model, from, target, ctx.numClasses, bounds, alpha, true));
        kept.push(adv);
        if (from !== x) from.dispose();
        await ctx.pause(1);
      }
    }
    const [before, after] = tf.tidy(() => [probabilitiesOf(ctx.model, x), probabilitiesOf(ctx.model, adv)]);
    kept.push(before, after);
    const [a, b, c] = await Promise.all([adv.data(), before.data(), after.data()]);
    const result = { view: 'attack' as const, index: request.index, label, shape: imageShape(ctx), original,
      adversarial: Float32Array.from(a), before: Float32Array.from(b), after: Float32Array.from(c) };
    return { result, transfer: [result.original.buffer, result.adversarial.buffer, result.before.buffer, result.after.buffer] };
  } finally {
    tf.dispose(kept.filter((t) => !t.isDisposed));
  }
}
