// Property-based fuzzing of the whole link fragment (`#v=1&data=…&lr=…&m=…`): any fragment gives an
// experiment whose every setting is one the app accepts, or no experiment, with problems the UI can name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBuiltinDatasetId } from '../data/registry';
import { encodeSpec, LINK_PROBLEM_VALUES } from '../model/link';
import { PRESETS } from '../model/presets';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import { decodeExperiment, encodeExperiment, HYPER_FIELDS, type Experiment } from './linkState';

const RUNS = 300;
const CODES = new Set(Object.keys(LINK_PROBLEM_VALUES));
const DEFAULTS: Experiment = { spec: PRESETS[0]!.build(), hyper: DEFAULT_HYPER_PARAMS, datasetId: 'mnist', validationFraction: 0.1 };
const GOOD = encodeExperiment({ ...DEFAULTS, spec: PRESETS[1]!.build() });
const PARAMS = ['v', 'data', 'val', 'm', ...Object.values(HYPER_FIELDS).map((f) => f.param)];

/** Every value read back is one its own field accepts, so nothing out of range reaches the store. */
function expectValid(fragment: string): void {
  const { experiment, problems } = decodeExperiment(fragment, DEFAULTS);
  for (const p of problems) expect(CODES.has(p.code)).toBe(true);
  if (experiment === null) return;
  expect(isBuiltinDatasetId(experiment.datasetId)).toBe(true);
  expect(experiment.validationFraction).toBeGreaterThanOrEqual(0);
  expect(experiment.validationFraction).toBeLessThanOrEqual(0.5);
  for (const [key, field] of Object.entries(HYPER_FIELDS)) {
    const value = experiment.hyper[key as keyof typeof HYPER_FIELDS];
    expect(field.parse(field.format(value as never), value as never), key).toEqual(value);
  }
  // What was opened can be shared again and reopens the same.
  expect(decodeExperiment(encodeExperiment(experiment), DEFAULTS).experiment).toEqual(experiment);
}

const value = fc.oneof(
  fc.string({ maxLength: 30 }), fc.double().map(String), fc.integer().map(String),
  fc.constantFrom('1', '0', '-0', 'NaN', 'Infinity', '1e999', 'true', 'kind:step,everyEpochs:5,factor:0.5', 'flip:true,shift:99',
    '__proto__:1', 'custom', 'cifar10', 'adam', encodeSpec(PRESETS[0]!.build())),
);

describe('decodeExperiment fuzzing', () => {
  it('any text as a fragment', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), expectValid), { numRuns: RUNS });
  });

  it('fragments of known and unknown properties with hostile values', () => {
    const pair = fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 6 })), value);
    fc.assert(fc.property(fc.array(pair, { maxLength: 14 }), fc.boolean(), (pairs, withVersion) => {
      const all = withVersion ? [['v', '1'] as [string, string], ...pairs] : pairs;
      expectValid(all.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    }), { numRuns: RUNS });
  });

  it('a real link with characters changed, cut or repeated', () => {
    fc.assert(fc.property(fc.nat(GOOD.length), fc.nat(GOOD.length), fc.string({ maxLength: 8 }), (at, cut, insert) => {
      expectValid(`${GOOD.slice(0, at)}${insert}${GOOD.slice(Math.max(at, cut))}`);
    }), { numRuns: RUNS });
  });
});
