// The lesson rig over every step, through the real store (testRig.ts: store, run controller, training client
// and engine in-process on the cpu backend, a small synthetic dataset): each step is not done on arrival (its
// set-up applied as the lesson panel applies it), not done after a different action, and done after the action
// its task names. Runs here are small and only show that the check reads the run; the stated outcomes on the
// full data are measured by bench/node/lessons.node.ts.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findKernel } from '../kernelLab/kernels';
import { activation, chain, conv2d, flatten, input, lenet5Mnist, maxPool2d, softmax, tinyCnn } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { findStep, formatStepRef, LESSONS, type StepRef } from './index';
import { initActivations, type InitActivation, type InitScale } from './initStats';
import { deepRelu } from './lesson4';
import { createRig, quadrantSet } from './testRig';
import type { KernelLabResults } from './types';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

type Rig = ReturnType<typeof createRig>;
interface StepActions {
  /** What the task asks for. */
  readonly act: (r: Rig) => unknown;
  /** Something else a student might do instead, which must not tick the step. */
  readonly other: (r: Rig) => unknown;
}

const DATA = quadrantSet(256, 64);
let rig: Rig | null = null;
afterEach(() => {
  rig?.dispose();
  rig = null;
});

const lab = (r: Rig, patch: Partial<KernelLabResults>) => r.store.getState().recordKernelLab(patch);
const init = (r: Rig, scale: InitScale, fn: InitActivation) =>
  r.store.getState().recordInitLab({ scale, activation: fn, layerStd: initActivations(scale, fn).map((l) => l.std) });
const update = (r: Rig, id: string, patch: Record<string, unknown>) => r.store.getState().updateBlock(id, patch);
const edited = (r: Rig, edit: (spec: ModelSpec) => ModelSpec) => r.store.getState().setSpec(edit(r.store.getState().spec));
const select = (r: Rig, pick: (spec: ModelSpec) => string | undefined) => r.store.getState().select([pick(r.store.getState().spec) ?? '']);
const train = async (r: Rig, hyper: Record<string, unknown> = {}) => {
  r.store.getState().setHyper(hyper);
  return r.train();
};
const stepOf = (r: Rig) => findStep(r.store.getState().lessonStep!)!;
const runStep = (r: Rig) => r.runStep(stepOf(r));
const view = (r: Rig, panel: string) => {
  r.store.getState().openPanel(panel);
  r.store.getState().openPanel('lessons');
};
const twoConv = (): ModelSpec => chain(input(), conv2d(2, 3, { padding: 'same' }), activation('relu'), maxPool2d(2),
  conv2d(2, 3, { padding: 'same' }), activation('relu'), maxPool2d(2), flatten(), softmax());
const kernelOf = (values: number[]) => ({ size: 3, values });

/** A trained network with mistakes left (lesson 8's steps look at one). */
const trainedWithMistakes = (r: Rig) => {
  r.store.getState().setSpec(tinyCnn()); // any trained network will do; a small one keeps the test fast
  return train(r, { learningRate: 1e-4, epochs: 1 });
};

const ACTIONS: Record<string, StepActions> = {
  '1.1': {
    act: (r) => { lab(r, { kernelsApplied: ['sobelX', 'sobelY'] }); lab(r, { inspected: true }); },
    other: (r) => lab(r, { kernelsApplied: ['sobelX', 'sobelY'] }), // applied, but no multiply-adds read
  },
  '1.2': {
    act: (r) => lab(r, { kernelsApplied: ['identity', 'edge1', 'edge2', 'edge3', 'sharpen', 'boxBlur', 'gaussian3'] }),
    other: (r) => lab(r, { kernelsApplied: ['identity', 'edge1', 'edge2', 'edge3', 'sharpen', 'boxBlur'] }),
  },
  '1.3': {
    act: (r) => lab(r, { paddingsSeen: ['zero', 'replicate', 'mirror'] }),
    other: (r) => lab(r, { paddingsSeen: ['zero', 'replicate'], kernelsApplied: ['edge1'] }),
  },
  '1.4': {
    act: (r) => lab(r, { customKernel: kernelOf([2, 1, 2, 0, 0, 0, -2, -1, -2]) }),
    other: (r) => lab(r, { customKernel: { size: 3, values: [...findKernel('sobelY')!.values] } }), // the table's own kernel
  },
  '1.5': { act: (r) => lab(r, { channelsViewed: true }), other: (r) => lab(r, { kernelsApplied: ['sobelX'] }) },
  '1.6': {
    act: (r) => lab(r, { learnedLoss: 5e-5, learnedDistance: 0.01 }),
    other: (r) => lab(r, { learnedLoss: 0.3, learnedDistance: 1.2 }),
  },
  '2.1': { act: (r) => update(r, 'conv1', { stride: 2 }), other: (r) => update(r, 'conv1', { padding: 0, kernel: 3 }) },
  '2.2': { act: (r) => update(r, 'conv1', { padding: 1 }), other: (r) => update(r, 'conv1', { stride: 2 }) },
  '2.3': {
    act: (r) => edited(r, (s) => ({ blocks: s.blocks.map((b) => (b.id === 'pool1' && b.kind === 'maxpool2d' ? { ...b, kind: 'avgpool2d' } : b)) })),
    other: (r) => update(r, 'pool1', { size: 3, stride: 3 }),
  },
  '2.4': { act: (r) => update(r, 'conv1', { filters: 64, kernel: 7 }), other: (r) => update(r, 'conv1', { filters: 64 }) },
  '2.5': {
    act: (r) => { const id = r.store.getState().addBlock('conv2d', { after: 'conv2' }); update(r, id!, { kernel: 1, filters: 4 }); },
    other: (r) => { const id = r.store.getState().addBlock('conv2d', { after: 'conv2' }); update(r, id!, { kernel: 3, filters: 4 }); },
  },
  '3.1': {
    act: (r) => r.store.getState().setSpec(lenet5Mnist()),
    other: (r) => edited(r, () => ({ blocks: lenet5Mnist().blocks.map((b) => (b.kind === 'dense' && b.units === 120 ? { ...b, units: 100 } : b)) })),
  },
  // LeNet on the cpu backend is slow for CI: a smaller two-convolution network stands in (the check asks for a
  // CNN above 98%); the step's own LeNet run on MNIST is in the full-data measurement.
  '3.2': {
    act: (r) => { r.store.getState().setSpec(twoConv()); return train(r, { epochs: 3, learningRate: 0.05 }); },
    other: (r) => { r.store.getState().setSpec(deepRelu()); return train(r, { epochs: 3, learningRate: 0.05 }); }, // not a CNN
  },
  '3.3': {
    act: (r) => { r.store.getState().setSpec(tinyCnn()); r.store.getState().setValidationFraction(0.25); return train(r, { epochs: 4, learningRate: 0.05 }); },
    other: (r) => { r.store.getState().setSpec(tinyCnn()); r.store.getState().setValidationFraction(0); return train(r, { epochs: 4, learningRate: 0.05 }); },
  },
  '4.1': { act: (r) => init(r, 'xavier', 'tanh'), other: (r) => init(r, 'large', 'tanh') },
  '4.2': { act: (r) => init(r, 'he', 'relu'), other: (r) => init(r, 'small', 'relu') },
  '4.3': { act: (r) => train(r), other: (r) => { r.store.getState().setSpec(deepRelu()); return train(r); } },
  '4.4': { act: (r) => runStep(r), other: (r) => train(r) },
  '5.1': { act: (r) => runStep(r), other: (r) => train(r) },
  '5.2': {
    act: (r) => { r.store.getState().addBlock('dropout', { after: 'act1' }); return train(r); },
    other: (r) => train(r),
  },
  '6.1': { act: (r) => runStep(r), other: (r) => train(r) },
  // Small batches, so the guard's 50 steps of patience fit in this small set.
  '6.2': {
    act: (r) => train(r, { optimizer: 'adam', learningRate: 10, batchSize: 8, epochs: 3 }),
    other: (r) => train(r, { learningRate: 0.05, batchSize: 8, epochs: 3 }),
  },
  '6.3': { act: (r) => train(r, { learningRate: 1e-5 }), other: (r) => train(r, { learningRate: 0.05 }) },
  '7.1': {
    act: (r) => select(r, (s) => s.blocks.filter((b) => b.kind === 'conv2d')[1]?.id),
    other: (r) => select(r, (s) => s.blocks.find((b) => b.kind === 'maxpool2d')?.id),
  },
  '7.2': {
    act: (r) => select(r, () => r.store.getState().analysis.blocks.reduce((a, b) => (b.params.trainable > a.params.trainable ? b : a)).id),
    other: (r) => select(r, (s) => s.blocks.find((b) => b.kind === 'conv2d')?.id),
  },
  '7.3': {
    act: (r) => select(r, (s) => s.blocks.find((b) => b.kind === 'concat')?.id),
    other: (r) => select(r, (s) => s.blocks.find((b) => b.kind === 'conv2d')?.id),
  },
  '7.4': {
    act: (r) => select(r, (s) => s.blocks.find((b) => b.kind === 'add')?.id),
    other: (r) => select(r, (s) => s.blocks.find((b) => b.kind === 'conv2d')?.id),
  },
  '8.1': { act: async (r) => { await trainedWithMistakes(r); view(r, 'maps'); }, other: (r) => view(r, 'maps') },
  '8.2': {
    act: async (r) => { await trainedWithMistakes(r); r.store.getState().openPanel('results'); r.run.probes.setInput({ kind: 'test', index: 5 }); },
    other: async (r) => { await trainedWithMistakes(r); view(r, 'results'); }, // opened, no mistake looked at
  },
  '8.3': {
    act: async (r) => { await trainedWithMistakes(r); view(r, 'saliency'); r.run.probes.setInput({ kind: 'test', index: 1 }); r.run.probes.setInput({ kind: 'test', index: 2 }); },
    other: async (r) => { await trainedWithMistakes(r); view(r, 'saliency'); },
  },
  '8.4': {
    act: async (r) => { await trainedWithMistakes(r); for (const v of ['top', 'occlusion', 'features']) r.store.getState().recordViewComputed(v); },
    other: async (r) => { await trainedWithMistakes(r); view(r, 'understand'); r.store.getState().recordViewComputed('stats'); },
  },
};

const ALL: StepRef[] = LESSONS.flatMap((l) => l.steps.map((_, i) => ({ lesson: l.id, step: i + 1 })));
const isDone = (r: Rig) => {
  const s = r.store.getState();
  return stepOf(r).check({ state: s, results: s.lessonResults });
};

describe('every lesson step, through the store', () => {
  it('has its named action and a different one in this table', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(ALL.map(formatStepRef).sort());
  });

  for (const ref of ALL) {
    const name = formatStepRef(ref);
    it(`${name}: not done on arrival or after another action; done after its task's action`, async () => {
      const actions = ACTIONS[name]!;
      rig = createRig(DATA);
      rig.store.getState().setHyper({ seed: 3 });
      expect(rig.open(ref)).toBe(true);
      expect(isDone(rig), `${name} on arrival`).toBe(false);
      await actions.other(rig);
      expect(isDone(rig), `${name} after another action`).toBe(false);
      // The named action on a fresh arrival: what the other action left behind is no help either way.
      rig.dispose();
      rig = createRig(DATA);
      rig.store.getState().setHyper({ seed: 3 });
      rig.open(ref);
      await actions.act(rig);
      const end = rig.store.getState();
      expect(isDone(rig), `${name} after its action: ${JSON.stringify([end.phase, end.divergence?.kind, end.epochs.at(-1)])}`).toBe(true);
    }, 90_000);
  }
});
