// The Keras model.py cannot run here (no TensorFlow package): it is compiled with python3, and its layer
// list (class and name of every layers.X(...) call, read with Python's ast) must equal the
// layers of the TensorFlow.js model the app trains, with the playground's own classes as their standard
// Keras counterparts. Keras forbids '/' in names, so helper layers read "conv1_pad" for "conv1/pad".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { kerasLayerName, kerasModelPy } from '../../codegen/kerasModel';
import { buildModel } from '../buildModel';
import { ExportRefusedError, refusedKinds } from '../../codegen/refused';
import { exportCases } from './exportFixtures';
import { runPython, tempDir } from './pythonHarness';

const LIST_PY = `
import ast, json, py_compile, sys
out = {}
for path in sys.argv[1:]:
    py_compile.compile(path, doraise=True)
    layers = []
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) and node.func.value.id == "layers":
            name = next(k.value.value for k in node.keywords if k.arg == "name")
            layers.append([node.func.attr, name, node.lineno, node.col_offset])
    layers.sort(key=lambda l: (l[2], l[3]))
    out[path] = [l[:2] for l in layers]
print(json.dumps(out))
`;

const STANDARD: Record<string, string> = {
  CnnPlaygroundDilatedConv2D: 'Conv2D', CnnPlaygroundSeededDropout: 'Dropout', CnnPlaygroundEluAlpha: 'ELU', CnnPlaygroundLayerNorm: 'LayerNormalization', Reshape: 'Flatten',
  CnnPlaygroundConvTranspose2D: 'Conv2DTranspose', CnnPlaygroundBilinearUpSampling2D: 'UpSampling2D',
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Keras model.py', () => {
  it('compiles and lists the layers of the network the app builds, for every trainable preset', () => {
    const dir = tempDir('cnnp-keras-');
    const expected: Record<string, string[][]> = {};
    const cases = exportCases();
    const refused = cases.filter(({ spec }) => refusedKinds('keras', spec).length > 0);
    // The kinds Keras cannot write yet: refused with a message naming them, never written wrong.
    for (const { spec, data } of refused) {
      expect(() => kerasModelPy(spec, analyzeModel(spec, data), data)).toThrow(new ExportRefusedError('keras', refusedKinds('keras', spec)));
    }
    expect(refused.map((c) => c.id)).toContain('vitTiny');
    for (const { id, spec, data } of cases.filter((c) => !refused.includes(c))) {
      const path = join(dir, `${id}.py`);
      writeFileSync(path, kerasModelPy(spec, analyzeModel(spec, data), data, id));
      const app = buildModel(spec, data, 1).model;
      expected[path] = app.layers.filter((l) => l.getClassName() !== 'InputLayer')
        // The app's flatten is a Reshape to a vector; a Reshape to tokens (patch embedding) stays one.
        .map((l) => [l.getClassName() === 'Reshape' && (l.outputShape as number[]).length === 3 ? 'Reshape' : (STANDARD[l.getClassName()] ?? l.getClassName()), kerasLayerName(l.name)]);
      app.dispose();
    }
    writeFileSync(join(dir, 'list.py'), LIST_PY);
    const listed = JSON.parse(runPython(['list.py', ...Object.keys(expected)], dir).trim()) as Record<string, string[][]>;
    for (const [path, layers] of Object.entries(expected)) {
      // The input and at least one layer (the grid detector's table network is the input, a ReLU folded away, and one Conv2D).
      expect(listed[path]?.length, path).toBeGreaterThan(1);
      // A graph may list its branches in another topological order than tfjs does: compare as sets.
      const sorted = (l: string[][]) => [...l].sort((a, b) => (a[1] as string).localeCompare(b[1] as string));
      expect(sorted(listed[path] ?? []), path).toEqual(sorted(layers));
    }
  });
});
