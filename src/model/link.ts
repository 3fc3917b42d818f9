// The network in a shareable link: ModelSpec -> JSON -> raw deflate -> base64url, and back with every
// step bounded and checked, because a link is text anyone can edit. Decoding never evaluates anything: it
// is base64 -> bounded inflate -> JSON.parse (rejecting __proto__) -> a zod schema per block kind. The
// schema only checks that the network is well formed (kinds, types, sane bounds); whether it makes sense
// (shapes, wiring) is analyzeModel's job, so a well-formed but broken network still opens with its issues.
import { deflateSync, inflateSync } from 'fflate';
import { z } from 'zod';
import './zodConfig';
import { BLOCK_MODULES, REGISTERED_KINDS } from '../blocks/registry';
import { id, ID_LENGTH, INPUTS_PER_BLOCK } from '../blocks/common/schema';
import type { ModelSpec } from './spec';
import { blockTrainingSchema } from './blockTraining';

/** The link format's version; a link written by another version is refused with a message, not guessed at. */
export const LINK_VERSION = 1;

export const LINK_LIMITS = {
  /** base64url characters of the network payload (about 12 KB deflated; 256 placed blocks take ~6,000). */
  payloadChars: 16_384,
  /** JSON bytes after inflating: the zip-bomb guard (inflating stops here, whatever the stream says). */
  jsonBytes: 131_072,
  blocks: 256,
  inputsPerBlock: INPUTS_PER_BLOCK,
  idLength: ID_LENGTH,
} as const;

/**
 * What can be wrong with a link, with the values each code carries (the placeholders its sentences in the
 * i18n 'link' namespace may use, under problem.<code>).
 */
export const LINK_PROBLEM_VALUES = {
  unknownVersion: ['version'],
  badEncoding: [],
  tooLong: ['length', 'limit'],
  badDeflate: [],
  tooLarge: ['limit'],
  badJson: [],
  forbiddenKey: ['key'],
  unknownKind: ['kind'],
  badSpec: ['where'],
  /** Readable fields (learning rate, dataset, ...) that had no valid value and took their default. */
  ignoredFields: ['names'],
  /** A link pasted while a run uses the network: it is not opened. */
  busy: [],
  /** The experiment used the user's own images, which neither a link nor a reload carries: MNIST instead. */
  customData: [],
} as const satisfies Record<string, readonly string[]>;

export type LinkProblemCode = keyof typeof LINK_PROBLEM_VALUES;

/** What was wrong with a link, as a code and values; the i18n 'link' namespace has one sentence per code. */
export interface LinkProblem {
  readonly code: LinkProblemCode;
  readonly values: Readonly<Record<string, string | number>>;
}

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: LinkProblem };

const problem = (code: LinkProblemCode, values: Record<string, string | number> = {}): Decoded<never> =>
  ({ ok: false, problem: { code, values } });

// ---- schema: one strict object per block kind (each kind's module has its own), so unknown kinds and
// unknown fields are refused ----

const blockSchema = z.discriminatedUnion('kind', BLOCK_MODULES.map((m) => m.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);

const coordinate = z.number().min(-1e6).max(1e6);

export const modelSpecSchema = z.strictObject({
  blocks: z.array(blockSchema).min(1).max(LINK_LIMITS.blocks),
  layout: z.record(id, z.strictObject({ x: coordinate, y: coordinate })).optional(),
  training: blockTrainingSchema.optional(),
});

export const KNOWN_KINDS: ReadonlySet<string> = new Set(REGISTERED_KINDS);

// ---- bytes <-> base64url ----

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  // A length of 4n+1 cannot come from any byte string.
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null; // a stricter atob than the spec's forgiving one: still just a bad link
  }
}

// ---- encode / decode ----

/**
 * The network as a compact, URL-safe string. Canvas positions are kept to the whole pixel: full float
 * precision would double the length of a link for no visible difference.
 */
export function encodeSpec(spec: ModelSpec): string {
  const layout = spec.layout === undefined ? undefined : Object.fromEntries(
    Object.entries(spec.layout).map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
  const training = spec.training && Object.keys(spec.training).length > 0 ? { training: spec.training } : {};
  const json = JSON.stringify(layout === undefined ? { blocks: spec.blocks, ...training } : { blocks: spec.blocks, layout, ...training });
  return toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 }));
}

/** A network from a link's payload, or the first thing wrong with it. Never throws. */
export function decodeSpec(payload: string): Decoded<ModelSpec> {
  if (payload.length > LINK_LIMITS.payloadChars) {
    return problem('tooLong', { length: payload.length, limit: LINK_LIMITS.payloadChars });
  }
  const bytes = fromBase64Url(payload);
  if (bytes === null || bytes.length === 0) return problem('badEncoding');
  const json = inflateBounded(bytes);
  if (!json.ok) return json;
  const raw = parseJson(json.value);
  if (!raw.ok) return raw;
  return validateSpec(raw.value);
}

function inflateBounded(bytes: Uint8Array): Decoded<string> {
  // A fixed output buffer one byte larger than allowed: fflate never grows a buffer it was given, so a
  // zip bomb fills it and stops growing; a full buffer means the stream was too large.
  const out = new Uint8Array(LINK_LIMITS.jsonBytes + 1);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(bytes, { out });
  } catch {
    return problem('badDeflate');
  }
  if (inflated.length > LINK_LIMITS.jsonBytes) return problem('tooLarge', { limit: LINK_LIMITS.jsonBytes });
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return problem('badJson');
  }
}

class ForbiddenKey extends Error {}

function parseJson(text: string): Decoded<unknown> {
  try {
    // JSON.parse makes __proto__ an own property (harmless by itself), but no spec has one and code that
    // copies objects with assignment would turn it into a prototype: refuse it outright.
    return {
      ok: true,
      value: JSON.parse(text, (key, value: unknown) => {
        if (key === '__proto__') throw new ForbiddenKey();
        return value;
      }),
    };
  } catch (err) {
    return err instanceof ForbiddenKey ? problem('forbiddenKey', { key: '__proto__' }) : problem('badJson');
  }
}

/** Bounded, printable text of an untrusted value for a message. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Checks parsed JSON against the schema; exported for tests and for specs from other sources (files). */
export function validateSpec(raw: unknown): Decoded<ModelSpec> {
  const blocks: unknown = (raw as { blocks?: unknown } | null)?.blocks;
  // An unknown kind gets its own message naming it, before zod's generic "no matching kind".
  if (Array.isArray(blocks)) {
    for (const block of blocks.slice(0, LINK_LIMITS.blocks)) {
      const kind: unknown = (block as { kind?: unknown } | null)?.kind;
      if (typeof kind === 'string' && !KNOWN_KINDS.has(kind)) return problem('unknownKind', { kind: shown(kind) });
    }
  }
  const result = modelSpecSchema.safeParse(raw);
  // Each module's schema accepts exactly its own kind's block (the table test holds them together).
  if (result.success) return { ok: true, value: result.data as unknown as ModelSpec };
  const issue = result.error.issues[0];
  return problem('badSpec', { where: issue ? describePath(raw, issue.path) : '' });
}

/** "conv1.filters" when the offending block has a usable id, else "blocks[3].filters". */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const [head, index, ...rest] = path;
  if (head === 'blocks' && typeof index === 'number') {
    const blockId: unknown = ((raw as { blocks: unknown[] }).blocks[index] as { id?: unknown } | null)?.id;
    const name = typeof blockId === 'string' && /^[-\w.]{1,64}$/.test(blockId) ? blockId : `blocks[${index}]`;
    return shown([name, ...rest.map(String)].join('.'));
  }
  return shown(path.map(String).join('.'));
}
