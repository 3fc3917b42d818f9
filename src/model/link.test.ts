import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BLOCK_MODULES } from '../blocks/registry';
import { BLOCK_FIELDS, defaultBlock, type FieldDescriptor } from './blockFields';
import { decodeSpec, encodeSpec, KNOWN_KINDS, LINK_LIMITS, validateSpec } from './link';
import { PRESETS } from './presets';
import type { BlockKind, BlockSpec, ModelSpec } from './spec';

const base64url = (bytes: Uint8Array): string =>
  btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** A payload made the way an attacker would: any text, deflated and encoded like a real link. */
const payloadOf = (text: string): string => base64url(deflateSync(new TextEncoder().encode(text)));
const payloadOfJson = (value: unknown): string => payloadOf(JSON.stringify(value));

const problemOf = (payload: string) => {
  const result = decodeSpec(payload);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
};

// The first block kinds with every optional field set, wired as a small residual network, with a layout
// (every registered kind's own round trip is in the registry's table tests, src/blocks/registry.test.ts).
const EVERY_KIND: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'c1', kind: 'conv2d', inputs: ['in'], filters: 8, kernel: [3, 5], stride: 1, padding: 'same',
      dilation: [1, 2], useBias: false, activation: 'leakyRelu', init: 'heNormal' },
    { id: 'bn', kind: 'batchnorm', inputs: ['c1'], momentum: 0.9, epsilon: 0.001 },
    { id: 'a1', kind: 'activation', inputs: ['bn'], fn: 'elu', alpha: 1 },
    { id: 'c2', kind: 'conv2d', inputs: ['a1'], filters: 8, kernel: 3, stride: [1, 1], padding: 1 },
    { id: 'sum', kind: 'add', inputs: ['a1', 'c2'] },
    { id: 'cat', kind: 'concat', inputs: ['sum', 'a1'] },
    { id: 'mp', kind: 'maxpool2d', inputs: ['cat'], size: 2, stride: 2, padding: 'valid' },
    { id: 'ap', kind: 'avgpool2d', inputs: ['mp'], size: [2, 2], stride: 1, padding: 0 },
    { id: 'tc', kind: 'convtranspose2d', inputs: ['mp'], filters: 4, kernel: [3, 2], stride: 2, padding: 1, outputPadding: [1, 0],
      dilation: 1, useBias: false, activation: 'relu', init: 'heUniform' },
    { id: 'us', kind: 'upsample2d', inputs: ['tc'], scale: [2, 1], interpolation: 'bilinear' },
    { id: 'cr', kind: 'crop2d', inputs: ['us'], top: 1, bottom: 0, left: 2, right: 3 },
    { id: 'gap', kind: 'globalavgpool', inputs: ['ap'] },
    { id: 'gmp', kind: 'globalmaxpool', inputs: ['ap'] },
    { id: 'pe', kind: 'patchembed', inputs: ['in'], patch: 2, width: 8 },
    { id: 'cls', kind: 'classtoken', inputs: ['pe'] },
    { id: 'pos', kind: 'posembed', inputs: ['cls'] },
    { id: 'ln', kind: 'layernorm', inputs: ['pos'], epsilon: 0.00001 },
    { id: 'att', kind: 'attention', inputs: ['ln'], heads: 2 },
    { id: 'res', kind: 'add', inputs: ['pos', 'att'] },
    { id: 'ff', kind: 'mlp', inputs: ['res'], hidden: 16 },
    { id: 'tp', kind: 'tokenpool', inputs: ['ff'], pool: 'mean' },
    { id: 'cat2', kind: 'concat', inputs: ['gap', 'gmp', 'tp'] },
    { id: 'drop', kind: 'dropout', inputs: ['cat2'], rate: 0.25 },
    { id: 'fl', kind: 'flatten', inputs: ['drop'] },
    { id: 'd1', kind: 'dense', inputs: ['fl'], units: 32, useBias: true, activation: 'relu', init: 'zeros' },
    { id: 'out', kind: 'softmax', inputs: ['d1'], init: 'largeNormal' },
    { id: 'px', kind: 'pixelsoftmax', inputs: ['ap'], init: 'heNormal' },
  ],
  layout: { in: { x: 0, y: -10 }, c1: { x: 120, y: 40 } },
};

describe('link codec: round trips', () => {
  it.each(PRESETS.map((p) => [p.id, p.build()] as const))('reopens preset %s exactly', (_id, spec) => {
    const payload = encodeSpec(spec);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSpec(payload)).toEqual({ ok: true, value: spec });
  });

  it('reopens a network of many kinds with every option and the canvas layout', () => {
    expect(EVERY_KIND.blocks.filter((b) => !KNOWN_KINDS.has(b.kind))).toEqual([]);
    expect(decodeSpec(encodeSpec(EVERY_KIND))).toEqual({ ok: true, value: EVERY_KIND });
  });

  it('keeps a well-formed but broken network (the analysis explains it, not the link)', () => {
    const broken: ModelSpec = { blocks: [
      { id: 'in', kind: 'input', inputs: [] },
      { id: 'c', kind: 'conv2d', inputs: ['nowhere'], filters: 0, kernel: 99, stride: 1, padding: 'valid' },
    ] };
    expect(decodeSpec(encodeSpec(broken))).toEqual({ ok: true, value: broken });
  });

  it('keeps canvas positions to the whole pixel', () => {
    const spec: ModelSpec = { blocks: [{ id: 'in', kind: 'input', inputs: [] }], layout: { in: { x: 10.4, y: -3.6 } } };
    expect(decodeSpec(encodeSpec(spec))).toEqual({ ok: true, value: { ...spec, layout: { in: { x: 10, y: -4 } } } });
  });

  it('fits the largest network it accepts, placed on the canvas, within its own limit', () => {
    const blocks: BlockSpec[] = [{ id: 'input', kind: 'input', inputs: [] }];
    const layout: Record<string, { x: number; y: number }> = {};
    for (let i = 1; i < LINK_LIMITS.blocks; i++) {
      blocks.push({ id: `conv${i}`, kind: 'conv2d', inputs: [blocks[i - 1]?.id ?? ''], filters: 8 + (i % 7),
        kernel: 3, stride: 1, padding: 'same', activation: 'relu' });
      layout[`conv${i}`] = { x: (i * 7919) % 2000 + 0.123, y: (i * 104729) % 1500 + 0.987 }; // scattered, fractional
    }
    const payload = encodeSpec({ blocks, layout });
    expect(payload.length).toBeLessThan(LINK_LIMITS.payloadChars);
    expect(decodeSpec(payload).ok).toBe(true);
  });

  it('is compact: LeNet-5 fits in a few hundred characters', () => {
    const lenet = PRESETS[0]?.build();
    expect(lenet).toBeDefined();
    expect(encodeSpec(lenet as ModelSpec).length).toBeLessThan(400);
  });
});

describe('link codec: malformed payloads', () => {
  it('refuses characters outside base64url and impossible lengths', () => {
    expect(problemOf('abc$def').code).toBe('badEncoding');
    expect(problemOf('a+b/').code).toBe('badEncoding'); // plain base64, not the URL-safe alphabet
    expect(problemOf('abcde').code).toBe('badEncoding'); // 4n+1 characters
    expect(problemOf('').code).toBe('badEncoding');
  });

  it('refuses a payload longer than the limit before decoding it', () => {
    expect(problemOf('A'.repeat(LINK_LIMITS.payloadChars + 1))).toEqual({
      code: 'tooLong', values: { length: LINK_LIMITS.payloadChars + 1, limit: LINK_LIMITS.payloadChars } });
  });

  it('refuses bytes that are not a deflate stream, and truncated streams', () => {
    expect(problemOf(base64url(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).code).toBe('badDeflate');
    const good = encodeSpec(EVERY_KIND);
    expect(['badDeflate', 'badJson']).toContain(problemOf(good.slice(0, Math.floor(good.length / 8) * 4)).code);
  });

  it('stops inflating a zip bomb at the size limit', () => {
    const bomb = deflateSync(new Uint8Array(4 * 1024 * 1024).fill(0x20), { level: 9 }); // 4 MB of spaces
    const payload = base64url(bomb);
    expect(payload.length).toBeLessThanOrEqual(LINK_LIMITS.payloadChars); // small enough to get past the length check
    expect(problemOf(payload)).toEqual({ code: 'tooLarge', values: { limit: LINK_LIMITS.jsonBytes } });
  });

  it('refuses text that is not JSON or not UTF-8', () => {
    expect(problemOf(payloadOf('{"blocks": [')).code).toBe('badJson');
    expect(problemOf(payloadOf('alert(1)')).code).toBe('badJson');
    expect(problemOf(base64url(deflateSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).code).toBe('badJson');
  });

  it('refuses __proto__ keys anywhere and pollutes nothing', () => {
    for (const text of [
      '{"__proto__": {"polluted": true}, "blocks": []}',
      '{"blocks": [{"id": "in", "kind": "input", "inputs": [], "__proto__": {"polluted": true}}]}',
      '{"blocks": [{"id": "in", "kind": "input", "inputs": []}], "layout": {"__proto__": {"x": 1, "y": 2}}}',
    ]) {
      expect(problemOf(payloadOf(text))).toEqual({ code: 'forbiddenKey', values: { key: '__proto__' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names an unknown kind', () => {
    const spec = { blocks: [{ id: 'in', kind: 'input', inputs: [] }, { id: 'x', kind: 'lstm', inputs: ['in'] }] };
    expect(problemOf(payloadOfJson(spec))).toEqual({ code: 'unknownKind', values: { kind: 'lstm' } });
    const long = { blocks: [{ id: 'x', kind: 'k'.repeat(500), inputs: [] }] };
    expect(String(problemOf(payloadOfJson(long)).values.kind).length).toBeLessThanOrEqual(41);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a huge filter count', { filters: 1e12 }, 'c.filters'],
    ['a fractional kernel', { kernel: 2.5 }, 'c.kernel'],
    ['a negative stride', { stride: -1 }, 'c.stride'],
    ['an unknown padding word', { padding: 'full' }, 'c.padding'],
    ['a string where a number belongs', { filters: '8' }, 'c.filters'],
    ['an unknown activation', { activation: 'gelu' }, 'c.activation'],
    ['an unknown field', { script: 'alert(1)' }, 'c'],
    ['a triple kernel', { kernel: [3, 3, 3] }, 'c.kernel'],
  ])('refuses %s and says where', (_what, patch, where) => {
    const conv = { id: 'c', kind: 'conv2d', inputs: ['in'], filters: 8, kernel: 3, stride: 1, padding: 'same', ...patch };
    const spec = { blocks: [{ id: 'in', kind: 'input', inputs: [] }, conv] };
    expect(problemOf(payloadOfJson(spec))).toEqual({ code: 'badSpec', values: { where } });
  });

  it('refuses out-of-range numbers written as JSON overflow (1e999 is Infinity)', () => {
    const text = '{"blocks":[{"id":"d","kind":"dropout","inputs":[],"rate":1e999}]}';
    expect(problemOf(payloadOf(text))).toEqual({ code: 'badSpec', values: { where: 'd.rate' } });
  });

  it('refuses huge arrays: too many blocks, too many inputs, and oversized JSON', () => {
    const block = (i: number): BlockSpec => ({ id: `b${i}`, kind: 'flatten', inputs: [] });
    const many = { blocks: Array.from({ length: LINK_LIMITS.blocks + 1 }, (_, i) => block(i)) };
    expect(problemOf(payloadOfJson(many))).toEqual({ code: 'badSpec', values: { where: 'blocks' } });
    const fanIn = { blocks: [{ id: 'a', kind: 'add', inputs: Array.from({ length: 1000 }, () => 'x') }] };
    expect(problemOf(payloadOfJson(fanIn))).toEqual({ code: 'badSpec', values: { where: 'a.inputs' } });
    const huge = { blocks: Array.from({ length: 5000 }, () => block(0)) }; // repetitive: deflates small
    expect(problemOf(payloadOfJson(huge)).code).toBe('tooLarge');
  });

  it('refuses a spec that is not an object or has no blocks', () => {
    for (const raw of [null, 5, 'x', [], {}, { blocks: [] }, { blocks: 'lenet' }]) {
      expect(validateSpec(raw).ok).toBe(false);
    }
  });

  it('keeps ids and strings bounded', () => {
    const longId = { blocks: [{ id: 'i'.repeat(LINK_LIMITS.idLength + 1), kind: 'input', inputs: [] }] };
    expect(problemOf(payloadOfJson(longId))).toEqual({ code: 'badSpec', values: { where: 'blocks[0].id' } });
  });

  it('accepts exactly the registered kinds', () => {
    expect([...KNOWN_KINDS].sort()).toEqual(BLOCK_MODULES.map((m) => m.kind).sort());
    expect(problemOf(payloadOfJson({ blocks: [{ id: 'x', kind: 'notAKind', inputs: [] }] })).code).toBe('unknownKind');
  });
});

describe('link codec: agrees with the editor', () => {
  /** Every value the inspector lets a student set: both ends of each range, every option, both booleans. */
  function editorValues(field: FieldDescriptor): unknown[] {
    switch (field.type) {
      case 'enum': return [...(field.options ?? [])];
      case 'bool': return [true, false];
      case 'padding': return ['valid', 'same', field.min, field.max];
      case 'size2': return [field.min, field.max, [field.min, field.max]];
      default: return [field.min, field.maxExclusive ? (field.max ?? 1) - 1e-6 : field.max];
    }
  }

  it.each(Object.keys(BLOCK_FIELDS) as BlockKind[])('accepts every value the inspector allows on %s', (kind) => {
    for (const field of BLOCK_FIELDS[kind]) {
      for (const value of editorValues(field)) {
        const block = { ...defaultBlock(kind, 'b', kind === 'input' ? [] : ['in']), [field.name]: value } as BlockSpec;
        const spec: ModelSpec = { blocks: [{ id: 'in', kind: 'input', inputs: [] }, block] };
        expect(decodeSpec(encodeSpec(spec)), `${kind}.${field.name} = ${JSON.stringify(value)}`)
          .toEqual({ ok: true, value: spec });
      }
    }
  });
});

describe('link codec: never throws', () => {
  it('answers every mutation of a real link with a network or a problem', () => {
    const good = encodeSpec(EVERY_KIND);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31; // a fixed LCG: the same mutations every run
      return seed % n;
    };
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const at = random(good.length);
      const mutated = `${good.slice(0, at)}${alphabet[random(alphabet.length)]}${good.slice(at + 1 + random(2))}`;
      const result = decodeSpec(mutated);
      codes.add(result.ok ? 'ok' : result.problem.code);
    }
    // Damage is caught at every stage, not only the first.
    expect(codes).toContain('badDeflate');
    expect(codes.size).toBeGreaterThanOrEqual(3);
  });
});
