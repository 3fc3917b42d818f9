import { describe, expect, it } from 'vitest';
import { chain, conv2d, dense, flatten, input, maxPool2d, softmax, activation } from '../model/presets';
import { analyzeModel } from '../model/analyze';
import { blockTrainingOf } from '../model/blockTraining';
import { cutCandidates, fittingWeights, makeBackbone } from './backbone';
import { sampleProject } from './projectFixtures';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;
const TWO_CLASSES = { inputShape: [28, 28, 1], numClasses: 2 } as const;

describe('a saved project as a backbone', () => {
  it('keeps the blocks up to the cut with their saved weights and adds a head for the new classes', () => {
    const project = sampleProject(); // input, conv1, act, pool, flatten, output
    const ids = project.experiment.spec.blocks.map((b) => b.id);
    const pool = ids[3] as string;
    expect(cutCandidates(project.experiment.spec)).toEqual(ids.slice(1, -1));
    const made = makeBackbone(project, pool, TWO_CLASSES, 'probe');
    if (!made.ok) throw new Error(made.problem.code);
    const { spec, weights, headIds } = made.value;
    expect(spec.blocks.map((b) => b.id)).toEqual([...ids.slice(0, 4), ...headIds]);
    const analysis = analyzeModel(spec, TWO_CLASSES);
    expect(analysis.valid).toBe(true);
    expect(analysis.outputShape).toEqual([2]);
    // The conv's weights are the saved ones, value for value; the head's are not carried.
    const conv = ids[1] as string;
    const saved = project.weights!.find((w) => w.name === `${conv}/kernel`)!;
    expect(weights.find((w) => w.name === `${conv}/kernel`)?.values).toEqual(saved.values);
    expect(weights.map((w) => w.name).sort()).toEqual([`${conv}/bias`, `${conv}/kernel`]);
    // A linear probe: the backbone frozen, the head trainable.
    expect(blockTrainingOf(spec, conv)).toEqual({ mode: 'frozen' });
    for (const id of headIds) expect(blockTrainingOf(spec, id)).toEqual({ mode: 'trainable' });
    const tuned = makeBackbone(project, pool, TWO_CLASSES, 'finetune');
    expect(tuned.ok && tuned.value.spec.training).toBeUndefined();
  });

  it('refuses a project without weights, the input or output as cut, another input size, and weights that do not fit', () => {
    expect(makeBackbone(sampleProject(undefined, false), 'conv1', MNIST, 'probe')).toEqual(
      { ok: false, problem: { code: 'noWeights', values: {} } });
    const project = sampleProject();
    const ids = project.experiment.spec.blocks.map((b) => b.id);
    expect(makeBackbone(project, ids.at(-1)!, MNIST, 'probe').ok).toBe(false);
    expect(makeBackbone(project, ids[0]!, MNIST, 'probe').ok).toBe(false);
    const cifar = makeBackbone(project, ids[1]!, { inputShape: [32, 32, 3], numClasses: 10 }, 'probe');
    expect(cifar).toEqual({ ok: false, problem: { code: 'inputMismatch', values: { saved: '28×28×1', current: '32×32×3' } } });
    // Saved weights that do not match the saved network (a damaged store) are named, not loaded.
    const broken = { ...project, weights: project.weights!.map((w) => (w.name.endsWith('/kernel') ? { ...w, shape: [1, 1, 1, 1] } : w)) };
    const result = makeBackbone(broken, ids[3]!, MNIST, 'probe');
    expect(result.ok || result.problem.code).toBe('weightsMismatch');
  });

  it('cuts after a dense block straight into a softmax head', () => {
    const spec = chain(input(), conv2d(4, 3), activation('relu'), maxPool2d(2), flatten(), dense(16), softmax());
    const project = sampleProject(spec);
    const denseId = spec.blocks[5]!.id;
    const made = makeBackbone(project, denseId, TWO_CLASSES, 'probe');
    if (!made.ok) throw new Error(made.problem.code);
    expect(made.value.headIds).toHaveLength(1);
    expect(made.value.spec.blocks.at(-1)?.inputs).toEqual([denseId]);
  });

  it('starts a run only from the weights that still fit the network as edited since', () => {
    const project = sampleProject();
    const made = makeBackbone(project, project.experiment.spec.blocks[3]!.id, TWO_CLASSES, 'finetune');
    if (!made.ok) throw new Error(made.problem.code);
    const { spec, weights } = made.value;
    expect(fittingWeights(weights, spec, TWO_CLASSES)).toEqual(weights);
    const conv = spec.blocks[1]!;
    const widened = { ...spec, blocks: spec.blocks.map((b) => (b === conv ? { ...b, filters: 16 } : b)) };
    expect(fittingWeights(weights, widened, TWO_CLASSES)).toEqual([]);
  });
});
