// One project as one file: a zip holding project.json (everything but the weights; the experiment as the
// same versioned fragment a shared link uses) and weights.bin (float32, little-endian, in the order
// project.json lists them). Reading trusts nothing: sizes are checked before inflating (a zip bomb
// declares small and inflates large, so inflated sizes are checked again), JSON keys that could reach an
// object's prototype are refused, every field goes through a strict schema, the network through the link
// decoder and the model core, and the weights must be exactly the ones that network has.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import type { WeightList } from '../codegen/weights';
import { countValues } from '../codegen/weights';
import { analyzeModel } from '../model/analyze';
import { DATASETS, type DatasetId } from '../data/registry';
import type { DataShape } from '../model/spec';
import { decodeExperiment, encodeExperiment, type Experiment } from '../store/linkState';
import { DEFAULT_HYPER_PARAMS } from '../train/api/hyper';
import { expectedWeights, weightsMismatch } from './expectedWeights';
import { PROJECT_FORMAT, PROJECT_VERSION, ProjectFileError, type Project, type RunEpoch } from './types';

export const PROJECT_LIMITS = {
  fileBytes: 64 * 2 ** 20,
  jsonBytes: 8 * 2 ** 20,
  weightBytes: 256 * 2 ** 20,
  runs: 64,
  pointsPerRun: 200_000,
  lessonBytes: 256 * 1024,
  nameChars: 200,
} as const;

const JSON_ENTRY = 'project.json';
const WEIGHTS_ENTRY = 'weights.bin';
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const finite = z.number().finite();
const curve = z.strictObject({
  label: z.string().max(PROJECT_LIMITS.nameChars),
  step: z.array(finite).max(PROJECT_LIMITS.pointsPerRun),
  loss: z.array(z.number().nullable()).max(PROJECT_LIMITS.pointsPerRun),
  accuracy: z.array(z.number().nullable()).max(PROJECT_LIMITS.pointsPerRun),
  epochs: z.array(z.strictObject({
    epoch: z.number().int().min(0), testLoss: z.number().min(0).nullable(), testAccuracy: z.number().min(0).max(1),
    validationLoss: z.number().min(0).nullable().optional(), validationAccuracy: z.number().min(0).max(1).optional(),
    imagesPerSecond: z.number().min(0).finite().optional(), seconds: z.number().min(0).finite().optional(),
  })).max(10_000),
}).refine((c) => c.loss.length === c.step.length && c.accuracy.length === c.step.length, { message: 'curve lengths differ' });

const fileSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.union([z.literal(1), z.literal(PROJECT_VERSION)]),
  name: z.string().max(PROJECT_LIMITS.nameChars),
  createdAt: finite,
  updatedAt: finite,
  experiment: z.string().max(32_768),
  datasetId: z.enum(['custom', ...DATASETS.map((d) => d.id)] as [DatasetId, ...DatasetId[]]),
  dataShape: z.strictObject({
    inputShape: z.array(z.number().int().min(1).max(4096)).min(1).max(3),
    numClasses: z.number().int().min(2).max(1000),
  }),
  testAccuracy: z.number().min(0).max(1).nullable(),
  runs: z.array(curve).max(PROJECT_LIMITS.runs),
  lessonProgress: z.unknown(),
  weights: z.strictObject({
    tensors: z.array(z.strictObject({ name: z.string().max(200), shape: z.array(z.number().int().min(0).max(2 ** 24)).max(8) })).max(4096),
  }).nullable(),
});

type ProjectJson = z.infer<typeof fileSchema>;

// JSON cannot hold NaN: curves write it as null (a diverged step) and read it back as NaN.
const toJsonNumbers = (values: readonly number[]) => values.map((v) => (Number.isFinite(v) ? v : null));
const fromJsonNumbers = (values: readonly (number | null)[]) => values.map((v) => v ?? Number.NaN);

type EpochJson = ProjectJson['runs'][number]['epochs'][number];
const epochToJson = (e: RunEpoch): EpochJson => {
  const { validationLoss, ...rest } = e;
  const out: EpochJson = { ...rest, testLoss: Number.isFinite(e.testLoss) ? e.testLoss : null };
  return validationLoss === undefined ? out : { ...out, validationLoss: Number.isFinite(validationLoss) ? validationLoss : null };
};
const epochFromJson = (e: EpochJson): RunEpoch => {
  const { validationLoss, testLoss, ...rest } = e;
  const out: RunEpoch = { ...rest, testLoss: testLoss ?? Number.NaN };
  return validationLoss === undefined ? out : { ...out, validationLoss: validationLoss ?? Number.NaN };
};

export function encodeProjectFile(project: Project): Uint8Array {
  const json: ProjectJson = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: project.name,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    experiment: encodeExperiment(project.experiment),
    datasetId: project.experiment.datasetId,
    dataShape: { inputShape: [...project.dataShape.inputShape], numClasses: project.dataShape.numClasses },
    testAccuracy: project.testAccuracy,
    runs: project.runs.map((r) => ({ ...r, step: [...r.step], loss: toJsonNumbers(r.loss), accuracy: toJsonNumbers(r.accuracy), epochs: r.epochs.map(epochToJson) })),
    lessonProgress: project.lessonProgress ?? null,
    weights: project.weights === null ? null : { tensors: project.weights.map((w) => ({ name: w.name, shape: [...w.shape] })) },
  };
  const files: Record<string, Uint8Array> = { [JSON_ENTRY]: strToU8(JSON.stringify(json)) };
  if (project.weights !== null) files[WEIGHTS_ENTRY] = packWeights(project.weights);
  return zipSync(files, { level: 6 });
}

function packWeights(weights: WeightList): Uint8Array {
  const total = weights.reduce((n, w) => n + w.values.length, 0);
  const out = new Uint8Array(total * 4);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const w of weights) {
    for (let i = 0; i < w.values.length; i++, at += 4) view.setFloat32(at, w.values[i] as number, true);
  }
  return out;
}

/** The zip's entries, each checked against its limit before and after inflating. */
function unpack(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.length > PROJECT_LIMITS.fileBytes) throw new ProjectFileError('tooLarge', { size: bytes.length, limit: PROJECT_LIMITS.fileBytes });
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ProjectFileError('notAZip');
  const limits: Record<string, number> = { [JSON_ENTRY]: PROJECT_LIMITS.jsonBytes, [WEIGHTS_ENTRY]: PROJECT_LIMITS.weightBytes };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        const limit = limits[file.name];
        if (limit === undefined) throw new ProjectFileError('unexpectedEntry', { name: file.name.slice(0, 60) });
        if (file.originalSize > limit) throw new ProjectFileError('entryTooLarge', { name: file.name, size: file.originalSize, limit });
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ProjectFileError) throw err;
    throw new ProjectFileError('notAZip');
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    const limit = limits[name] ?? 0;
    if (data.length > limit) throw new ProjectFileError('entryTooLarge', { name, size: data.length, limit });
    out.set(name, data);
  }
  return out;
}

function findForbiddenKey(value: unknown, depth = 0): string | null {
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function parseJson(data: Uint8Array): ProjectJson {
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(data));
  } catch {
    throw new ProjectFileError('badJson');
  }
  const key = findForbiddenKey(raw);
  if (key !== null) throw new ProjectFileError('forbiddenKey', { key });
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (head === null || typeof head !== 'object' || head.format !== PROJECT_FORMAT) throw new ProjectFileError('notAProject');
  if (typeof head.version === 'number' && head.version > PROJECT_VERSION) throw new ProjectFileError('futureVersion', { version: head.version });
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = (first?.path.map(String).join('.') ?? '').slice(0, 80) || 'project';
    // A text over its limit (a 300-character name) is named as too long, not as missing or wrong.
    if (first?.code === 'too_big' && first.origin === 'string') {
      throw new ProjectFileError('textTooLong', { where, limit: Number(first.maximum) });
    }
    throw new ProjectFileError('badField', { where });
  }
  if (JSON.stringify(result.data.lessonProgress ?? null).length > PROJECT_LIMITS.lessonBytes) {
    throw new ProjectFileError('badField', { where: 'lessonProgress' });
  }
  return result.data;
}

function readExperiment(json: ProjectJson): Experiment {
  const defaults: Experiment = { spec: { blocks: [] }, hyper: DEFAULT_HYPER_PARAMS, datasetId: 'mnist', validationFraction: 0 };
  const { experiment, problems } = decodeExperiment(json.experiment, defaults);
  // 'customData' only says that a link cannot carry own images; the project file carries its dataset itself.
  const first = problems.find((p) => p.code !== 'customData');
  if (first !== undefined) throw new ProjectFileError('badNetwork', { detail: `${first.code} ${Object.values(first.values).join(' ')}`.trim().slice(0, 80) });
  if (experiment === null || !json.experiment.includes('m=')) throw new ProjectFileError('badNetwork', { detail: 'no network' });
  // The link cannot name an own image set; the project file can.
  return json.datasetId === 'custom' ? { ...experiment, datasetId: 'custom' } : experiment;
}

function readWeights(json: ProjectJson, experiment: Experiment, dataShape: DataShape, bin: Uint8Array | undefined): WeightList | null {
  if (json.weights === null) {
    if (bin !== undefined) throw new ProjectFileError('unexpectedEntry', { name: WEIGHTS_ENTRY });
    return null;
  }
  if (bin === undefined) throw new ProjectFileError('missingEntry', { name: WEIGHTS_ENTRY });
  const analysis = analyzeModel(experiment.spec, dataShape);
  if (!analysis.valid) throw new ProjectFileError('badNetwork', { detail: analysis.issues.find((i) => i.severity === 'error')?.code ?? 'invalid' });
  const mismatch = weightsMismatch(expectedWeights(experiment.spec, analysis, dataShape.numClasses), json.weights.tensors);
  if (mismatch !== null) throw new ProjectFileError('weightsMismatch', { detail: mismatch });
  const floats = json.weights.tensors.reduce((n, t) => n + countValues(t.shape), 0);
  if (bin.length !== floats * 4) throw new ProjectFileError('weightsMismatch', { detail: `${WEIGHTS_ENTRY} has ${bin.length} bytes, the network needs ${floats * 4}` });
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  return json.weights.tensors.map((t) => {
    const values = new Float32Array(countValues(t.shape));
    for (let i = 0; i < values.length; i++, at += 4) {
      const v = view.getFloat32(at, true);
      if (!Number.isFinite(v)) throw new ProjectFileError('weightsNotFinite', { name: t.name.slice(0, 60) });
      values[i] = v;
    }
    return { name: t.name, shape: t.shape, values };
  });
}

/** Reads a project file; `id` is the new project's id (an imported file never overwrites one). Throws ProjectFileError. */
export function decodeProjectFile(bytes: Uint8Array, id: string): Project {
  const entries = unpack(bytes);
  const jsonBytes = entries.get(JSON_ENTRY);
  if (jsonBytes === undefined) throw new ProjectFileError('missingEntry', { name: JSON_ENTRY });
  const json = parseJson(jsonBytes);
  const experiment = readExperiment(json);
  const dataShape: DataShape = { inputShape: json.dataShape.inputShape, numClasses: json.dataShape.numClasses };
  const analysis = analyzeModel(experiment.spec, dataShape);
  if (!analysis.valid) throw new ProjectFileError('badNetwork', { detail: analysis.issues.find((i) => i.severity === 'error')?.code ?? 'invalid' });
  const weights = readWeights(json, experiment, dataShape, entries.get(WEIGHTS_ENTRY));
  return {
    id,
    name: json.name,
    createdAt: json.createdAt,
    updatedAt: json.updatedAt,
    experiment,
    dataShape,
    weights,
    runs: json.runs.map((r) => ({ ...r, loss: fromJsonNumbers(r.loss), accuracy: fromJsonNumbers(r.accuracy), epochs: r.epochs.map(epochFromJson) })),
    testAccuracy: json.testAccuracy,
    lessonProgress: json.lessonProgress ?? null,
  };
}
