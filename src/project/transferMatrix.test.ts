// The three ways side by side (project/transferMatrix.ts through the compare runner): a linear probe,
// fine-tuning and training from scratch at shares of the labels, on real runs of the app's store, run
// controller and engine (the lessons' test rig: 12×12 quadrants, cpu backend).
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { blockTrainingOf } from '../model/blockTraining';
import { activation, chain, conv2d, flatten, input, maxPool2d, softmax } from '../model/presets';
import { sampleProject } from './projectFixtures';
import { gainOverScratch, transferKey, transferPlan, transferTable } from './transferMatrix';
import type { Project } from './types';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import { createRig } from '../lessons/testRig';
import { createCompareRunner } from '../views/compare/compareRunner';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const SHAPE = { inputShape: [12, 12, 1], numClasses: 4 } as const;
const net = () => chain(input(), conv2d(4, 3, { padding: 'same' }), activation('relu'), maxPool2d(2), flatten(), softmax());

/** A saved project of `net` whose convolution is all zeros: its features are zero, whatever the image. */
function zeroBackbone(): Project {
  const project = sampleProject(net());
  const weights = project.weights!.map((w) => ({ ...w, values: new Float32Array(w.values.length) }));
  return { ...project, dataShape: SHAPE, weights };
}
const convOf = (p: Project) => p.experiment.spec.blocks[1]!.id;
const poolOf = (p: Project) => p.experiment.spec.blocks[3]!.id;

let rig: ReturnType<typeof createRig> | null = null;
afterEach(() => {
  rig?.dispose();
  rig = null;
});

describe('the transfer comparison', () => {
  it('plans probe, fine-tune and scratch at each share, fewest labels first', () => {
    const project = zeroBackbone();
    const plan = transferPlan(project, poolOf(project), SHAPE);
    if (!plan.ok) throw new Error(plan.problem.code);
    expect(plan.runs.map((r) => transferKey(r.way, r.share))).toEqual(['probe@0.01', 'finetune@0.01', 'scratch@0.01',
      'probe@0.1', 'finetune@0.1', 'scratch@0.1', 'probe@1', 'finetune@1', 'scratch@1']);
    const [probe, finetune, scratch] = plan.runs;
    expect(blockTrainingOf(probe!.spec, convOf(project))).toEqual({ mode: 'frozen' });
    expect(blockTrainingOf(finetune!.spec, convOf(project))).toEqual({ mode: 'trainable' });
    expect(scratch!.spec).toBe(finetune!.spec);
    expect([probe!.startWeights?.length, finetune!.startWeights?.length, scratch!.startWeights]).toEqual([2, 2, null]);
    const refused = transferPlan({ ...project, weights: null }, poolOf(project), SHAPE);
    expect(refused.ok === false && refused.problem.code).toBe('noWeights');
  });

  it('runs them with their start weights and shares, and tabulates the test accuracies', async () => {
    const project = zeroBackbone();
    const plan = transferPlan(project, poolOf(project), SHAPE, [0.1, 1]);
    if (!plan.ok) throw new Error(plan.problem.code);
    rig = createRig();
    const { store } = rig;
    const before = { from: 'kept', weights: [] };
    store.getState().setStartWeights(before);
    store.getState().setValidationFraction(0);
    const hyper = { ...DEFAULT_HYPER_PARAMS, optimizer: 'adam' as const, learningRate: 0.05, batchSize: 16, epochs: 3, seed: 3 };
    const runs = await createCompareRunner(store, rig.run, rig.series).run(plan.runs.map((r) => ({
      label: transferKey(r.way, r.share), key: transferKey(r.way, r.share), spec: r.spec, hyper: { ...hyper, labelShare: r.share },
      startWeights: r.startWeights ? { from: project.name, weights: r.startWeights } : null })));
    expect(runs.map((r) => [r.key, r.phase])).toEqual(plan.runs.map((r) => [transferKey(r.way, r.share), 'done']));
    // 128 training images, 32 a class: 10% keeps 3 of each.
    expect(runs.map((r) => r.trainImages)).toEqual([12, 12, 12, 128, 128, 128]);
    const table = transferTable(runs.map((r) => ({ key: r.key, testAccuracy: r.epochs.at(-1)?.testAccuracy ?? null })));
    // The zero backbone gives the head nothing to read, and a ReLU at 0 passes no gradient back to fine-tune it:
    // both stay at chance (one class of four). From fresh weights the same network learns the quadrants.
    expect([table.probe[1], table.finetune[1]]).toEqual([0.25, 0.25]);
    expect(table.scratch[1]).toBeGreaterThan(0.9);
    expect(gainOverScratch(table, 'probe', 1)).toBeLessThan(-60);
    expect(gainOverScratch(table, 'probe', 0.01)).toBeNull();
    // The store's own start weights are back once the comparison is over.
    expect(store.getState().startWeights).toBe(before);
  });
});
