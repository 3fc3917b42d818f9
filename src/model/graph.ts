// The network as a graph: ids, edges, topological order (Kahn), cycles and the structural rules
// (one input block, one softmax output at the end, every block connected). Reads the spec defensively:
// it may come from a link or a file, so anything that is not what the types promise becomes an issue.
import type { ModelIssue } from './analysis';
import type { BlockKind, BlockSpec, ModelSpec } from './spec';
import { describeValue, makeIssue, type IssueCode } from './issues';
import { BLOCK_MODULES, blockModuleOf, REGISTERED_KINDS } from '../blocks/registry';

export const BLOCK_KINDS: readonly BlockKind[] = REGISTERED_KINDS;

/** Kinds that merge two or more inputs; every other kind but `input` reads exactly one. */
export const MERGE_KINDS: ReadonlySet<BlockKind> = new Set(BLOCK_MODULES.filter((m) => m.arity === 'many').map((m) => m.kind));

/** The network's input block (reads the dataset) and its output head (ends the network), by role. */
export const isInputKind = (kind: unknown): boolean => blockModuleOf(kind)?.role === 'input';
export const isOutputKind = (kind: unknown): boolean => blockModuleOf(kind)?.role === 'output';

/** Ids become tfjs layer and weight names, which allow only these characters (and appear in links). */
const ID_PATTERN = /^[A-Za-z0-9][-A-Za-z0-9_.]{0,63}$/;

export interface GraphNode {
  readonly id: string;
  readonly block: BlockSpec;
  /** False for a block whose kind is not one of BLOCK_KINDS: it stays in the graph but gets no analysis. */
  readonly known: boolean;
  /** The `inputs` entries exactly as given (may hold garbage); counted by the input-count rules. */
  readonly rawInputs: readonly unknown[];
  /** Ids of existing blocks this one reads from (the edges). */
  readonly inputs: string[];
  readonly consumers: string[];
}

export interface Graph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Topological order, ties broken by spec order; blocks on or after a cycle follow in spec order. */
  readonly order: readonly string[];
  readonly issues: readonly ModelIssue[];
  /** Blocks with a structural problem of their own: no shape is computed for them or after them. */
  readonly broken: ReadonlySet<string>;
  /** The softmax block that ends the network, when there is one. */
  readonly outputId: string | null;
}

interface Findings {
  readonly issues: ModelIssue[];
  readonly broken: Set<string>;
}

function flag(f: Findings, code: IssueCode, blockId: string | null, values: Record<string, number | string> = {}) {
  f.issues.push(makeIssue(code, blockId, values));
  // A dead end is still measured: its shape is what the student needs to wire it onwards.
  if (blockId !== null && code !== 'deadEnd') f.broken.add(blockId);
}

/**
 * The spec's blocks that are objects with a string id, in spec order: what the helpers beside the
 * analysis (cost, summary, connection rules) may read without tripping over a garbage spec.
 */
export function specBlocks(spec: ModelSpec): BlockSpec[] {
  const raw: unknown = (spec as unknown as { blocks?: unknown } | null)?.blocks;
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).filter((b): b is BlockSpec =>
    typeof b === 'object' && b !== null && typeof (b as { id?: unknown }).id === 'string'
    && Array.isArray((b as { inputs?: unknown }).inputs));
}

/** specBlocks by id; the first of duplicates wins, as in the analysis. */
export function blocksById(spec: ModelSpec): Map<string, BlockSpec> {
  const map = new Map<string, BlockSpec>();
  for (const b of specBlocks(spec)) if (!map.has(b.id)) map.set(b.id, b);
  return map;
}

export function buildGraph(spec: ModelSpec): Graph {
  const f: Findings = { issues: [], broken: new Set() };
  const nodes = collectNodes(spec, f);
  linkNodes(nodes, f);
  const { order, leftover } = topologicalOrder(nodes);
  for (const id of cycleMembers(nodes, leftover)) flag(f, 'cycle', id);
  checkInputBlocks(nodes, f);
  const outputId = checkOutputs(nodes, f);
  checkConnections(nodes, f, [...nodes.values()].some((n) => isOutputKind(n.block.kind)));
  return { nodes, order: [...order, ...leftover], issues: f.issues, broken: f.broken, outputId };
}

function collectNodes(spec: ModelSpec, f: Findings): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  const raw: unknown = (spec as unknown as { blocks?: unknown } | null)?.blocks;
  for (const entry of Array.isArray(raw) ? (raw as unknown[]) : []) {
    const block = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const id = block.id;
    if (typeof id !== 'string' || id === '') {
      // Nothing can refer to a block without an id, so it is reported and left out of the graph.
      flag(f, 'invalidValue', null, { field: 'id', value: describeValue(id) });
      continue;
    }
    if (nodes.has(id)) {
      flag(f, 'duplicateId', id, { id });
      continue;
    }
    const known = BLOCK_KINDS.includes(block.kind as BlockKind);
    const rawInputs = Array.isArray(block.inputs) ? (block.inputs as unknown[]) : [];
    nodes.set(id, { id, block: block as unknown as BlockSpec, known, rawInputs, inputs: [], consumers: [] });
    if (!ID_PATTERN.test(id)) flag(f, 'invalidValue', id, { field: 'id', value: describeValue(id) });
    if (!known) flag(f, 'unknownKind', id, { kind: describeValue(block.kind) });
  }
  return nodes;
}

function linkNodes(nodes: Map<string, GraphNode>, f: Findings): void {
  for (const node of nodes.values()) {
    // An input block reads from the dataset; edges into it are reported (checkInputBlocks) and ignored.
    if (isInputKind(node.block.kind)) continue;
    for (const name of node.rawInputs) {
      const source = typeof name === 'string' ? nodes.get(name) : undefined;
      if (source === undefined) {
        flag(f, 'unknownInput', node.id, { input: describeValue(name) });
        continue;
      }
      node.inputs.push(source.id);
      source.consumers.push(node.id);
    }
  }
}

/** Kahn's algorithm; `leftover` holds the blocks never freed: those on a cycle and those after one. */
function topologicalOrder(nodes: ReadonlyMap<string, GraphNode>) {
  const indegree = new Map<string, number>();
  const queue: string[] = [];
  for (const node of nodes.values()) {
    indegree.set(node.id, node.inputs.length);
    if (node.inputs.length === 0) queue.push(node.id);
  }
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    order.push(id);
    for (const next of nodes.get(id)?.consumers ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const done = new Set(order);
  const leftover = [...nodes.keys()].filter((id) => !done.has(id));
  return { order, leftover };
}

/**
 * Of the leftover blocks, those that lie on a cycle: repeatedly drop leftovers that feed no other
 * leftover. What remains closes a loop; the dropped ones merely follow a loop and are not flagged.
 */
function cycleMembers(nodes: ReadonlyMap<string, GraphNode>, leftover: readonly string[]): string[] {
  const remaining = new Set(leftover);
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of remaining) {
      const feedsLeftover = (nodes.get(id)?.consumers ?? []).some((c) => remaining.has(c));
      if (!feedsLeftover) {
        remaining.delete(id);
        changed = true;
      }
    }
  }
  return leftover.filter((id) => remaining.has(id));
}

function checkInputBlocks(nodes: ReadonlyMap<string, GraphNode>, f: Findings): void {
  const inputBlocks = [...nodes.values()].filter((n) => isInputKind(n.block.kind));
  if (inputBlocks.length === 0) flag(f, 'noInputBlock', null);
  inputBlocks.forEach((node, index) => {
    if (index > 0) flag(f, 'multipleInputBlocks', node.id, { count: inputBlocks.length });
    if (node.rawInputs.length > 0) {
      flag(f, 'wrongInputCount', node.id, { expected: 0, actual: node.rawInputs.length });
    }
  });
}

/** The network must end in exactly one softmax block that nothing reads from; returns its id. */
function checkOutputs(nodes: ReadonlyMap<string, GraphNode>, f: Findings): string | null {
  const outputs = [...nodes.values()].filter((n) => isOutputKind(n.block.kind));
  if (outputs.length === 0) {
    flag(f, 'noOutput', null);
    return null;
  }
  // Named, so the student sees which block comes after it (not just that one does).
  for (const node of outputs) if (node.consumers.length > 0) flag(f, 'outputNotLast', node.id, { next: node.consumers.join(', ') });
  const sinks = outputs.filter((n) => n.consumers.length === 0);
  sinks.slice(1).forEach((node) => flag(f, 'multipleOutputs', node.id, { count: sinks.length }));
  return sinks[0]?.id ?? null;
}

/**
 * Every other block needs one input (merges two or more) and someone reading its output. A block with neither is simply
 * not connected (one issue, not two); a dead end is only reported once there is an output to lead to.
 */
function checkConnections(nodes: ReadonlyMap<string, GraphNode>, f: Findings, hasOutput: boolean): void {
  for (const node of nodes.values()) {
    const kind = node.block.kind;
    const input = isInputKind(kind);
    if (!node.known || input) {
      if (input && hasOutput && node.consumers.length === 0) flag(f, 'deadEnd', node.id);
      continue;
    }
    const count = node.rawInputs.length;
    if (count === 0) {
      flag(f, node.consumers.length === 0 ? 'unreachable' : 'missingInput', node.id);
      continue;
    }
    if (MERGE_KINDS.has(kind)) {
      if (count < 2) flag(f, 'tooFewInputs', node.id, { minimum: 2, actual: count });
    } else if (count > 1) {
      flag(f, 'wrongInputCount', node.id, { expected: 1, actual: count });
    }
    if (!isOutputKind(kind) && hasOutput && node.consumers.length === 0) flag(f, 'deadEnd', node.id);
  }
}
