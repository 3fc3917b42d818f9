// Every step's check on states the student reaches through the store's own actions (the edits the editor
// makes), and on the lab tools' real results. Checks that read a run's result: runs.test.ts.
import { describe, expect, it } from 'vitest';
import { convolve, makeImage } from '../kernelLab/convolve';
import { findKernel } from '../kernelLab/kernels';
import { kernelDistance, learnStep, makeLearnTask, startLearning } from '../kernelLab/learnKernel';
import { createAppStore, type AppState } from '../store/appStore';
import { findStep, LESSONS } from './index';
import { initActivations, type InitActivation, type InitScale } from './initStats';
import { NO_RESULTS, type KernelLabResults, type LessonResults } from './types';

const stepOf = (lesson: number, id: string) => {
  const l = LESSONS.find((x) => x.id === lesson)!;
  const step = l.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${lesson}:${id}`);
  return step;
};
const check = (lesson: number, id: string, state: AppState, results: LessonResults = state.lessonResults) =>
  stepOf(lesson, id).check({ state, results });
const withLab = (patch: Partial<KernelLabResults>): LessonResults => ({ ...NO_RESULTS, kernelLab: { ...NO_RESULTS.kernelLab, ...patch } });

/** A fresh store set up as the step says. */
function atStep(lesson: number, id: string) {
  const store = createAppStore({ language: 'en' });
  expect(store.getState().applyStepSetup(stepOf(lesson, id))).toBe(true);
  return store;
}

describe('lesson 1: the kernel lab', () => {
  it('slide: done once both Sobel kernels were applied and an output pixel\'s multiply-adds read', () => {
    const s = createAppStore({ language: 'en' }).getState();
    expect(check(1, 'slide', s, withLab({ kernelsApplied: ['sobelX'], inspected: true }))).toBe(false);
    expect(check(1, 'slide', s, withLab({ kernelsApplied: ['sobelX', 'boxBlur', 'sobelY'] }))).toBe(false);
    expect(check(1, 'slide', s, withLab({ kernelsApplied: ['sobelX', 'boxBlur', 'sobelY'], inspected: true }))).toBe(true);
  });

  it('table: done once every kernel of the course table was applied', () => {
    const s = createAppStore({ language: 'en' }).getState();
    const table = ['identity', 'edge1', 'edge2', 'edge3', 'sharpen', 'boxBlur', 'gaussian3'];
    expect(check(1, 'table', s, withLab({ kernelsApplied: table.slice(1) }))).toBe(false);
    expect(check(1, 'table', s, withLab({ kernelsApplied: table }))).toBe(true);
  });

  it('padding: done once all three border modes were seen', () => {
    const s = createAppStore({ language: 'en' }).getState();
    expect(check(1, 'padding', s, withLab({ paddingsSeen: ['zero', 'mirror'] }))).toBe(false);
    expect(check(1, 'padding', s, withLab({ paddingsSeen: ['zero', 'mirror', 'replicate'] }))).toBe(true);
  });

  it('edit: a zero-sum horizontal-edge kernel of one\'s own, not a table kernel or a vertical one', () => {
    const s = createAppStore({ language: 'en' }).getState();
    const k = (values: number[]) => withLab({ customKernel: { size: 3, values } });
    expect(check(1, 'edit', s, k([1, 1, 1, 0, 0, 0, -1, -1, -1]))).toBe(true);
    expect(check(1, 'edit', s, k([-1, -2, -1, 0, 0, 0, 1, 2, 1]))).toBe(false); // Sobel y: in the table
    expect(check(1, 'edit', s, k([1, 0, -1, 1, 0, -1, 1, 0, -1]))).toBe(false); // vertical edges
    expect(check(1, 'edit', s, k([1, 1, 1, 0, 1, 0, -1, -1, -1]))).toBe(false); // sums to 1
    expect(check(1, 'edit', s, withLab({ customKernel: null }))).toBe(false);
    // Such a kernel really answers to a horizontal edge and ignores a vertical one.
    const horizontal = makeImage(3, 3, 1, [1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const vertical = makeImage(3, 3, 1, [1, 0, 0, 1, 0, 0, 1, 0, 0]);
    const kernel = { size: 3, values: [1, 1, 1, 0, 0, 0, -1, -1, -1] };
    expect(convolve(horizontal, kernel, 'replicate').data[4]).toBe(3);
    expect(convolve(vertical, kernel, 'replicate').data[4]).toBe(0);
  });

  it('colour: done once a colour image was shown channel by channel', () => {
    const s = createAppStore({ language: 'en' }).getState();
    expect(check(1, 'colour', s, withLab({ channelsViewed: false }))).toBe(false);
    expect(check(1, 'colour', s, withLab({ channelsViewed: true }))).toBe(true);
  });

  it('learn: not done after a few descent steps, done once the hidden kernel is recovered', () => {
    const s = createAppStore({ language: 'en' }).getState();
    let seed = 5;
    const img = makeImage(20, 20, 1, Array.from({ length: 400 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 1000));
    const hidden = findKernel('sobelY')!;
    const task = makeLearnTask(img, hidden);
    let state = startLearning(3);
    const result = () => withLab({ learnedLoss: state.losses.at(-1) ?? null, learnedDistance: kernelDistance(state.kernel, hidden) });
    for (let i = 0; i < 5; i++) state = learnStep(task, state);
    expect(check(1, 'learn', s, result())).toBe(false);
    for (let i = 0; i < 500; i++) state = learnStep(task, state);
    expect(check(1, 'learn', s, result())).toBe(true);
  });
});

describe('lesson 2: padding, stride, pooling', () => {
  it('stride: 14 x 14 by the stride alone', () => {
    const store = atStep(2, 'stride');
    expect(check(2, 'stride', store.getState())).toBe(false);
    store.getState().updateBlock('conv1', { stride: 2 });
    expect(check(2, 'stride', store.getState())).toBe(true);
    // Reaching 14 x 14 through the kernel and padding instead does not count.
    store.getState().updateBlock('conv1', { stride: 1, kernel: 15, padding: 0 });
    expect(store.getState().analysis.blocks.find((b) => b.id === 'conv1')?.outputShape?.slice(0, 2)).toEqual([14, 14]);
    expect(check(2, 'stride', store.getState())).toBe(false);
  });

  it('padding: 28 x 28 again at stride 1, with padding 1 or same', () => {
    const store = atStep(2, 'padding');
    expect(check(2, 'padding', store.getState())).toBe(false);
    store.getState().updateBlock('conv1', { padding: 1 });
    expect(check(2, 'padding', store.getState())).toBe(true);
    store.getState().updateBlock('conv1', { padding: 'same' });
    expect(check(2, 'padding', store.getState())).toBe(true);
  });

  it('pooling: pool1 becomes average pooling', () => {
    const store = atStep(2, 'pooling');
    expect(check(2, 'pooling', store.getState())).toBe(false);
    const s = store.getState();
    // As the editor does it: a new average pooling after pool1, pool1 deleted, act1 connected to the new block.
    const id = s.addBlock('avgpool2d', { after: 'pool1' })!;
    expect(check(2, 'pooling', store.getState())).toBe(false); // max pooling still gives 14 x 14
    store.getState().removeBlocks(['pool1']);
    expect(check(2, 'pooling', store.getState())).toBe(false); // disconnected: not a valid network
    store.getState().connectBlocks('act1', id);
    expect(check(2, 'pooling', store.getState())).toBe(true);
  });

  it('params: a 7 x 7 x 64 convolution on CIFAR-10 has 9,472 parameters', () => {
    const store = atStep(2, 'params');
    expect(store.getState().datasetId).toBe('cifar10');
    expect(check(2, 'params', store.getState())).toBe(false);
    store.getState().updateBlock('conv1', { filters: 64, kernel: 7 });
    expect(check(2, 'params', store.getState())).toBe(true);
    store.getState().selectDataset('mnist'); // one channel: (7*7*1 + 1) * 64 = 3,200
    expect(check(2, 'params', store.getState())).toBe(false);
  });

  it('oneByOne: a 1 x 1 convolution from 16 channels to 4', () => {
    const store = atStep(2, 'oneByOne');
    expect(check(2, 'oneByOne', store.getState())).toBe(false);
    const id = store.getState().addBlock('conv2d', { after: 'conv2' })!;
    store.getState().updateBlock(id, { kernel: 1, filters: 4, padding: 'valid', stride: 1 });
    expect(store.getState().analysis.valid).toBe(true);
    expect(check(2, 'oneByOne', store.getState())).toBe(true);
    store.getState().updateBlock(id, { kernel: 3 });
    expect(check(2, 'oneByOne', store.getState())).toBe(false);
  });
});

describe('lesson 3: building LeNet-5', () => {
  it('build: done when the blocks added one by one make 61,706 parameters', () => {
    const store = atStep(3, 'build');
    expect(check(3, 'build', store.getState())).toBe(false);
    const s = () => store.getState();
    let after = 'input';
    const add = (kind: Parameters<AppState['addBlock']>[0], patch: Record<string, unknown> = {}) => {
      const id = s().addBlock(kind, { after })!;
      if (Object.keys(patch).length > 0) s().updateBlock(id, patch);
      after = id;
    };
    add('conv2d', { filters: 6, kernel: 5, padding: 2, stride: 1 });
    add('activation', { fn: 'relu' });
    add('maxpool2d', { size: 2, stride: 2 });
    add('conv2d', { filters: 16, kernel: 5, padding: 'valid', stride: 1 });
    add('activation', { fn: 'relu' });
    add('maxpool2d', { size: 2, stride: 2 });
    add('flatten');
    add('dense', { units: 120 });
    add('activation', { fn: 'relu' });
    expect(check(3, 'build', s())).toBe(false);
    add('dense', { units: 84 });
    add('activation', { fn: 'relu' });
    expect(s().analysis.totals.trainable).toBe(61706);
    expect(check(3, 'build', s())).toBe(true);
  });
});

describe('lesson 4: initialisation (cs231n lecture 6\'s figure, computed)', () => {
  const lab = (scale: InitScale, activation: InitActivation): LessonResults =>
    ({ ...NO_RESULTS, initLab: { scale, activation, layerStd: initActivations(scale, activation).map((l) => l.std) } });
  const s = createAppStore({ language: 'en' }).getState();

  it('initTanh: only Xavier keeps tanh\'s last layer neither dead nor saturated', () => {
    expect(check(4, 'initTanh', s, lab('small', 'tanh'))).toBe(false);
    expect(check(4, 'initTanh', s, lab('large', 'tanh'))).toBe(false);
    expect(check(4, 'initTanh', s, lab('he', 'tanh'))).toBe(false);
    expect(check(4, 'initTanh', s, lab('xavier', 'tanh'))).toBe(true);
    expect(check(4, 'initTanh', s, NO_RESULTS)).toBe(false);
  });

  it('initRelu: He keeps ReLU alive where Xavier fades', () => {
    expect(check(4, 'initRelu', s, lab('xavier', 'relu'))).toBe(false);
    expect(check(4, 'initRelu', s, lab('small', 'relu'))).toBe(false);
    expect(check(4, 'initRelu', s, lab('he', 'relu'))).toBe(true);
    expect(check(4, 'initRelu', s, lab('xavier', 'tanh'))).toBe(false);
  });

  it('the activations behave as the figure shows: small weights vanish, large ones saturate tanh', () => {
    const small = initActivations('small', 'tanh');
    expect(small.at(-1)!.std).toBeLessThan(1e-6);
    const large = initActivations('large', 'tanh');
    const saturated = Array.from(large.at(-1)!.values).filter((v) => Math.abs(v) > 0.95).length / large.at(-1)!.values.length;
    expect(saturated).toBeGreaterThan(0.8);
  });
});

describe('lesson 7: architectures', () => {
  it('vgg: not done by the set-up; done once the second of two 3 x 3 convolutions in a row is selected', () => {
    const store = atStep(7, 'vgg');
    expect(check(7, 'vgg', store.getState())).toBe(false);
    const convs = store.getState().spec.blocks.filter((b) => b.kind === 'conv2d');
    store.getState().select([convs[0]!.id]); // the first has no convolution before it
    expect(check(7, 'vgg', store.getState())).toBe(false);
    store.getState().select([convs[1]!.id]);
    expect(check(7, 'vgg', store.getState())).toBe(true);
    store.getState().loadPreset('lenet5');
    store.getState().select(['conv2']);
    expect(check(7, 'vgg', store.getState())).toBe(false);
  });

  it('where / googlenet / resnet: not done by the set-up; done once the block the task names is selected', () => {
    const pick = { googlenet: 'concat', resnet: 'add' } as const;
    for (const [id, other] of [['where', 'googlenet'], ['googlenet', 'resnet18'], ['resnet', 'vgg16']] as const) {
      const store = atStep(7, id);
      expect(check(7, id, store.getState()), `${id} on arrival`).toBe(false);
      const blocks = store.getState().spec.blocks;
      const largest = store.getState().analysis.blocks.reduce((a, b) => (b.params.trainable > a.params.trainable ? b : a));
      const target = id === 'where' ? blocks.find((b) => b.id === largest.id) : blocks.find((b) => b.kind === pick[id]);
      store.getState().select([target!.id]);
      expect(check(7, id, store.getState()), id).toBe(true);
      store.getState().loadPreset(other);
      expect(check(7, id, store.getState()), `${id} with ${other}`).toBe(false);
    }
  });
});

describe('step setups', () => {
  it('are refused while a run uses the network, and select the step\'s block', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().runStarted(1);
    expect(store.getState().applyStepSetup(findStep({ lesson: 2, step: 1 })!)).toBe(false);
    store.getState().setPhase('done');
    expect(store.getState().applyStepSetup(findStep({ lesson: 2, step: 1 })!)).toBe(true);
    expect(store.getState().selection).toEqual(['conv1']);
  });

  it('open the overfitting step on small MNIST with a fifth of it held out for validation', () => {
    const store = atStep(5, 'dropout');
    const s = store.getState();
    expect([s.datasetId, s.validationFraction, s.hyper.epochs]).toEqual(['mnist-small', 0.2, 20]);
    // The next step's data comes with the usual tenth held out, not this step's fifth.
    expect(store.getState().applyStepSetup(stepOf(6, 'optimizers'))).toBe(true);
    expect([store.getState().datasetId, store.getState().validationFraction]).toEqual(['mnist', 0.1]);
  });
});
