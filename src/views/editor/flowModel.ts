// The canvas as xyflow sees it, derived from the spec and its analysis: the store's spec stays the one source
// of truth and xyflow only ever gets a fresh projection of it (plus measured sizes and drag positions that
// belong to the canvas while a gesture is under way).
import type { Edge, Node } from '@xyflow/react';
import type { BlockAnalysis, ModelAnalysis, ModelIssue } from '../../model/analysis';
import type { BlockCost, ModelCost } from '../../model/cost';
import type { BlockSpec, ModelSpec } from '../../model/spec';
import type { Layout } from '../../store/editOps';
import type { ConnectRefusal } from '../../store/modelSlice';

export interface BlockNodeData extends Record<string, unknown> {
  readonly block: BlockSpec;
  readonly info: BlockAnalysis | null;
  readonly issues: readonly ModelIssue[];
  readonly refusal: ConnectRefusal | null;
  /** Costs, only while the student asked to see them (they are computed on demand). */
  readonly cost: BlockCost | null;
  /** The block the keyboard connect flow starts from. */
  readonly connectSource: boolean;
}

export type BlockNode = Node<BlockNodeData, 'block'>;

export interface FlowInput {
  readonly spec: ModelSpec;
  readonly analysis: ModelAnalysis;
  readonly layout: Layout;
  readonly selection: readonly string[];
  readonly refusal: ConnectRefusal | null;
  readonly costs: ModelCost | null;
  readonly connectFrom: string | null;
  /** What a screen reader says for a block; the id when not given. */
  readonly label?: (block: BlockSpec, info: BlockAnalysis | null, issues: number) => string;
}

export function deriveNodes(input: FlowInput): BlockNode[] {
  const infos = new Map(input.analysis.blocks.map((b) => [b.id, b]));
  const selected = new Set(input.selection);
  const costs = new Map((input.costs?.blocks ?? []).map((c) => [c.id, c]));
  const seen = new Set<string>();
  const nodes: BlockNode[] = [];
  for (const block of input.spec.blocks) {
    if (typeof block?.id !== 'string') continue; // reported by the core; nothing to draw it by
    // A duplicated id is reported by the core; the canvas can show each id only once.
    if (seen.has(block.id)) continue;
    seen.add(block.id);
    const info = infos.get(block.id) ?? null;
    const issues = input.analysis.issues.filter((i) => i.blockId === block.id);
    nodes.push({
      id: block.id,
      type: 'block',
      position: input.layout[block.id] ?? { x: 0, y: 0 },
      selected: selected.has(block.id),
      ariaLabel: input.label ? input.label(block, info, issues.length) : block.id,
      data: {
        block,
        info,
        issues,
        refusal: input.refusal?.to === block.id ? input.refusal : null,
        cost: costs.get(block.id) ?? null,
        connectSource: input.connectFrom === block.id,
      },
    });
  }
  return nodes;
}

export const edgeId = (from: string, to: string) => `${from}->${to}`;

/** A spec may come from a link or a file: inputs that are not a list of ids draw no edges rather than crash. */
export const safeInputs = (block: BlockSpec): readonly string[] =>
  (Array.isArray(block.inputs) ? block.inputs.filter((i): i is string => typeof i === 'string') : []);

/** One edge per input; labelled with the shape that travels along it, so the data flow reads at a glance. */
export function deriveEdges(spec: ModelSpec, analysis: ModelAnalysis, selectedEdges: ReadonlySet<string>): Edge[] {
  const ids = new Set(spec.blocks.map((b) => b.id));
  const shapes = new Map(analysis.blocks.map((b) => [b.id, b.outputShape]));
  const edges: Edge[] = [];
  const seen = new Set<string>();
  for (const block of spec.blocks) {
    if (typeof block?.id !== 'string') continue;
    for (const from of safeInputs(block)) {
      const id = edgeId(from, block.id);
      if (!ids.has(from) || seen.has(id)) continue;
      seen.add(id);
      const shape = shapes.get(from);
      edges.push({
        id, source: from, target: block.id, selected: selectedEdges.has(id),
        label: shape ? shape.join('×') : undefined,
        ariaLabel: `${from} → ${block.id}`,
      });
    }
  }
  return edges;
}
