// A transposed convolution's learned filters reach the Filters view as a convolution's do: bound to the
// block by its id, one row per output channel and one tile per input channel, although tfjs keeps its
// kernel as [kh, kw, out, in] rather than [kh, kw, in, out]. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chain, conv2d, dense, flatten, input, softmax } from '../../model/presets';
import type { DataShape, ModelSpec } from '../../model/spec';
import type { LoadedDataset } from '../../data/types';
import { buildModel } from '../buildModel';
import type { FromWorker } from '../api/protocol';
import { createProbeHub } from './hub';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const DATA: DataShape = { inputShape: [6, 6, 2], numClasses: 3 };
// 3 input channels into the transposed convolution, 4 out; a 3x2 kernel, so rows and columns cannot be swapped unseen.
const spec: ModelSpec = chain(input(), conv2d(3, 3, { id: 'c1' }),
  { kind: 'convtranspose2d', id: 'up', filters: 4, kernel: [3, 2], stride: 2, padding: 'valid' }, flatten(), dense(3), softmax());

function dataset(): LoadedDataset {
  const images = Uint8Array.from({ length: 6 * 6 * 2 }, (_, i) => (i * 53 + 7) % 256);
  return {
    meta: { format: 'cnnp-dataset', version: 1, id: 't', name: 't', inputShape: [6, 6, 2], classNames: ['a', 'b', 'c'],
      train: { count: 1, shards: [] }, test: { count: 1, shards: [] } },
    train: { count: 1, labels: new Uint8Array(1), images }, test: { count: 1, labels: new Uint8Array(1), images },
  };
}

describe('the filters of a transposed convolution', () => {
  it('are probed by block id with its input and output channels, each tile the kernel the block stamps', async () => {
    const built = buildModel(spec, DATA, 5);
    const hub = createProbeHub();
    const posts: FromWorker[] = [];
    hub.configure({ activations: false, filters: true, gradients: false, saliency: false, input: { kind: 'test', index: 0 }, maxPerSecond: 5 });
    const before = tf.memory().numTensors;
    await hub.maybeProbe({
      runId: 1, network: built, data: dataset(), step: 1, batch: { x: new Float32Array(0), y: new Float32Array(0), n: 0 },
      post: (msg) => posts.push(msg), now: () => 1000,
    });
    expect(tf.memory().numTensors).toBe(before);
    hub.endRun();
    const snap = posts.find((m) => m.type === 'probes');
    if (snap?.type !== 'probes') throw new Error('no snapshot');
    expect(snap.probes.filters.map((f) => f.id).sort()).toEqual(['c1', 'up']);
    const up = snap.probes.filters.find((f) => f.id === 'up')!;
    expect([up.kh, up.kw, up.inChannels, up.outChannels]).toEqual([3, 2, 3, 4]);
    // The view reads [out][in][kh][kw]; the tfjs kernel is [kh][kw][out][in].
    const kernel = built.blocks.get('up')!.kernel!.read();
    expect(kernel.shape).toEqual([3, 2, 4, 3]);
    const k = kernel.arraySync() as number[][][][];
    const want: number[] = [];
    for (let o = 0; o < 4; o++) for (let i = 0; i < 3; i++) for (let r = 0; r < 3; r++) for (let c = 0; c < 2; c++) want.push(k[r]![c]![o]![i]!);
    expect(Array.from(up.values)).toEqual(want.map((v) => Math.fround(v)));
    built.dispose();
  });
});
