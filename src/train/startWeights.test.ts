// A run that starts from a saved project's backbone (project/backbone.ts), through the engine on the cpu
// backend: before the first step the backbone's weights are the saved ones exactly, a linear probe leaves
// them so after training while the new head learns, and a weight that does not fit refuses the run by name.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WeightList } from '../codegen/weights';
import { makeBackbone } from '../project/backbone';
import { sampleProject } from '../project/projectFixtures';
import type { Project } from '../project/types';
import { buildModel } from './buildModel';
import type { BuiltModel } from './builtModel';
import { defaultEngineDeps } from './engine';
import type { ToWorker } from './api/protocol';
import type { ModelSpec } from '../model/spec';
import { RunControl } from './runControl';
import { createSession, disposeSession, type RunContext } from './session';
import { dataset, errorOf, harness, meta, spec, start } from './engineHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const shape = { inputShape: meta.inputShape, numClasses: meta.classNames.length };

/** A saved project of the harness network with weights of its own (seeded, not those a fresh build makes). */
function savedProject(): Project {
  const network = buildModel(spec, shape, 1234);
  const weights: WeightList = network.model.weights.map((w) => ({
    name: w.originalName, shape: w.shape.map((d) => d ?? 0), values: Float32Array.from(w.read().dataSync(), (v) => v + 0.01),
  }));
  network.dispose();
  return { ...sampleProject(spec), dataShape: shape, weights };
}

type StartMessage = Extract<ToWorker, { type: 'start' }>;
const startFrom = (runId: number, over: Parameters<typeof start>[1], net: ModelSpec, initialWeights: WeightList): StartMessage =>
  ({ ...(start(runId, over, net) as StartMessage), initialWeights });

const valuesOf = (network: BuiltModel, name: string) =>
  Float32Array.from(network.model.weights.find((w) => w.originalName === name)!.read().dataSync());

describe('a run from a backbone', () => {
  it('starts from the saved weights: the first layer equals them in the new model before any step', () => {
    const project = savedProject();
    const made = makeBackbone(project, 'pool', shape, 'finetune');
    if (!made.ok) throw new Error(made.problem.code);
    const msg = startFrom(1, {}, made.value.spec, made.value.weights);
    const ctx: RunContext = { msg, control: new RunControl(1), deps: defaultEngineDeps, post: () => undefined, phase: null,
      lastYield: 0, pausedMs: 0, session: null };
    const session = createSession(ctx, dataset);
    const saved = (name: string) => project.weights!.find((w) => w.name === name)!.values;
    expect(valuesOf(session.network, 'conv/kernel')).toEqual(saved('conv/kernel'));
    expect(valuesOf(session.network, 'conv/bias')).toEqual(saved('conv/bias'));
    // The new head starts fresh: seeded, not the saved output layer's weights.
    const head = made.value.headIds.at(-1)!;
    expect(valuesOf(session.network, `${head}/kernel`)).not.toEqual(saved('out/kernel'));
    disposeSession(ctx);
  });

  it('keeps a probed backbone as saved while its new head trains', async () => {
    const project = savedProject();
    const made = makeBackbone(project, 'pool', shape, 'probe');
    if (!made.ok) throw new Error(made.problem.code);
    const h = harness();
    h.engine.handle(startFrom(1, { epochs: 1 }, made.value.spec, made.value.weights));
    await h.engine.idle();
    expect(errorOf(h.messages)).toBeUndefined();
    h.engine.handle({ type: 'get-weights', runId: 1, requestId: 1 });
    const reply = h.messages.find((m) => m.type === 'weights');
    if (reply?.type !== 'weights' || reply.weights === null) throw new Error('no weights');
    const saved = (name: string) => project.weights!.find((w) => w.name === name)!.values;
    expect(reply.weights.find((w) => w.name === 'conv/kernel')!.values).toEqual(saved('conv/kernel'));
    expect(reply.weights.find((w) => w.name === 'conv/bias')!.values).toEqual(saved('conv/bias'));
    const head = made.value.headIds.at(-1)!;
    expect(reply.weights.some((w) => w.name === `${head}/kernel`)).toBe(true);
    const accuracy = h.messages.flatMap((m) => (m.type === 'epoch' ? [m.result.testAccuracy] : [])).at(-1);
    expect(accuracy).toBeGreaterThan(0.25);
  });

  it('refuses starting weights that do not fit, naming the weight', async () => {
    const h = harness();
    const wrong: WeightList = [{ name: 'conv/kernel', shape: [1, 1, 1, 1], values: new Float32Array(1) }];
    h.engine.handle(startFrom(1, {}, spec, wrong));
    await h.engine.idle();
    expect(errorOf(h.messages)?.type === 'error' && errorOf(h.messages)).toMatchObject({ message: expect.stringContaining('conv/kernel') });
    const before = tf.memory().numTensors;
    const h2 = harness();
    h2.engine.handle(startFrom(2, {}, spec, wrong));
    await h2.engine.idle();
    expect(tf.memory().numTensors).toBe(before);
  });
});
