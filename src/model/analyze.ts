// Checks and measures a ModelSpec: the graph rules first, then shapes and parameters block by block in
// topological order. A block whose input has no shape gets none either, silently: only the block that
// causes a problem carries the issue, so one mistake reads as one message, not a cascade.
import type { BlockAnalysis, ModelAnalysis, ModelIssue } from './analysis';
import { buildGraph } from './graph';
import { inferBlock, type BlockResult } from './shapes';
import type { DataShape, ModelSpec, Shape } from './spec';

export { ISSUE_CODES, ISSUE_VALUE_KEYS, SIZE_LIMIT, type IssueCode } from './issues';

const NOTHING: BlockResult = { shape: null, params: 0, arithmetic: [], issues: [] };

export function analyzeModel(spec: ModelSpec, data: DataShape): ModelAnalysis {
  const graph = buildGraph(spec);
  const shapes = new Map<string, Shape | null>();
  const blocks: BlockAnalysis[] = [];
  const issues: ModelIssue[] = [...graph.issues];
  let trainable = 0;
  for (const id of graph.order) {
    const node = graph.nodes.get(id);
    // Blocks of an unknown kind have been reported; there is nothing to measure in them.
    if (node === undefined || !node.known) continue;
    const { block } = node;
    const source = node.inputs.length === 1 ? node.inputs[0] : undefined;
    const input = source === undefined ? null : (shapes.get(source) ?? null);
    const computable = !graph.broken.has(id) && (block.kind === 'input' || input !== null);
    const result = computable ? inferBlock(block, input, data) : NOTHING;
    shapes.set(id, result.shape);
    issues.push(...result.issues);
    trainable += result.params;
    blocks.push({
      id,
      kind: block.kind,
      outputShape: result.shape,
      params: { trainable: result.params, nonTrainable: 0 },
      arithmetic: result.arithmetic,
    });
  }
  return {
    blocks,
    issues,
    totals: { trainable, nonTrainable: 0 },
    valid: issues.every((i) => i.severity !== 'error'),
    outputShape: graph.outputId === null ? null : (shapes.get(graph.outputId) ?? null),
  };
}
