// Views are bound to blocks by identity: for every block kind, with every fused activation and with
// dilation, the maps the probes send equal a forward pass written out here from the spec alone (plain tf
// ops, no tf.layers), and the filters are each conv block's own kernel. Grad-CAM picks the last spatial
// conv or activation block, dilated convs, leaky ReLU and ELU included. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALPHA } from '../../model/blockFields';
import {
  activation, add, avgPool2d, batchNorm, chain, concat, conv2d, dense, dropout, flatten, globalAvgPool, globalMaxPool,
  input, maxPool2d, network, softmax,
} from '../../model/presets';
import type { ActivationFn, BlockSpec, DataShape, ModelSpec, Padding, Size2 } from '../../model/spec';
import { buildModel } from '../buildModel';
import { transposePlans } from '../../blocks/convTranspose2d';
import type { BuiltModel } from '../builtModel';
import type { LoadedDataset } from '../../data/types';
import type { FromWorker } from '../api/protocol';
import { createProbeHub } from './hub';
import { saliencyTensors } from './saliency';
import type { ProbeSnapshot } from '../api/probeTypes';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const DATA: DataShape = { inputShape: [9, 9, 2], numClasses: 3 };

const everyKind: ModelSpec = network((n) => {
  const x = n.seq(null, input(), conv2d(3, 3, { padding: 1, activation: 'leakyRelu', id: 'cLeaky' }));
  const a = n.seq(x, conv2d(3, 3, { padding: 'same', activation: 'relu', id: 'cRelu' }),
    conv2d(3, 1, { activation: 'elu', id: 'cElu' }), conv2d(3, 3, { padding: 'same', activation: 'sigmoid', useBias: false, id: 'cSig' }));
  const b = n.seq(x, conv2d(3, 3, { dilation: 2, padding: 'same', activation: 'leakyRelu', id: 'cDil' }),
    conv2d(3, [3, 1], { dilation: [1, 2], padding: 'same', activation: 'tanh', id: 'cDil2' }));
  const c = n.seq(x, { ...batchNorm({ epsilon: 1e-2 }), id: 'bn' }, { ...activation('leakyRelu', 0.2), id: 'aLeaky' },
    { ...activation('elu', 0.5), id: 'aElu' }, { ...activation('tanh'), id: 'aTanh' });
  const sum = n.node({ ...add(), id: 'sum' }, a, b);
  const cat = n.seq(n.node({ ...concat(), id: 'cat' }, sum, c), { ...maxPool2d(2, { padding: 'same' }), id: 'maxp' },
    { ...avgPool2d(2, { stride: 1, padding: 1 }), id: 'avgp' });
  const g1 = n.seq(cat, { ...globalAvgPool(), id: 'gap' });
  const g2 = n.seq(cat, { ...globalMaxPool(), id: 'gmp' });
  const flat = n.seq(cat, { ...flatten(), id: 'flat' }, { ...dropout(0.5), id: 'drop' },
    dense(6, { activation: 'leakyRelu', id: 'dLeaky' }), dense(6, { activation: 'elu', id: 'dElu' }));
  n.seq(n.node({ ...concat(), id: 'cat2' }, flat, g1, g2), dense(5, { activation: 'sigmoid', id: 'dSig' }), { ...softmax(), id: 'out' });
});

const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);

function act(x: tf.Tensor, fn: ActivationFn | undefined, alpha?: number): tf.Tensor {
  switch (fn) {
    case undefined:
    case 'linear': return x;
    case 'relu': return tf.relu(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'tanh': return tf.tanh(x);
    case 'leakyRelu': return tf.leakyRelu(x, alpha ?? DEFAULT_ALPHA.leakyRelu);
    case 'elu': {
      const a = alpha ?? DEFAULT_ALPHA.elu;
      return tf.where(tf.greater(x, 0), x, tf.mul(a, tf.sub(tf.exp(x), 1)));
    }
  }
}

function padded(x: tf.Tensor4D, padding: Padding): [tf.Tensor4D, 'same' | 'valid'] {
  if (padding === 'same' || padding === 'valid') return [x, padding];
  return [tf.pad(x, [[0, 0], [padding, padding], [padding, padding], [0, 0]]), 'valid'];
}

/** One block's output from its inputs, its spec and its weights (kernel, bias / BN parameters). */
function reference(block: BlockSpec, xs: tf.Tensor[], weights: tf.Tensor[]): tf.Tensor {
  const x = xs[0] as tf.Tensor;
  switch (block.kind) {
    case 'input': return x;
    case 'conv2d': {
      const [p, mode] = padded(x as tf.Tensor4D, block.padding);
      const y = tf.conv2d(p, weights[0] as tf.Tensor4D, pair(block.stride), mode, 'NHWC', pair(block.dilation ?? 1));
      return act(weights[1] ? tf.add(y, weights[1]) : y, block.activation);
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      const [p, mode] = padded(x as tf.Tensor4D, block.padding);
      const pool = block.kind === 'maxpool2d' ? tf.maxPool : tf.avgPool;
      return pool(p, pair(block.size), pair(block.stride), mode);
    }
    case 'globalavgpool': return tf.mean(x, [1, 2]);
    case 'globalmaxpool': return tf.max(x, [1, 2]);
    case 'activation': return act(x, block.fn, block.alpha);
    case 'dropout': return x;
    case 'batchnorm': {
      const [gamma, beta, mean, variance] = weights as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, block.epsilon ?? 1e-3))), gamma), beta);
    }
    case 'add': return tf.addN(xs);
    case 'concat': return tf.concat(xs, -1);
    case 'flatten': return tf.reshape(x, [x.shape[0] as number, -1]);
    case 'dense': {
      const y = tf.matMul(x as tf.Tensor2D, weights[0] as tf.Tensor2D);
      return act(weights[1] ? tf.add(y, weights[1]) : y, block.activation);
    }
    case 'convtranspose2d': {
      // Every pixel spread over a kernel-sized patch (the full output and the rows after it), then the crop.
      const [h, w] = transposePlans(block, x.shape.slice(1));
      if (pair(block.dilation ?? 1).some((d) => d > 1)) throw new Error('the reference has no dilated transposed convolution');
      const shape: [number, number, number, number] = [x.shape[0] as number, h.full + h.extra, w.full + w.extra, block.filters];
      const full = tf.conv2dTranspose(x as tf.Tensor4D, weights[0] as tf.Tensor4D, shape, pair(block.stride), 'valid');
      const y = tf.slice(full, [0, h.cropBefore, w.cropBefore, 0], [-1, h.output, w.output, -1]);
      return act(weights[1] ? tf.add(y, weights[1]) : y, block.activation);
    }
    case 'upsample2d': {
      // tfjs' own resize kernels: whole copies, and bilinear with half-pixel centres (forward only here).
      const [sh, sw] = pair(block.scale);
      const size: [number, number] = [(x.shape[1] as number) * sh, (x.shape[2] as number) * sw];
      return block.interpolation === 'bilinear' ? tf.image.resizeBilinear(x as tf.Tensor4D, size, false, true)
        : tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size);
    }
    case 'crop2d': {
      const size = [-1, (x.shape[1] as number) - block.top - block.bottom, (x.shape[2] as number) - block.left - block.right, -1];
      return tf.slice(x, [0, block.top, block.left, 0], size);
    }
    case 'softmax': return tf.softmax(tf.add(tf.matMul(x as tf.Tensor2D, weights[0] as tf.Tensor2D), weights[1] as tf.Tensor));
    case 'pixelsoftmax': return tf.softmax(tf.add(tf.conv2d(x as tf.Tensor4D, weights[0] as tf.Tensor4D, 1, 'valid'), weights[1] as tf.Tensor));
    default: return tokenReference(block, x, weights);
  }
}

/** x @ W + b over the last axis of tokens. */
const linear = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.einsum('bnd,de->bne', x, w), b);

/** The transformer kinds, from their formulas: tokens are [batch, N, D]. */
function tokenReference(block: BlockSpec, x: tf.Tensor, weights: tf.Tensor[]): tf.Tensor {
  const [w0, w1, w2, w3] = weights as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  switch (block.kind) {
    case 'patchembed': {
      const y = tf.add(tf.conv2d(x as tf.Tensor4D, w0 as tf.Tensor4D, block.patch, 'valid'), w1);
      return tf.reshape(y, [y.shape[0], -1, block.width]);
    }
    case 'classtoken': return tf.concat([tf.reshape(w0, [1, 1, -1]), x], 1);
    case 'posembed': return tf.add(x, w0);
    case 'layernorm': {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, block.epsilon ?? 1e-6))), w0), w1);
    }
    case 'attention': {
      const [, n, d] = x.shape as [number, number, number];
      const hd = d / block.heads;
      const qkv = linear(x, w0, w1);
      const heads = Array.from({ length: block.heads }, (_, h) => {
        const part = (i: number) => tf.slice(qkv, [0, 0, i * d + h * hd], [1, n, hd]);
        const a = tf.softmax(tf.div(tf.einsum('bnk,bmk->bnm', part(0), part(1)), Math.sqrt(hd)));
        return tf.einsum('bnm,bmk->bnk', a, part(2));
      });
      return linear(tf.concat(heads, -1), w2, w3);
    }
    case 'mlp': {
      const h = linear(x, w0, w1);
      return linear(tf.mul(tf.mul(h, 0.5), tf.add(1, tf.erf(tf.div(h, Math.SQRT2)))), w2, w3);
    }
    case 'tokenpool': return block.pool === 'mean' ? tf.mean(x, 1) : tf.squeeze(tf.slice(x, [0, 0, 0], [-1, 1, -1]), [1]);
    default: throw new Error(`no reference for block kind ${block.kind}`);
  }
}

/** Every block's output for `image`, from the spec in order, channel-major as the probes send maps. */
function referencePass(spec: ModelSpec, built: BuiltModel, image: tf.Tensor4D): Map<string, number[]> {
  const values = new Map<string, tf.Tensor>();
  const out = new Map<string, number[]>();
  tf.tidy(() => {
    for (const block of spec.blocks) {
      const xs = block.kind === 'input' ? [image] : block.inputs.map((id) => values.get(id) as tf.Tensor);
      const weights = built.blocks.get(block.id)?.weights.map((w) => w.read()) ?? [];
      const y = reference(block, xs, weights);
      values.set(block.id, tf.keep(y));
      if (block.kind !== 'input') out.set(block.id, Array.from((y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y).dataSync()));
    }
  });
  tf.dispose([...values.values()]);
  return out;
}

function dataset(data: DataShape): LoadedDataset {
  const [h, w, c] = data.inputShape as [number, number, number];
  const images = Uint8Array.from({ length: h * w * c }, (_, i) => (i * 97 + 13) % 256);
  const classNames = Array.from({ length: data.numClasses }, (_, i) => `c${i}`);
  return {
    meta: { format: 'cnnp-dataset', version: 1, id: 't', name: 't', inputShape: [h, w, c], classNames,
      train: { count: 1, shards: [] }, test: { count: 1, shards: [] } },
    train: { count: 1, labels: new Uint8Array(1), images }, test: { count: 1, labels: new Uint8Array(1), images },
  };
}

async function snapshotOf(built: BuiltModel, data: LoadedDataset): Promise<ProbeSnapshot> {
  const hub = createProbeHub();
  const posts: FromWorker[] = [];
  hub.configure({ activations: true, filters: true, gradients: false, saliency: false, input: { kind: 'test', index: 0 }, maxPerSecond: 5 });
  await hub.maybeProbe({
    runId: 1, network: built, data, step: 1, batch: { x: new Float32Array(0), y: new Float32Array(0), n: 0 },
    post: (msg) => posts.push(msg), now: () => 1000,
  });
  hub.endRun();
  const snap = posts.find((m) => m.type === 'probes');
  if (snap?.type !== 'probes') throw new Error('no snapshot');
  return snap.probes;
}

/** Batch-norm statistics away from their (0, 1) start, so the layer does something to compare. */
function shiftBatchNorm(built: BuiltModel): void {
  for (const block of built.blocks.values()) {
    if (block.spec.kind !== 'batchnorm') continue;
    block.weights.forEach((w, i) => w.write(tf.tidy(() => tf.add(tf.randomUniform(w.shape as number[], 0.2, 1.5, 'float32', 11 + i), 0))));
  }
}

const close = (values: ArrayLike<number>) => Array.from(values, (v) => expect.closeTo(v, 4));

describe('probes find blocks by identity', () => {
  it('every block kind, fused activation and dilation: maps equal a forward pass from the spec, filters are the conv kernels', async () => {
    const built = buildModel(everyKind, DATA, 4);
    shiftBatchNorm(built);
    const data = dataset(DATA);
    const snap = await snapshotOf(built, data);
    const image = tf.tensor4d(snap.input.values, [1, 9, 9, 2]);
    const expected = referencePass(everyKind, built, image);
    image.dispose();
    const blockIds = everyKind.blocks.filter((b) => b.kind !== 'input').map((b) => b.id);
    // In the core's topological order; every block but the input, each once.
    expect(snap.activations.map((m) => m.id).sort()).toEqual(blockIds.sort());
    for (const map of snap.activations) {
      expect([map.id, Array.from(map.values)]).toEqual([map.id, close(expected.get(map.id) ?? [])]);
    }
    // A fused leaky ReLU shows its output after the activation: negative values scaled down, not cut off.
    const leaky = snap.activations.find((m) => m.id === 'cLeaky')!;
    expect(Math.min(...leaky.values)).toBeLessThan(0);
    const convIds = everyKind.blocks.filter((b) => b.kind === 'conv2d').map((b) => b.id);
    expect(snap.filters.map((f) => f.id).sort()).toEqual(convIds.sort());
    for (const filter of snap.filters) {
      const kernel = tf.tidy(() => tf.transpose(built.blocks.get(filter.id)!.kernel!.read(), [3, 2, 0, 1]).dataSync());
      expect([filter.id, Array.from(filter.values)]).toEqual([filter.id, Array.from(kernel)]);
    }
    expect(snap.templates?.id).toBe('out');
    built.dispose();
  });

  it.each([
    ['a dilated conv', chain(input(), conv2d(3, 3, { id: 'c1' }), conv2d(2, 3, { dilation: 2, padding: 'same', id: 'dil' }), flatten(), softmax()), 'dil'],
    ['a conv with a fused leaky ReLU', chain(input(), conv2d(2, 3, { activation: 'leakyRelu', id: 'fused' }), globalAvgPool(), softmax()), 'fused'],
    ['a leaky ReLU block', chain(input(), conv2d(2, 3, { id: 'c1' }), { ...activation('leakyRelu', 0.1), id: 'lr' }, flatten(), softmax()), 'lr'],
    ['an ELU block', chain(input(), conv2d(2, 3, { id: 'c1' }), { ...activation('elu', 0.7), id: 'elu' }, maxPool2d(2), flatten(), softmax()), 'elu'],
  ] as const)('Grad-CAM explains %s', (_name, spec, id) => {
    const built = buildModel(spec, DATA, 2);
    const before = tf.memory().numTensors;
    let result: { camLayer: string | null; cam: number[] | null } = { camLayer: null, cam: null };
    tf.tidy(() => {
      const x = tf.randomUniform([1, 9, 9, 2], 0, 1, 'float32', 3) as tf.Tensor4D;
      const s = saliencyTensors(built, x, tf.oneHot([0], 3).toFloat());
      result = { camLayer: s.camLayer, cam: s.gradCam ? Array.from(s.gradCam.dataSync()) : null };
    });
    expect(result.camLayer).toBe(id);
    expect(result.cam).toHaveLength(81);
    expect(tf.memory().numTensors).toBe(before);
    built.dispose();
  });
});
