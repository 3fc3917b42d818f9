// A project name is free text that travels in shared links and project files, and it heads the docstring of
// the PyTorch model.py and the Keras file. Hostile names (ones that close the docstring and append code, a
// trailing backslash, line breaks of every kind, NUL, lone surrogates) must leave both files importable under
// python3 with the name read back exactly, and nothing of them run. One python process checks them all.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { kerasModelPy } from '../../codegen/kerasModel';
import { pyDocText, pyFloat, pyInt } from '../../codegen/pythonNames';
import { pytorchModelPy } from '../../codegen/pytorchModel';
import { lenet5Mnist } from '../../model/presets';
import { MNIST } from './exportFixtures';
import { runPython, tempDir } from './pythonHarness';

const PAYLOAD = 'import os; os.mkdir("ran")';
const HOSTILE_NAMES: readonly string[] = [
  `x"""\n${PAYLOAD}\n"""`,
  `x"""; ${PAYLOAD}; """`,
  `x""" + __import__("os").mkdir("ran") + """`,
  `x"\r${PAYLOAD}\r"""`,
  'ends in a backslash \\',
  'an escape \\N{BULLET} and \\x',
  `line\u2028sep\u2029para\u0085next\u000bvt\u000cff`,
  'nul \u0000 and del \u007f',
  'lone \ud800 surrogate \udc00',
  '손글씨 숫자 \u{1F600} {braces} \'single\' ``` # not a comment',
  `''' ${PAYLOAD} '''`,
];

const CHECK_PY = `
import importlib.util, json, os, sys, types
# The Keras file imports TensorFlow, which is not installed here: stand-ins let it import (build_model is not called).
tf = types.ModuleType("tensorflow"); tf.keras = types.ModuleType("tensorflow.keras"); tf.keras.layers = None
sys.modules.update({"tensorflow": tf, "tensorflow.keras": tf.keras})
docs = []
for i in range(int(sys.argv[1])):
    row = []
    for name in ("model.py", "keras.py"):
        spec = importlib.util.spec_from_file_location(f"m{i}_{name[:-3]}", os.path.join(str(i), name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        row.append(module.__doc__.split(" from CNN Playground")[0])
    docs.append(row)
print(json.dumps({"docs": docs, "ran": os.path.exists("ran")}))
`;

describe('user text in generated Python', () => {
  it('hostile project names stay inside the docstrings of model.py and the Keras file, and nothing of them runs', () => {
    const dir = tempDir('cnnp-hostile-');
    const spec = lenet5Mnist();
    const analysis = analyzeModel(spec, MNIST);
    HOSTILE_NAMES.forEach((name, i) => {
      mkdirSync(join(dir, String(i)));
      writeFileSync(join(dir, String(i), 'model.py'), pytorchModelPy(spec, analysis, MNIST, { title: name }));
      writeFileSync(join(dir, String(i), 'keras.py'), kerasModelPy(spec, analysis, MNIST, name));
    });
    writeFileSync(join(dir, 'check.py'), CHECK_PY);
    const out = JSON.parse(runPython(['check.py', String(HOSTILE_NAMES.length)], dir).trim().split('\n').pop() as string) as
      { docs: string[][]; ran: boolean };
    expect(out.ran).toBe(false);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    // Each name reads back exactly as given, in both files.
    expect(out.docs).toEqual(HOSTILE_NAMES.map((name) => [name, name]));
  });

  it('escapes only what needs it, and refuses numbers Python has no literal for', () => {
    expect(pyDocText('LeNet-5 손글씨')).toBe('LeNet-5 손글씨');
    expect(pyDocText('a"""b\\')).toBe('a\\"\\"\\"b\\\\');
    expect(pyDocText('a\nb\u2028')).toBe('a\\x0ab\\u2028');
    expect(() => pyFloat(Number.NaN)).toThrow(/finite/);
    expect(() => pyFloat(Infinity)).toThrow(/finite/);
    expect(() => pyInt(1.5)).toThrow(/whole/);
    expect(() => pyInt('3; import os' as unknown as number)).toThrow(/whole/);
  });
});
