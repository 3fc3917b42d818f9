// The strip asks only for the thumbnails on screen: a probe config naming some blocks gets maps of those
// blocks alone, and a block coming into view is probed at once, even with no training step (paused).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../buildModel';
import { dataset, spec } from '../engineHarness';
import type { FromWorker } from '../api/protocol';
import { addsBlocks, createProbeHub, type ProbeSource } from './hub';
import type { ProbeConfig, ProbeSnapshot } from '../api/probeTypes';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const MAPS: ProbeConfig = { activations: true, filters: false, gradients: false, saliency: false, input: { kind: 'test', index: 1 }, maxPerSecond: 5 };

function fixture() {
  const network = buildModel(spec, { inputShape: dataset.meta.inputShape, numClasses: 4 }, 1);
  const posts: FromWorker[] = [];
  let clock = 0;
  const n = 4;
  const x = Float32Array.from(dataset.train.images.subarray(0, n * 64), (b) => b / 255);
  const y = new Float32Array(n * 4);
  const source = (step: number): ProbeSource => ({
    runId: 3, network, data: dataset, step, batch: { x, y, n }, now: () => clock, post: (msg) => posts.push(msg),
  });
  const snapshots = () => posts.flatMap((p) => (p.type === 'probes' ? [p.probes] : []));
  /** One step boundary per second of fake time, so every probe is due. */
  const steps = async (hub: ReturnType<typeof createProbeHub>, from: number, count: number) => {
    for (let step = from; step < from + count; step++) {
      clock += 1000;
      await hub.maybeProbe(source(step));
    }
  };
  return { network, snapshots, steps, dispose: () => network.dispose() };
}

describe('probes for the blocks on screen', () => {
  it('computes maps only for the blocks the config names (2 of 6), with tensor memory flat', async () => {
    const f = fixture();
    expect(spec.blocks).toHaveLength(6);
    const hub = createProbeHub();
    hub.configure({ ...MAPS, blocks: ['pool', 'conv'] });
    await f.steps(hub, 1, 2);
    const before = tf.memory().numTensors;
    await f.steps(hub, 3, 5);
    expect(tf.memory().numTensors).toBe(before);
    const snaps = f.snapshots();
    expect(snaps).toHaveLength(7);
    for (const s of snaps) expect(s.activations.map((m) => m.id)).toEqual(['conv', 'pool']);
    // The probabilities (the output thumbnail) and the input image come with every snapshot all the same.
    expect(snaps[0]!.probabilities).toHaveLength(4);
    // Without the list, every block that has an output map (as before).
    hub.configure(MAPS);
    await f.steps(hub, 8, 1);
    expect((f.snapshots().at(-1) as ProbeSnapshot).activations.map((m) => m.id)).toEqual(['conv', 'relu', 'pool', 'flat', 'out']);
    hub.endRun();
    f.dispose();
  });

  it('probes a block scrolled into view at once when the run stands still, and not one scrolled away', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...MAPS, blocks: ['conv'] });
    await f.steps(hub, 1, 1);
    hub.configure({ ...MAPS, blocks: ['conv', 'flat'] });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(f.snapshots().map((s) => s.activations.map((m) => m.id))).toEqual([['conv'], ['conv', 'flat']]);
    // Fewer blocks: nothing new to show, so no extra probe.
    hub.configure({ ...MAPS, blocks: ['flat'] });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(f.snapshots()).toHaveLength(2);
    hub.endRun();
    f.dispose();
  });

  it('tells a config that adds a block from one that only drops some', () => {
    expect(addsBlocks(['a', 'b'], ['b'])).toBe(false);
    expect(addsBlocks(['a'], ['a', 'c'])).toBe(true);
    expect(addsBlocks(['a'], undefined)).toBe(true);
    expect(addsBlocks(undefined, ['a'])).toBe(false);
  });
});
