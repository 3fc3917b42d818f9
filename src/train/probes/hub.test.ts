// The worker probes on the cpu backend in Node: a tiny conv net on the synthetic quadrant data of
// engineHarness.ts, driven through the hub with a fake clock.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../buildModel';
import { dataset, spec } from '../engineHarness';
import type { FromWorker } from '../api/protocol';
import { createProbeHub, probeImage, type ProbeSource } from './hub';
import { PROBES_OFF, type ProbeConfig, type ProbeSnapshot } from '../api/probeTypes';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const ALL: ProbeConfig = { activations: true, filters: true, gradients: true, saliency: true, input: { kind: 'test', index: 3 }, maxPerSecond: 5 };

function fixture() {
  const network = buildModel(spec, { inputShape: dataset.meta.inputShape, numClasses: 4 }, 1);
  const model = network.model;
  const optimizer = tf.train.sgd(0.5);
  const posts: { msg: FromWorker; transfer?: Transferable[] }[] = [];
  let clock = 0;
  const n = 16;
  const x = Float32Array.from(dataset.train.images.subarray(0, n * 64), (b) => b / 255);
  const y = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) y[i * 4 + (dataset.train.labels[i] as number)] = 1;
  const source = (step: number): ProbeSource => ({
    runId: 9, network, data: dataset, step, batch: { x, y, n }, now: () => clock,
    post: (msg, transfer) => posts.push(transfer ? { msg, transfer } : { msg }),
  });
  const trainStep = () => tf.tidy(() => {
    const xs = tf.tensor4d(x, [n, 8, 8, 1]);
    const ys = tf.tensor2d(y, [n, 4]);
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, network.logits.apply(xs) as tf.Tensor) as tf.Scalar);
  });
  const snapshots = () => posts.flatMap((p) => (p.msg.type === 'probes' ? [p.msg.probes] : []));
  const advance = (ms: number) => (clock += ms);
  const dispose = () => {
    optimizer.dispose();
    network.dispose();
  };
  return { model, network, source, trainStep, snapshots, posts, advance, dispose };
}

/** Steps with probing at every boundary, the clock moving 1 s per step so every cadence is due. */
async function run(f: ReturnType<typeof fixture>, hub: ReturnType<typeof createProbeHub>, steps: number) {
  for (let step = 1; step <= steps; step++) {
    f.trainStep();
    f.advance(1000);
    await hub.maybeProbe(f.source(step));
  }
}

describe('probe hub', () => {
  it('posts nothing while no probe is wanted', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure(PROBES_OFF);
    await run(f, hub, 3);
    expect(f.posts).toEqual([]);
    f.dispose();
  });

  it('sends every block\'s activations, the conv kernels and the class templates, transferred', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, gradients: false, saliency: false });
    await run(f, hub, 1);
    const [snap] = f.snapshots() as [ProbeSnapshot];
    expect(snap.step).toBe(1);
    expect(snap.input).toMatchObject({ height: 8, width: 8, channels: 1, label: dataset.test.labels[3] });
    expect(snap.probabilities).toHaveLength(4);
    expect(snap.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(snap.activations.map((m) => [m.id, m.height, m.width, m.channels])).toEqual([
      ['conv', 6, 6, 4], ['relu', 6, 6, 4], ['pool', 3, 3, 4], ['flat', 1, 36, 1], ['out', 1, 4, 1],
    ]);
    // channel-major: channel 1 of conv equals the model's own conv output there.
    const conv = tf.tidy(() => {
      const probe = tf.model({ inputs: f.model.inputs, outputs: f.model.getLayer('conv').output as tf.SymbolicTensor });
      return (probe.predict(tf.tensor4d(snap.input.values, [1, 8, 8, 1])) as tf.Tensor).transpose([0, 3, 1, 2]).dataSync();
    });
    expect([...snap.activations[0]!.values].map((v) => v.toFixed(4))).toEqual([...conv].map((v) => v.toFixed(4)));
    const kernel = f.model.getLayer('conv').getWeights()[0]!.transpose([3, 2, 0, 1]);
    expect([...snap.filters[0]!.values]).toEqual([...kernel.dataSync()]);
    kernel.dispose();
    expect(snap.filters[0]).toMatchObject({ id: 'conv', kh: 3, kw: 3, inChannels: 1, outChannels: 4 });
    expect(snap.templates).toMatchObject({ id: 'out', height: 3, width: 3, channels: 4, classes: 4 });
    expect(snap.templates!.values).toHaveLength(36 * 4);
    expect(snap.gradients).toBeNull();
    const transfer = f.posts[0]!.transfer ?? [];
    expect(transfer).toContain(snap.activations[0]!.values.buffer);
    expect(transfer).toContain(snap.input.values.buffer);
    f.dispose();
  });

  it('measures gradient norms and the update-to-weight ratio of one real step', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, activations: false, filters: false, saliency: false });
    await run(f, hub, 2);
    const [snap] = f.snapshots() as [ProbeSnapshot];
    expect(snap.step).toBe(2); // weights taken after step 1, compared after step 2
    expect(snap.gradients!.ids).toEqual(['conv', 'out']);
    for (const v of [...snap.gradients!.gradNorm, ...snap.gradients!.updateRatio]) {
      expect(v).toBeGreaterThan(0);
      expect(Number.isFinite(v)).toBe(true);
    }
    f.dispose();
  });

  it('keeps gradient probes coming with every view open, maps and filters riding along in the same post', async () => {
    // The weight snapshot is taken at a step where maps are also due; it must survive to the next step.
    const f = fixture();
    const hub = createProbeHub();
    hub.configure(ALL);
    await run(f, hub, 6);
    const snaps = f.snapshots();
    const withGradients = snaps.filter((s) => s.gradients !== null);
    expect(withGradients.length).toBeGreaterThanOrEqual(2);
    for (const s of withGradients) expect(s.activations.length).toBeGreaterThan(0);
    hub.endRun();
    f.dispose();
  });

  it('uses the norms the training step computed for the groups it asked for, instead of a backward pass', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, activations: false, filters: false, saliency: false });
    expect(hub.gradientGroups(f.network)).toBeNull();
    f.advance(1000);
    await hub.maybeProbe(f.source(1));
    const groups = hub.gradientGroups(f.network);
    expect(groups?.map((g) => g.length)).toEqual([2, 2]); // conv and out: kernel and bias each
    const given = tf.tensor1d([0.25, 4]);
    f.trainStep();
    f.advance(1000);
    await hub.maybeProbe({ ...f.source(2), gradientNorms: given });
    expect([...f.snapshots()[0]!.gradients!.gradNorm]).toEqual([0.25, 4]);
    expect(hub.gradientGroups(f.network)).toBeNull();
    expect(given.isDisposed).toBe(false); // the caller's
    given.dispose();
    f.dispose();
  });

  it('explains the predicted class with saliency and Grad-CAM over the input', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, activations: false, filters: false, gradients: false });
    await run(f, hub, 1);
    const [snap] = f.snapshots() as [ProbeSnapshot];
    const s = snap.saliency!;
    const best = snap.probabilities.indexOf(Math.max(...snap.probabilities));
    expect(s.classIndex).toBe(best);
    expect(s.saliency).toHaveLength(64);
    expect(Math.max(...s.saliency)).toBeGreaterThan(0);
    expect(s.camLayer).toBe('relu');
    expect(s.gradCam).toHaveLength(64);
    expect(Math.min(...s.gradCam!)).toBeGreaterThanOrEqual(0);
    f.dispose();
  });

  it('keeps tensor memory flat across probes and releases the weight snapshot at the end', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure(ALL);
    await run(f, hub, 2);
    const before = tf.memory().numTensors;
    await run(f, hub, 6);
    expect(f.snapshots().length).toBeGreaterThan(3);
    // An odd step count leaves a weight snapshot pending: endRun must free it.
    await run(f, hub, 1);
    hub.endRun();
    expect(tf.memory().numTensors).toBe(before);
    f.dispose();
  });

  it('keeps to its rate: no two fast probes closer than 1000 / maxPerSecond ms', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, gradients: false, saliency: false, maxPerSecond: 4 });
    for (let step = 1; step <= 20; step++) {
      f.advance(50);
      await hub.maybeProbe(f.source(step));
    }
    // 20 steps of 50 ms = 1 s at 4 per second: steps 1, 6, 11, 16.
    expect(f.snapshots().map((s) => s.step)).toEqual([1, 6, 11, 16]);
    f.dispose();
  });
});

describe('probe hub off the step boundary', () => {
  it('probes a newly chosen input on its own when no step comes (a paused run)', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, gradients: false });
    await run(f, hub, 1);
    hub.configure({ ...ALL, gradients: false, input: { kind: 'test', index: 7 } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const snaps = f.snapshots();
    expect(snaps).toHaveLength(2);
    expect(snaps[1]!.input.label).toBe(dataset.test.labels[7]);
    expect(snaps[1]!.activations.length).toBeGreaterThan(0);
    // Once the run has ended its model is gone: a new choice is not probed.
    hub.endRun();
    hub.configure({ ...ALL, gradients: false, input: { kind: 'test', index: 8 } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(f.snapshots()).toHaveLength(2);
    f.dispose();
  });

  it('never fails the training step: a probe that throws turns probing off for that model', async () => {
    const f = fixture();
    const hub = createProbeHub();
    hub.configure(ALL);
    const broken = { ...f.source(1), data: { ...dataset, meta: { ...dataset.meta, inputShape: [5, 5, 1] } } };
    const before = tf.memory().numTensors;
    await expect(hub.maybeProbe(broken)).resolves.toBe(false);
    await expect(hub.maybeProbe({ ...broken, step: 2 })).resolves.toBe(false);
    hub.endRun();
    expect(f.posts).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
    f.dispose();
  });
});

describe('probeImage', () => {
  it('takes a test image by index, clamps a bad index, and accepts pixels of the right size', () => {
    const img = probeImage(dataset, { ...ALL, input: { kind: 'test', index: 5 } });
    expect(img.label).toBe(dataset.test.labels[5]);
    expect(img.values[0]).toBeCloseTo((dataset.test.images[5 * 64] as number) / 255);
    expect(probeImage(dataset, { ...ALL, input: { kind: 'test', index: 10_000 } }).label).toBe(dataset.test.labels[63]);
    const drawn = new Float32Array(64).fill(0.5);
    expect(probeImage(dataset, { ...ALL, input: { kind: 'pixels', data: drawn } })).toMatchObject({ label: null, height: 8 });
    // Wrong size: fall back to the first test image rather than fail inside the worker.
    expect(probeImage(dataset, { ...ALL, input: { kind: 'pixels', data: new Float32Array(3) } }).label).toBe(dataset.test.labels[0]);
  });
});

describe('probes through the training engine', () => {
  it('takes the probe-config message, posts probes of the run during training, and adds no tensors', async () => {
    const { harness, start } = await import('../engineHarness');
    const growth = async (config: ProbeConfig | null) => {
      const before = tf.memory().numTensors;
      const h = harness();
      if (config) h.engine.handle({ type: 'probe-config', runId: 0, config });
      h.engine.handle(start(1, { epochs: 2 }));
      await h.engine.idle();
      return { h, grown: tf.memory().numTensors - before };
    };
    // Whatever a run leaves behind without probes (backend caches), a run with every probe leaves the same.
    const bare = await growth(null);
    const { h, grown } = await growth(ALL);
    expect(grown).toBe(bare.grown);
    const probes = h.messages.flatMap((m) => (m.type === 'probes' ? [m] : []));
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.every((m) => m.runId === 1)).toBe(true);
    expect(probes[0]!.probes.activations.map((a) => a.id)).toContain('conv');
    expect(h.messages.some((m) => m.type === 'error')).toBe(false);
    expect(bare.h.messages.some((m) => m.type === 'probes')).toBe(false);
  });
});

describe('gradient flow shows vanishing gradients', () => {
  /** A chain of dense layers of one activation and initialiser on the quadrant data. */
  const deepSpec = (fn: 'sigmoid' | 'relu', init: 'glorotUniform' | 'heNormal') => ({
    blocks: [
      { id: 'in', kind: 'input', inputs: [] },
      { id: 'flat', kind: 'flatten', inputs: ['in'] },
      ...Array.from({ length: 8 }, (_, i) => ({
        id: `d${i}`, kind: 'dense', inputs: [i === 0 ? 'flat' : `d${i - 1}`], units: 32, activation: fn, init,
      })),
      { id: 'out', kind: 'softmax', inputs: ['d7'] },
    ],
  }) as unknown as Parameters<typeof buildModel>[0];

  async function firstToLastRatio(fn: 'sigmoid' | 'relu', init: 'glorotUniform' | 'heNormal') {
    const network = buildModel(deepSpec(fn, init), { inputShape: dataset.meta.inputShape, numClasses: 4 }, 3);
    const f = fixture();
    const hub = createProbeHub();
    hub.configure({ ...ALL, activations: false, filters: false, saliency: false });
    for (let step = 1; step <= 2; step++) {
      f.advance(1000);
      await hub.maybeProbe({ ...f.source(step), network });
    }
    hub.endRun();
    const g = f.snapshots()[0]!.gradients!;
    network.dispose();
    f.dispose();
    return (g.gradNorm[0] as number) / (g.gradNorm[7] as number);
  }

  it('has the first layer of a deep sigmoid net learning far slower than its last, unlike ReLU with He init', async () => {
    const sigmoid = await firstToLastRatio('sigmoid', 'glorotUniform');
    const relu = await firstToLastRatio('relu', 'heNormal');
    expect(sigmoid).toBeLessThan(0.05);
    expect(relu).toBeGreaterThan(10 * sigmoid);
  });
});
