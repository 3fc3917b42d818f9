// The attention-map probe on a small vision transformer (8x8 images, 4x4 patches: a 2x2 grid, a class
// token, 2 blocks of 2 heads): the maps are found by block identity, equal known answers when the queries
// and keys are zero (uniform attention) and when the position table is set by hand, are null for a
// network without attention, and cost no tensors.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { vitHybrid, vitTiny } from '../../model/presetVit';
import { buildModel } from '../buildModel';
import type { BuiltModel } from '../builtModel';
import { dataset, spec as convSpec } from '../engineHarness';
import type { FromWorker } from '../api/protocol';
import { createProbeHub, type ProbeSource } from './hub';
import type { ModelSpec } from '../../model/spec';
import type { ProbeConfig, ProbeSnapshot } from '../api/probeTypes';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const ATTENTION: ProbeConfig = { activations: false, filters: false, gradients: false, saliency: false, attention: true, input: { kind: 'test', index: 2 }, maxPerSecond: 5 };
const vit = vitTiny({ patch: 4, width: 8, heads: 2, layers: 2, hidden: 8 });

async function probe(spec: ModelSpec, prepare: (network: BuiltModel) => void = () => {}, steps = 1): Promise<{ snaps: ProbeSnapshot[]; leaked: number }> {
  const network = buildModel(spec, { inputShape: dataset.meta.inputShape, numClasses: 4 }, 5);
  prepare(network);
  const posts: FromWorker[] = [];
  let clock = 0;
  const x = Float32Array.from(dataset.train.images.subarray(0, 2 * 64), (b) => b / 255);
  const source = (step: number): ProbeSource => ({
    runId: 1, network, data: dataset, step, batch: { x, y: new Float32Array(8), n: 2 }, now: () => clock, post: (msg) => posts.push(msg),
  });
  const hub = createProbeHub();
  hub.configure(ATTENTION);
  clock += 1000;
  await hub.maybeProbe(source(1));
  const before = tf.memory().numTensors;
  for (let step = 2; step <= steps; step++) {
    clock += 1000;
    await hub.maybeProbe(source(step));
  }
  const leaked = tf.memory().numTensors - before;
  hub.endRun();
  network.dispose();
  return { snaps: posts.flatMap((p) => (p.type === 'probes' ? [p.probes] : [])), leaked };
}

const blocksOf = (network: BuiltModel, kind: string) => [...network.blocks.values()].filter((b) => b.spec.kind === kind);

describe('the attention-map probe', () => {
  it('sends each attention block\'s heads over the 2x2 patch grid and the rollout, with tensor memory flat', async () => {
    const { snaps, leaked } = await probe(vit, () => {}, 4);
    expect(leaked).toBe(0);
    expect(snaps).toHaveLength(4);
    const a = snaps[0]!.attention!;
    expect(a).toMatchObject({ rows: 2, cols: 2, fromClassToken: true });
    expect(a.layers.map((l) => l.id)).toEqual(vit.blocks.filter((b) => b.kind === 'attention').map((b) => b.id));
    for (const l of a.layers) {
      expect(l.heads).toBe(2);
      expect(l.values).toHaveLength(2 * 4);
      // The class token's weights over the four patches: what it does not give itself.
      for (let h = 0; h < 2; h++) expect(l.values.subarray(h * 4, h * 4 + 4).reduce((s, v) => s + v, 0)).toBeLessThan(1);
    }
    expect(a.rollout).toHaveLength(4);
  });

  it('gives uniform heads (1/5) and the rollout worked by hand (0.15 per patch) when queries and keys are zero', async () => {
    const { snaps } = await probe(vit, (network) => {
      for (const block of blocksOf(network, 'attention')) {
        const [qkv, bias] = block.weights;
        qkv!.write(tf.zeros(qkv!.shape as number[]));
        bias!.write(tf.zeros(bias!.shape as number[]));
      }
    });
    const a = snaps[0]!.attention!;
    for (const l of a.layers) for (const v of l.values) expect(v).toBeCloseTo(0.2, 6);
    // Ā = 0.5·J/5 + 0.5·I, Ā² = 0.75·J/5 + 0.25·I: the class token's row gives each patch 0.15.
    for (const v of a.rollout) expect(v).toBeCloseTo(0.15, 6);
  });

  it('sends the cosine similarity of the patches\' position embeddings (class token left out)', async () => {
    const rows = [[5, 5], [1, 0], [1, 1], [0, 1], [-1, 0]];
    const { snaps } = await probe(vit, (network) => {
      const [table] = blocksOf(network, 'posembed')[0]!.weights;
      table!.write(tf.tensor2d(rows.map(([a, b]) => [a!, b!, 0, 0, 0, 0, 0, 0])));
    });
    const p = snaps[0]!.positions!;
    expect(p).toMatchObject({ id: vit.blocks.find((b) => b.kind === 'posembed')!.id, rows: 2, cols: 2 });
    const r = Math.SQRT1_2;
    const want = [1, r, 0, -1, r, 1, r, -r, 0, r, 1, 0, -1, -r, 0, 1];
    want.forEach((v, i) => expect(p.values[i]).toBeCloseTo(v, 6));
  });

  it('finds the patch grid of a hybrid after its convolution stem (8x8 image, pool to 4x4, 2x2 patches)', async () => {
    const { snaps } = await probe(vitHybrid({ patch: 4, width: 8, heads: 2, layers: 1, hidden: 8 }));
    expect(snaps[0]!.attention).toMatchObject({ rows: 2, cols: 2, fromClassToken: true });
    expect(snaps[0]!.positions?.values).toHaveLength(16);
  });

  it('sends null for a network with no attention over image patches, so the view can say so', async () => {
    const { snaps } = await probe(convSpec);
    expect(snaps[0]!.attention).toBeNull();
    expect(snaps[0]!.positions).toBeNull();
  });
});
