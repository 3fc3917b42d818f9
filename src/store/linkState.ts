// The experiment in the page address, tensorflow/playground style: one table of properties, read and
// written by one generic loop. Hyper-parameters and the dataset stay human-readable (`lr=0.001&bs=64`, so a
// student can edit them by hand); the network is the compact payload of src/model/link.ts (`m=`).
//
// Everything goes in the fragment (`#v=1&...`), never the query: the fragment never reaches a server (no
// "URI too long" from static hosts, nothing in their logs), and the query stays for the launch options of
// this machine (?trainLimit, ?backend, ...), which are not part of the experiment.
//
// Reading is forgiving per field: a missing field (an older link) or a bad one takes its default, and bad
// ones are named. A bad network cannot be half-used, so it opens the default network with a message.
import { z } from 'zod';
import '../model/zodConfig';
import { isBuiltinDatasetId, type BuiltinDatasetId, type DatasetId } from '../data/registry';
import { MAX_VALIDATION_FRACTION } from '../data/validation';
import { isLabelShare, type LabelShare } from '../data/labelShare';
import { decodeSpec, encodeSpec, LINK_LIMITS, LINK_VERSION, type LinkProblem } from '../model/link';
import type { ModelSpec } from '../model/spec';
import { DEFAULT_BOX_LOSS, DEFAULT_PIXEL_LOSS, MAX_BOX_WEIGHT, MAX_DICE, MAX_SHIFT } from '../train/api/hyper';
import { OPTIMIZER_NAMES, type HyperParams } from '../train/api/protocol';

/** Page-address property <-> value; `parse` gives undefined for anything it does not accept. */
export interface LinkField<T> {
  readonly param: string;
  /** `fallback`: the default, for fields that fill in parts a link leaves out. */
  parse(raw: string, fallback: T): T | undefined;
  format(value: T): string;
}

const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A field whose text is checked by a zod schema (numbers are read from their text first). */
function schemaField<T>(param: string, schema: z.ZodType<T>, format: (v: T) => string = String): LinkField<T> {
  return {
    param,
    parse: (raw) => {
      const result = schema.safeParse(raw);
      return result.success ? result.data : undefined;
    },
    format,
  };
}

// '+ 0' turns '-0' into 0, which is how it is written back: a link reads back exactly as it was written.
const numberText = z.string().max(32).regex(NUMBER_TEXT).transform((text) => Number(text) + 0);

export const numberField = (param: string, min: number, max: number) =>
  schemaField(param, numberText.pipe(z.number().min(min).max(max)));
export const intField = (param: string, min: number, max: number) =>
  schemaField(param, numberText.pipe(z.number().int().min(min).max(max)));
export const enumField = <const T extends readonly [string, ...string[]]>(param: string, values: T) =>
  schemaField(param, z.enum(values));

/** One scalar inside a small object field: true / false, a number, or a word. */
function scalar(text: string): boolean | number | string {
  if (text === 'true' || text === 'false') return text === 'true';
  return NUMBER_TEXT.test(text) ? Number(text) : text;
}

/**
 * A small object as `key:value,key:value` (e.g. `kind:step,everyEpochs:5,factor:0.5`), readable in the
 * address bar; the schema (strict objects) decides what is valid, so unknown keys are refused. `partial`:
 * keys the link lacks take the default's (a setting added later reads as its default in older links);
 * not for unions, whose variants have different keys.
 */
export function objectField<T extends object>(param: string, schema: z.ZodType<T>, opts: { partial?: boolean } = {}): LinkField<T> {
  return {
    param,
    parse: (raw, fallback) => {
      if (raw.length > 200) return undefined;
      const entries = raw.split(',').map((pair) => pair.split(':'));
      if (entries.some((e) => e.length !== 2 || e[0] === '__proto__')) return undefined;
      const given = Object.fromEntries(entries.map(([k, v]) => [k, scalar(v ?? '')]));
      const result = schema.safeParse(opts.partial ? { ...fallback, ...given } : given);
      return result.success ? result.data : undefined;
    },
    format: (value) => Object.entries(value).map(([k, v]) => `${k}:${String(v)}`).join(','),
  };
}

/** An optional setting's field: read over its default, written as the default when unset. */
function withDefault<T>(field: LinkField<T>, fallback: T): LinkField<T | undefined> {
  return { param: field.param, parse: (raw, given) => field.parse(raw, given ?? fallback), format: (value) => field.format(value ?? fallback) };
}

/** The share of training labels as a percentage (`labels=10`): only the shares a run takes are read. */
function labelShareField(param: string): LinkField<LabelShare> {
  const field = schemaField(param, numberText.pipe(z.number().refine((p) => isLabelShare(p / 100))));
  return { param, parse: (raw, fallback) => {
    const percent = field.parse(raw, fallback * 100);
    return percent === undefined ? undefined : (percent / 100) as LabelShare;
  }, format: (share) => String(share * 100) };
}

export type FieldTable<T> = { readonly [K in keyof T]-?: LinkField<T[K]> };

const schedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  z.strictObject({ kind: z.literal('step'), everyEpochs: z.number().int().min(1).max(1000), factor: z.number().gt(0).max(1) }),
  z.strictObject({ kind: z.literal('cosine'), minFactor: z.number().min(0).max(1) }),
]);

/**
 * Every hyper-parameter and its address property. The mapped type makes a new HyperParams field a
 * compile error here until it has its one line, so nothing trainable is left out of the link.
 */
export const HYPER_FIELDS: FieldTable<HyperParams> = {
  optimizer: enumField('opt', OPTIMIZER_NAMES),
  learningRate: numberField('lr', 1e-7, 10),
  momentum: numberField('mom', 0, 0.999),
  schedule: objectField('sched', schedule),
  weightDecay: numberField('wd', 0, 1),
  augmentation: objectField('aug', z.strictObject({ flip: z.boolean(), shift: z.number().int().min(0).max(MAX_SHIFT) }),
    { partial: true }),
  batchSize: intField('bs', 1, 4096),
  epochs: intField('ep', 1, 1000),
  seed: intField('seed', 0, 2 ** 31 - 1),
  pixelLoss: withDefault(objectField('pixloss', z.strictObject({ dice: z.number().min(0).max(MAX_DICE), balance: z.boolean() }),
    { partial: true }), DEFAULT_PIXEL_LOSS),
  boxLoss: withDefault(objectField('boxloss', z.strictObject({ coord: z.number().min(0).max(MAX_BOX_WEIGHT),
    noObject: z.number().min(0).max(MAX_BOX_WEIGHT) }), { partial: true }), DEFAULT_BOX_LOSS),
  labelShare: withDefault(labelShareField('labels'), 1),
};

/** A dataset made from the user's own images cannot travel in a link: only the built-in ones are read. */
const DATASET_FIELD = schemaField<BuiltinDatasetId>('data', z.custom<BuiltinDatasetId>((v) => isBuiltinDatasetId(v)));
const VALIDATION_FIELD = numberField('val', 0, MAX_VALIDATION_FRACTION);
const CUSTOM_DATA = 'custom';
/** The lesson step the link opens (`lesson=2.3`); absent when no lesson is open. */
const LESSON_FIELD = schemaField('lesson', z.string().regex(/^\d{1,2}\.\d{1,2}$/));

export interface Experiment {
  readonly spec: ModelSpec;
  readonly hyper: HyperParams;
  readonly datasetId: DatasetId;
  /** Share of the training split held out for validation (the data panel's setting). */
  readonly validationFraction: number;
  /** The open lesson step as `lesson.step`, written only when one is open. */
  readonly lessonStep?: string | null;
}

/** Reads every field of a table; missing ones take their default, bad ones too and are named. */
export function readFields<T>(table: FieldTable<T>, params: URLSearchParams, defaults: T): { values: T; ignored: string[] } {
  const values = { ...defaults };
  const ignored: string[] = [];
  for (const key of Object.keys(table) as (keyof T)[]) {
    const field = table[key];
    const raw = params.get(field.param);
    if (raw === null) continue;
    const value = field.parse(raw, defaults[key]);
    if (value === undefined) ignored.push(field.param);
    else values[key] = value;
  }
  return { values, ignored };
}

export function writeFields<T>(table: FieldTable<T>, values: T, out: [string, string][]): void {
  for (const key of Object.keys(table) as (keyof T)[]) {
    const field = table[key];
    out.push([field.param, field.format(values[key])]);
  }
}

// Characters a fragment may hold as they are (RFC 3986): keeps `sched=kind:step,factor:0.5` readable.
const encodeValue = (v: string): string => encodeURIComponent(v).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

/** The fragment (without '#') that reopens this experiment. Every field is written, defaults included,
 * so a link keeps its meaning even if a later version changes a default. */
export function encodeExperiment(e: Experiment): string {
  const pairs: [string, string][] = [['v', String(LINK_VERSION)]];
  // Own images stay in the page; 'custom' tells whoever opens the link (or reloads) that they were left behind.
  pairs.push([DATASET_FIELD.param, isBuiltinDatasetId(e.datasetId) ? DATASET_FIELD.format(e.datasetId) : CUSTOM_DATA]);
  pairs.push([VALIDATION_FIELD.param, VALIDATION_FIELD.format(e.validationFraction)]);
  writeFields(HYPER_FIELDS, e.hyper, pairs);
  if (e.lessonStep) pairs.push([LESSON_FIELD.param, e.lessonStep]);
  pairs.push(['m', encodeSpec(e.spec)]);
  return pairs.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
}

/** The network's limit plus room for the readable fields: anything longer is not one of ours. */
const MAX_FRAGMENT_CHARS = LINK_LIMITS.payloadChars + 2048;

export interface DecodedExperiment {
  /** Null when the address holds no experiment (a plain visit): keep the defaults, say nothing. */
  readonly experiment: Experiment | null;
  /** What was wrong, for the notice; empty for a good link. */
  readonly problems: readonly LinkProblem[];
}

/** Reads a fragment (with or without '#'); never throws. */
export function decodeExperiment(fragment: string, defaults: Experiment): DecodedExperiment {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.trim() === '') return { experiment: null, problems: [] };
  if (text.length > MAX_FRAGMENT_CHARS) {
    return { experiment: defaults, problems: [{ code: 'tooLong', values: { length: text.length, limit: MAX_FRAGMENT_CHARS } }] };
  }
  const params = new URLSearchParams(text);
  const version = params.get('v');
  if (version !== String(LINK_VERSION)) {
    // Another version's fields may mean other things: open the default rather than guess.
    return { experiment: defaults, problems: [{ code: 'unknownVersion', values: { version: (version ?? '').slice(0, 12) } }] };
  }
  const problems: LinkProblem[] = [];
  if (params.get(DATASET_FIELD.param) === CUSTOM_DATA) {
    params.delete(DATASET_FIELD.param);
    problems.push({ code: 'customData', values: {} });
  }
  const hyper = readFields(HYPER_FIELDS, params, defaults.hyper);
  const dataset = readFields<Pick<Experiment, 'datasetId' | 'validationFraction'>>(
    { datasetId: DATASET_FIELD, validationFraction: VALIDATION_FIELD }, params,
    { datasetId: defaults.datasetId, validationFraction: defaults.validationFraction });
  const lessonText = params.get(LESSON_FIELD.param);
  const lessonStep = lessonText === null ? undefined : LESSON_FIELD.parse(lessonText, '');
  const ignored = [...dataset.ignored, ...hyper.ignored, ...(lessonText !== null && lessonStep === undefined ? [LESSON_FIELD.param] : [])];
  if (ignored.length > 0) problems.push({ code: 'ignoredFields', values: { names: ignored.join(', ') } });
  let spec = defaults.spec;
  const payload = params.get('m');
  if (payload !== null) {
    const decoded = decodeSpec(payload);
    if (decoded.ok) spec = decoded.value;
    else problems.push(decoded.problem);
  }
  return { experiment: { spec, hyper: hyper.values, ...dataset.values, ...(lessonStep ? { lessonStep } : {}) }, problems };
}

// The view in the link (presenter mode, open panel, selected block), so a prepared link opens exactly the
// view an instructor wants to show. Written only when not the default: a plain experiment link stays as it was.
export interface LinkView {
  readonly presenter: boolean;
  readonly panel: string | null;
  readonly block: string | null;
}

const VIEW_ID = z.string().max(64).regex(/^[A-Za-z0-9_.-]+$/);
const VIEW_FIELDS = { presenter: 'pm', panel: 'panel', block: 'block' } as const;

/** `&pm=1&panel=maps&block=conv1`, or '' for the default view (no panel, nothing selected, not presenting). */
export function encodeView(view: LinkView): string {
  const pairs: string[] = [];
  if (view.presenter) pairs.push(`${VIEW_FIELDS.presenter}=1`);
  if (view.panel !== null) pairs.push(`${VIEW_FIELDS.panel}=${encodeValue(view.panel)}`);
  if (view.block !== null) pairs.push(`${VIEW_FIELDS.block}=${encodeValue(view.block)}`);
  return pairs.map((p) => `&${p}`).join('');
}

/** Reads the view from a fragment; a malformed field reads as absent. Never throws. */
export function decodeView(fragment: string): LinkView {
  const params = new URLSearchParams(fragment.startsWith('#') ? fragment.slice(1) : fragment);
  const id = (param: string) => {
    const raw = params.get(param);
    return raw !== null && VIEW_ID.safeParse(raw).success ? raw : null;
  };
  return { presenter: params.get(VIEW_FIELDS.presenter) === '1', panel: id(VIEW_FIELDS.panel), block: id(VIEW_FIELDS.block) };
}
