// The notebook and ONNX targets of the Export menu: what each zip holds, the notebook's language, class
// order and escaping of user text in Markdown; the model files themselves are run in
// src/train/exportChecks/{notebook,onnx}Export.test.ts.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { lenet5Mnist } from '../model/presets';
import type { DataShape } from '../model/spec';
import { expectedWeights } from '../project/expectedWeights';
import { EXPORT_TARGETS, NEEDS_WEIGHTS, type ExportInput } from './bundle';
import { classNamesOf } from './courseExports';
import { COURSE_TARGETS } from './courseTargets';
import { exportAnyFile } from './exportAny';
import { markdownText } from './markdownText';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

function input(over: Partial<ExportInput> = {}): ExportInput {
  const spec = lenet5Mnist();
  const analysis = analyzeModel(spec, MNIST);
  const weights = expectedWeights(spec, analysis, 10).map((w) => ({ ...w, values: new Float32Array(w.shape.reduce((a, b) => a * b, 1)).fill(0.01) }));
  return {
    name: 'Ünit <b>#1</b>', spec, analysis, data: MNIST, datasetId: 'mnist', trained: { weights, topology: null },
    hyper: { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9, schedule: { kind: 'constant' }, weightDecay: 0,
      augmentation: { flip: false, shift: 0 }, batchSize: 8, epochs: 1, seed: 1 },
    course: { run: null, language: 'en' },
    ...over,
  };
}

/** The zip's files (fflate lists the folder entry too). */
const files = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/')));

describe('notebook and ONNX exports', () => {
  it('are Export-menu targets that need trained weights, and are refused without them', async () => {
    for (const target of COURSE_TARGETS) {
      expect(EXPORT_TARGETS).not.toContain(target); // listed beside them by the menu
      expect(NEEDS_WEIGHTS.has(target)).toBe(true);
      await expect(exportAnyFile(target, input({ trained: null }))).rejects.toThrow(/needs a trained model/);
    }
  });

  it('the ONNX zip holds model.onnx and a README in both languages with the layout and class order', async () => {
    const file = await exportAnyFile('onnx', input({ datasetId: 'cifar10', data: { inputShape: [28, 28, 1], numClasses: 10 } }));
    expect(file.fileName).toBe('Ünit_b_1_b-onnx.zip');
    const zip = files(file.bytes);
    expect(Object.keys(zip).sort()).toEqual(['Ünit_b_1_b-onnx/README.txt', 'Ünit_b_1_b-onnx/model.onnx']);
    const readme = strFromU8(zip['Ünit_b_1_b-onnx/README.txt'] as Uint8Array);
    expect(readme).toContain('"images", float32 [N, 1, 28, 28]');
    expect(readme).toContain('0: "airplane", 1: "automobile"');
    expect(readme).toContain('채널이 앞, NCHW');
  });

  it('the notebook zip holds an nbformat 4 notebook in the app language, the weights and a README', async () => {
    const file = await exportAnyFile('notebook', input({ course: { run: null, language: 'ko' } }));
    const zip = files(file.bytes);
    const folder = 'Ünit_b_1_b-notebook';
    expect(Object.keys(zip).sort()).toEqual([`${folder}/README.txt`, `${folder}/notebook.ipynb`, `${folder}/weights.safetensors`]);
    const nb = JSON.parse(strFromU8(zip[`${folder}/notebook.ipynb`] as Uint8Array)) as { nbformat: number; cells: { cell_type: string; source: string[] }[] };
    expect(nb.nbformat).toBe(4);
    const markdown = nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source.join(''));
    expect(markdown[0]).toContain('Ünit &lt;b&gt;\\#1&lt;/b&gt;: CNN Playground에서 이어서 학습하기');
    expect(markdown.join('\n')).not.toMatch(/continuing|Settings/);
    const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');
    expect(code).toContain('TITLE = "Ünit <b>#1</b>"');
    expect(code).toContain('torch.optim.SGD(groups, lr=LEARNING_RATE)');
  });

  it('class names: an own image set by its names, CIFAR-10 by its, digits otherwise', () => {
    expect(classNamesOf('custom', 2, ['cat', 'dog'])).toEqual(['cat', 'dog']);
    expect(classNamesOf('cifar10', 10)[9]).toBe('truck');
    expect(classNamesOf('mnist', 10)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('user text in Markdown stays text: no HTML, heading, list, link, code or math', () => {
    expect(markdownText('# a\n- b <script>x</script> [l](u) `c` $m$ |t| 1. _e_ *s* &amp;'))
      .toBe('\\# a \\- b &lt;script&gt;x&lt;/script&gt; \\[l\\]\\(u\\) \\`c\\` \\$m\\$ \\|t\\| 1\\. \\_e\\_ \\*s\\* &amp;amp;');
  });
});
