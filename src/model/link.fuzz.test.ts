// Property-based fuzzing of the network part of a link (`m=`): whatever arrives, decodeSpec answers with a
// network or one of its problems, never a throw or a hang, and a network it accepts can be analysed and
// measured by the core without throwing (a link must never crash the page).
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { measureModel } from './cost';
import { decodeSpec, encodeSpec, KNOWN_KINDS, LINK_PROBLEM_VALUES, type Decoded } from './link';
import { PRESETS } from './presets';
import type { DataShape, ModelSpec } from './spec';

const RUNS = 300;
const CODES = new Set(Object.keys(LINK_PROBLEM_VALUES));
const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

const base64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const payloadOf = (value: unknown) => base64Url(deflateSync(new TextEncoder().encode(JSON.stringify(value))));

/** A network the app can use, or a problem it can name: checked on every answer. */
function expectAnswer(result: Decoded<ModelSpec>): void {
  if (!result.ok) {
    expect(CODES.has(result.problem.code)).toBe(true);
    return;
  }
  const analysis = analyzeModel(result.value, MNIST);
  measureModel(result.value, analysis, MNIST);
  // What was accepted travels again unchanged.
  expect(decodeSpec(encodeSpec(result.value))).toEqual(result);
}

// Blocks near the valid ones: right and wrong kinds, sizes in and out of range, inputs that may be missing.
const size = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(-1, 4096, 4097, 1.5, 1e300), fc.tuple(fc.nat(6), fc.nat(6)));
const ids = fc.constantFrom('in', 'a', 'b', 'c', 'd', 'out', '__proto__', '');
const block = fc.record({
  id: ids,
  kind: fc.oneof(fc.constantFrom(...KNOWN_KINDS), fc.string({ maxLength: 8 })),
  inputs: fc.array(ids, { maxLength: 3 }),
  filters: size, kernel: size, stride: size, padding: fc.oneof(size, fc.constantFrom('same', 'valid', 'full')),
  units: size, size, rate: fc.double(), fn: fc.constantFrom('relu', 'elu', 'gelu'), dilation: size,
}, { requiredKeys: ['id', 'kind', 'inputs'] });

describe('decodeSpec fuzzing', () => {
  it('answers any text with a network or a named problem', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => expectAnswer(decodeSpec(text))), { numRuns: RUNS });
  });

  it('answers any base64url bytes (deflated or not)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      expectAnswer(decodeSpec(base64Url(bytes)));
      expectAnswer(decodeSpec(base64Url(deflateSync(bytes))));
    }), { numRuns: RUNS });
  });

  it('answers any JSON value as the payload', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => expectAnswer(decodeSpec(payloadOf(value)))), { numRuns: RUNS });
  });

  it('answers networks of near-valid blocks, and the ones it accepts can be analysed', () => {
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (blocks) => {
      expectAnswer(decodeSpec(payloadOf({ blocks })));
    }), { numRuns: RUNS });
  });

  it('answers every byte-level mutation of a real link', () => {
    const presets = PRESETS.map((p) => deflateSync(new TextEncoder().encode(JSON.stringify({ blocks: p.build().blocks }))));
    fc.assert(fc.property(fc.nat(presets.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }),
      (which, edits) => {
        const bytes = presets[which]!.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        expectAnswer(decodeSpec(base64Url(bytes)));
      }), { numRuns: RUNS });
  });
});
