// Project files: exported and read back equal (weights bit for bit, curves, lesson progress), and every
// kind of bad file refused with the problem named: truncated, not a zip, future version, crafted (huge
// declared sizes, a zip bomb that lies about its size, prototype keys, weights that do not fit the
// network, NaN weights, extra entries). The fuzz tests throw 300+ generated bad files at the reader.
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lenet5Mnist, tinyCnn } from '../model/presets';
import { decodeProjectFile, encodeProjectFile, PROJECT_LIMITS } from './projectFile';
import { sampleProject } from './projectFixtures';
import { PROJECT_VERSION, ProjectFileError } from './types';

const refusal = (bytes: Uint8Array): string => {
  try {
    decodeProjectFile(bytes, 'new');
  } catch (err) {
    if (err instanceof ProjectFileError) return err.code;
    throw err;
  }
  return 'accepted';
};

const zipJson = (json: unknown, extra: Record<string, Uint8Array> = {}) =>
  zipSync({ 'project.json': strToU8(typeof json === 'string' ? json : JSON.stringify(json)), ...extra });

function projectJson(project = sampleProject(tinyCnn(), false)): Record<string, unknown> {
  // Our own JSON, read back out to craft variants of it.
  const files = unzipSync(encodeProjectFile(project));
  return JSON.parse(strFromU8(files['project.json']!)) as Record<string, unknown>;
}

describe('project file round trip', () => {
  it('reads back everything it wrote, weights bit for bit', () => {
    const project = sampleProject(lenet5Mnist());
    const back = decodeProjectFile(encodeProjectFile(project), 'p2');
    expect(back).toEqual({ ...project, id: 'p2' });
    expect(back.weights?.[0]?.values).toEqual(project.weights?.[0]?.values);
  });

  it('opens a version 1 file (epoch records without speed and time)', () => {
    const json = projectJson();
    const runs = (json.runs as { epochs: Record<string, unknown>[] }[]).map((r) => ({
      ...r, epochs: r.epochs.map(({ epoch, testLoss, testAccuracy }) => ({ epoch, testLoss, testAccuracy })),
    }));
    const back = decodeProjectFile(zipJson({ ...json, version: 1, runs }), 'old');
    expect(back.runs.at(-1)?.epochs[1]).toEqual({ epoch: 2, testLoss: 0.35, testAccuracy: 0.91 });
  });

  it('keeps a project without weights, and an own image set', () => {
    const project = { ...sampleProject(tinyCnn(), false), experiment: { ...sampleProject().experiment, datasetId: 'custom' as const } };
    expect(decodeProjectFile(encodeProjectFile(project), 'p1')).toEqual(project);
  });
});

describe('bad project files are refused with the problem named', () => {
  it('names each crafted problem', () => {
    const good = encodeProjectFile(sampleProject());
    expect(refusal(good.subarray(0, good.length - 30))).toBe('notAZip');
    expect(refusal(strToU8('{"format":"cnn-playground-project"}'))).toBe('notAZip');
    expect(refusal(new Uint8Array(PROJECT_LIMITS.fileBytes + 1).fill(0x50))).toBe('tooLarge');
    expect(refusal(zipJson({ ...projectJson(), version: PROJECT_VERSION + 1 }))).toBe('futureVersion');
    expect(refusal(zipJson({ ...projectJson(), format: 'something-else' }))).toBe('notAProject');
    expect(refusal(zipJson('{"format": "cnn-playground-project", "version": 1, "__proto__": {"polluted": true}}'))).toBe('forbiddenKey');
    expect(refusal(zipJson({ ...projectJson(), lessonProgress: { constructor: { prototype: { x: 1 } } } }))).toBe('forbiddenKey');
    expect(refusal(zipJson({ ...projectJson(), name: 7 }))).toBe('badField');
    expect(refusal(zipJson({ ...projectJson(), name: 'n'.repeat(300) }))).toBe('textTooLong');
    expect(refusal(zipJson({ ...projectJson(), experiment: 'v=1&m=AAAA' }))).toBe('badNetwork');
    expect(refusal(zipJson(projectJson(), { 'evil.sh': strToU8('rm -rf /') }))).toBe('unexpectedEntry');
    expect(refusal(zipJson('not json'))).toBe('badJson');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses weights that do not fit the network, truncated weights and NaN weights', () => {
    const withWeights = sampleProject();
    const json = projectJson(withWeights);
    const bin = new Uint8Array(withWeights.weights!.reduce((n, w) => n + w.values.length * 4, 0));
    const tensors = (json.weights as { tensors: { name: string; shape: number[] }[] }).tensors;
    expect(refusal(zipJson(json, { 'weights.bin': bin }))).toBe('accepted');
    expect(refusal(zipJson(json, { 'weights.bin': bin.subarray(4) }))).toBe('weightsMismatch');
    expect(refusal(zipJson(json))).toBe('missingEntry');
    const wrongShape = { ...json, weights: { tensors: tensors.map((t, i) => (i === 0 ? { ...t, shape: [5, 5, 1, 8] } : t)) } };
    expect(refusal(zipJson(wrongShape, { 'weights.bin': bin }))).toBe('weightsMismatch');
    const nan = bin.slice();
    new DataView(nan.buffer).setFloat32(8, Number.NaN, true);
    expect(refusal(zipJson(json, { 'weights.bin': nan }))).toBe('weightsNotFinite');
  });

  it('refuses zip bombs: a huge declared size, and an entry that inflates past what it declares', () => {
    const huge = new Uint8Array(PROJECT_LIMITS.jsonBytes + 10).fill(32);
    expect(refusal(zipSync({ 'project.json': huge }))).toBe('entryTooLarge');
    // The same bomb, its sizes rewritten to claim 100 bytes (local header and central directory).
    const lying = zipSync({ 'project.json': huge });
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 4 <= lying.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 100, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 100, true);
    }
    expect(refusal(lying)).not.toBe('accepted');
  });
});

describe('fuzz: generated bad files never get through and never throw anything but a named refusal', () => {
  const good = encodeProjectFile(sampleProject());
  const goodJson = projectJson(sampleProject());

  it('random bytes, truncations and bit flips of a good file (300 files)', () => {
    fc.assert(fc.property(fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.subarray(0, n)),
      fc.tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
        const copy = good.slice();
        copy[at] = (copy[at] as number) ^ x;
        return copy;
      }),
    ), (bytes) => {
      const result = refusal(bytes);
      // A flipped bit inside a stored name or padding may leave the file valid; then it must read as a project.
      if (result === 'accepted') expect(decodeProjectFile(bytes, 'x').experiment.spec.blocks.length).toBeGreaterThan(0);
      else expect(typeof result).toBe('string');
    }), { numRuns: 300, seed: 1 });
  });

  it('structurally valid zips with crafted JSON, with the right weights.bin beside it (300 files)', () => {
    const bin = unzipSync(good)['weights.bin']!;
    // Fields whose every value of the wrong type must be refused (a name may be any string, lesson progress any JSON).
    const typed = ['format', 'version', 'experiment', 'datasetId', 'dataShape', 'runs', 'weights'];
    let refused = 0;
    fc.assert(fc.property(
      fc.constantFrom(...typed),
      fc.oneof(fc.jsonValue(), fc.object(), fc.string(), fc.double(), fc.constant(undefined)),
      (key, value) => {
        const crafted = { ...goodJson, [key]: value };
        if (JSON.stringify(crafted) === JSON.stringify(goodJson)) return;
        // An empty run list is a valid project.
        if (key === 'runs' && Array.isArray(value) && value.length === 0) return;
        // Both versions this reader knows are valid.
        if (key === 'version' && value === 1) return;
        const result = refusal(zipJson(crafted, { 'weights.bin': bin }));
        expect([key, result]).not.toEqual([key, 'accepted']);
        refused++;
      },
    ), { numRuns: 300, seed: 2 });
    expect(refused).toBeGreaterThan(250);
    expect(refusal(zipJson(goodJson, { 'weights.bin': bin }))).toBe('accepted');
  });

  it('crafted epoch records of the runs (version 2 fields) with a wrong type or range (300 files)', () => {
    const bin = unzipSync(good)['weights.bin']!;
    const runs = goodJson.runs as { epochs: Record<string, unknown>[] }[];
    const fields = ['epoch', 'testLoss', 'testAccuracy', 'validationLoss', 'validationAccuracy', 'imagesPerSecond', 'seconds', '__extra'];
    const bad = fc.oneof(fc.string(), fc.constant(-1), fc.constant('NaN'), fc.object(), fc.array(fc.integer()), fc.boolean(),
      fc.double({ min: -1e9, max: -1e-9 }));
    fc.assert(fc.property(fc.constantFrom(...fields), bad, fc.nat(runs.length - 1), (field, value, which) => {
      // Rates, losses and times may be any number >= 0 (a loss also null: NaN); accuracies lie in [0, 1]; epochs are whole.
      if (typeof value === 'number' && value >= 0 && !field.endsWith('Accuracy') && field !== 'epoch') return;
      const crafted = runs.map((r, i) => (i === which ? { ...r, epochs: r.epochs.map((e) => ({ ...e, [field]: value })) } : r));
      expect(refusal(zipJson({ ...goodJson, runs: crafted }, { 'weights.bin': bin }))).toBe('badField');
    }), { numRuns: 300, seed: 3 });
  });
});
