// The pure side of every registered kind, as one table: its network analyses without errors, its link
// round-trips, its schema takes every value its fields allow and refuses a field it does not have, and it
// has the weights, Python and Keras code it claims (its labels: src/i18n/model.test.ts, over the registry).
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { defaultBlock, validateField } from '../model/blockFields';
import { measureModel } from '../model/cost';
import { decodeSpec, encodeSpec, validateSpec } from '../model/link';
import { expectedWeights } from '../project/expectedWeights';
import { kerasModelPy } from '../codegen/kerasModel';
import { pytorchModelPy } from '../codegen/pytorchModel';
import { ExportRefusedError, refusedKinds } from '../codegen/refused';
import { BLOCK_MODULES, REGISTERED_KINDS } from './registry';
import { kindNetworks, TABLE_DATA, UNDER_TEST } from './testNetworks';

const table = kindNetworks();

describe.each(table)('block kind $kind', ({ kind, spec }) => {
  const module = BLOCK_MODULES.find((m) => m.kind === kind)!;
  const analysis = analyzeModel(spec, TABLE_DATA);
  const tested = analysis.blocks.find((b) => b.id === UNDER_TEST)!;

  it('has a network that analyses without errors, with a shape and a cost', () => {
    expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(tested.outputShape).not.toBeNull();
    const cost = measureModel(spec, analysis, TABLE_DATA).blocks.find((b) => b.id === UNDER_TEST)!;
    expect(cost.activations).toBe(tested.outputShape!.reduce((a, b) => a * b, 1));
    expect(cost.macs).toBeGreaterThanOrEqual(0);
  });

  it('round-trips through a link, and its schema refuses a field it does not have', () => {
    expect(decodeSpec(encodeSpec(spec))).toEqual({ ok: true, value: spec });
    const extra = { blocks: spec.blocks.map((b) => (b.id === UNDER_TEST ? { ...b, notAField: 1 } : b)) };
    expect(validateSpec(extra)).toMatchObject({ ok: false, problem: { code: 'badSpec' } });
  });

  it('accepts every field at its default and limits, in the editor and in a link', () => {
    for (const field of module.fields) {
      const values = [field.default, ...(field.type === 'int' || field.type === 'number' ? [field.min, field.maxExclusive ? undefined : field.max] : [])];
      for (const value of values.filter((v) => v !== undefined)) {
        expect([field.name, validateField(kind, field.name, value)]).toEqual([field.name, null]);
        const block = { ...defaultBlock(kind, 'b', []), [field.name]: value };
        expect(validateSpec({ blocks: [block] }).ok).toBe(true);
      }
    }
  });

  it('owns the weights its parameters count, and writes PyTorch and Keras code for itself', () => {
    const weights = expectedWeights(spec, analysis, TABLE_DATA.numClasses).filter((w) => w.name.startsWith(`${UNDER_TEST}/`));
    const count = weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    expect(count).toBe(tested.params.trainable + tested.params.nonTrainable);
    for (const w of weights) expect(module.pytorch.weights).toHaveProperty(w.name.slice(UNDER_TEST.length + 1));
    expect(pytorchModelPy(spec, analysis, TABLE_DATA)).toMatch(/class Net/);
    if (module.refusedBy?.includes('keras') === true) {
      // Refused with a message that names the kind, never written wrong.
      expect(() => kerasModelPy(spec, analysis, TABLE_DATA)).toThrow(new ExportRefusedError('keras', [kind]));
      expect(refusedKinds('keras', spec)).toEqual([kind]);
    } else {
      expect(kerasModelPy(spec, analysis, TABLE_DATA)).toContain(UNDER_TEST);
    }
    expect(typeof module.describe(defaultBlock(kind, 'x', []) as never)).toBe('string');
  });
});

it('every registered kind is in the table once', () => {
  expect(table.map((t) => t.kind)).toEqual([...REGISTERED_KINDS]);
  expect(new Set(REGISTERED_KINDS).size).toBe(REGISTERED_KINDS.length);
});
