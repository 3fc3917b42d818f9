// One Python naming for every exported file: two block ids that sanitise to the same Python name ("c-1"
// and "c_1"), listed in the spec in another order than the graph runs them, must still get the same name
// in model.py's modules as in the weights' state_dict keys, or their weights would be swapped.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { ALIASED_DATA, aliasedIds } from '../blocks/testNetworks';
import { expectedWeights } from '../project/expectedWeights';
import { pytorchModelPy } from './pytorchModel';
import { pythonBlockNames, pythonNames } from './pythonNames';
import { pytorchStateDict } from './pytorchWeights';
import { countValues } from './weights';

const DATA = ALIASED_DATA;

describe('Python names of blocks', () => {
  it('tells alike ids apart', () => {
    expect([...pythonNames(['c-1', 'c_1', 'x', '1a']).values()]).toEqual(['c_1', 'c_1_2', 'x_', 'b_1a']);
  });

  it('are the same in model.py and in the weights when ids sanitise alike and the spec is out of graph order', () => {
    const analysis = analyzeModel(aliasedIds, DATA);
    expect(analysis.valid).toBe(true);
    const py = pytorchModelPy(aliasedIds, analysis, DATA);
    const weights = expectedWeights(aliasedIds, analysis, DATA.numClasses)
      .map((w) => ({ ...w, values: new Float32Array(countValues(w.shape)) }));
    const dict = new Map(pytorchStateDict(aliasedIds, weights).map((t) => [t.name, t.shape]));
    const linears = [...py.matchAll(/self\.(\w+) = nn\.Linear\((\d+), (\d+)/g)];
    for (const [, name, inputs, outputs] of linears) {
      expect([name, dict.get(`${name}.weight`)]).toEqual([name, [Number(outputs), Number(inputs)]]);
    }
    expect(linears.map((m) => m[1])).toEqual(['c_1_2', 'c_1', 'output']);
    expect(pythonBlockNames(aliasedIds).get('c-1')).toBe('c_1_2');
  });
});
