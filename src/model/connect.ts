// Connection rules for the graph editor (xyflow's isValidConnection): may an edge go from one block to
// another? Structural rules first (no loops, nothing into the input, nothing after the output, one input
// for single-input blocks), then the shapes: the edge is tried on a copy of the spec and refused when it
// makes the target block wrong (add of two shapes, dense on an image, concat of mismatched images ...).
import { analyzeModel } from './analyze';
import { blocksById, isInputKind, isOutputKind, MERGE_KINDS, specBlocks } from './graph';
import type { IssueCode } from './issues';
import type { BlockSpec, DataShape, ModelSpec } from './spec';

/** Reasons only the editor meets; each has a sentence under connect.<code> in the 'model' namespace. */
export const CONNECT_CODES = [
  'sameBlock', 'unknownBlock', 'intoInput', 'fromOutput', 'alreadyConnected', 'targetFull', 'cycle',
] as const;
export type ConnectCode = (typeof CONNECT_CODES)[number];

/** Shape problems an edge can cause in its target; their sentences are the issue.<code> ones. */
export const CONNECT_ISSUE_CODES: readonly IssueCode[] = [
  'addShapeMismatch', 'concatMismatch', 'denseNeedsFlatten', 'needsSpatialInput', 'kernelTooLarge', 'tooLarge',
  'tooManyParams',
];

export type ConnectResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: ConnectCode | IssueCode; readonly values: Readonly<Record<string, number | string>> };

const OK: ConnectResult = { ok: true };
const refuse = (code: ConnectCode | IssueCode, values: Record<string, number | string> = {}): ConnectResult =>
  ({ ok: false, code, values });

/** The i18n key of a refusal's sentence in the 'model' namespace. */
export function connectMessageKey(code: ConnectCode | IssueCode): string {
  return (CONNECT_CODES as readonly string[]).includes(code) ? `connect.${code}` : `issue.${code}`;
}

export function canConnect(spec: ModelSpec, data: DataShape, fromId: string, toId: string): ConnectResult {
  const blocks = blocksById(spec);
  const from = blocks.get(fromId);
  const to = blocks.get(toId);
  if (from === undefined) return refuse('unknownBlock', { id: fromId });
  if (to === undefined) return refuse('unknownBlock', { id: toId });
  if (fromId === toId) return refuse('sameBlock');
  if (isInputKind(to.kind)) return refuse('intoInput');
  if (isOutputKind(from.kind)) return refuse('fromOutput');
  if (to.inputs.includes(fromId)) return refuse('alreadyConnected');
  if (!MERGE_KINDS.has(to.kind) && to.inputs.length > 0) return refuse('targetFull');
  if (reaches(blocks, toId, fromId)) return refuse('cycle');
  return shapeCheck(spec, data, to, fromId);
}

/** Is `target` downstream of `start` (would an edge target -> start close a loop)? */
function reaches(blocks: ReadonlyMap<string, BlockSpec>, start: string, target: string): boolean {
  const consumers = new Map<string, string[]>();
  for (const b of blocks.values()) for (const i of b.inputs) consumers.set(i, [...(consumers.get(i) ?? []), b.id]);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(consumers.get(id) ?? []));
  }
  return false;
}

/**
 * Tries the edge and looks only at the target block: other problems of a half-built network (no output
 * yet, dead ends) are not this edge's fault. When the source has no shape yet nothing can be judged, and
 * the edge is allowed; the analysis will speak once it can.
 */
function shapeCheck(spec: ModelSpec, data: DataShape, to: BlockSpec, fromId: string): ConnectResult {
  const tried: ModelSpec = {
    ...spec,
    blocks: specBlocks(spec).map((b) => (b.id === to.id ? { ...b, inputs: [...b.inputs, fromId] } : b)),
  };
  const analysis = analyzeModel(tried, data);
  const problem = analysis.issues.find(
    (i) => i.blockId === to.id && i.severity === 'error' && CONNECT_ISSUE_CODES.includes(i.code as IssueCode),
  );
  return problem === undefined ? OK : refuse(problem.code as IssueCode, { ...problem.values });
}
