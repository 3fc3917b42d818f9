// Checks and measures a ModelSpec: the graph rules first, then shapes and parameters block by block in
// topological order. A block whose input has no shape gets none either, silently: only the block that
// causes a problem carries the issue, so one mistake reads as one message, not a cascade.
import { lrMultiplierOf } from './blockTraining';
import type { BlockAnalysis, ModelAnalysis, ModelIssue } from './analysis';
import { blockModuleOf } from '../blocks/registry';
import { hasBiasSwitch } from './blockFields';
import { buildGraph, isInputKind, type Graph } from './graph';
import { makeIssue } from './issues';
import { inferBlock, type BlockResult } from './shapes';
import type { DataShape, ModelSpec, Shape } from './spec';

export { ISSUE_CODES, ISSUE_VALUE_KEYS, SIZE_LIMIT, type IssueCode } from './issues';

const NOTHING: BlockResult = {
  shape: null, params: { trainable: 0, nonTrainable: 0 }, arithmetic: [], issues: [], shapeFormula: null, paramsFormula: null,
};

export function analyzeModel(spec: ModelSpec, data: DataShape): ModelAnalysis {
  const graph = buildGraph(spec);
  const shapes = new Map<string, Shape | null>();
  const blocks: BlockAnalysis[] = [];
  const issues: ModelIssue[] = [...graph.issues];
  let trainable = 0;
  let nonTrainable = 0;
  for (const id of graph.order) {
    const node = graph.nodes.get(id);
    // Blocks of an unknown kind have been reported; there is nothing to measure in them.
    if (node === undefined || !node.known) continue;
    const { block } = node;
    const inputs = node.inputs.map((source) => shapes.get(source) ?? null);
    const ready = inputs.every((s): s is Shape => s !== null);
    const computable = !graph.broken.has(id) && (isInputKind(block.kind) || (inputs.length > 0 && ready));
    const result = computable ? inferBlock(block, inputs as Shape[], data) : NOTHING;
    shapes.set(id, result.shape);
    issues.push(...result.issues);
    // A frozen block's weights are not trained (blockTraining.ts), as tfjs counts them too.
    const params = lrMultiplierOf(spec, id) === 0
      ? { trainable: 0, nonTrainable: result.params.trainable + result.params.nonTrainable } : result.params;
    trainable += params.trainable;
    nonTrainable += params.nonTrainable;
    blocks.push({
      id,
      kind: block.kind,
      outputShape: result.shape,
      params,
      arithmetic: result.arithmetic,
      shapeFormula: result.shapeFormula,
      paramsFormula: result.paramsFormula,
    });
  }
  issues.push(...biasBeforeBatchNorm(graph));
  return {
    blocks,
    issues,
    totals: { trainable, nonTrainable },
    valid: issues.every((i) => i.severity !== 'error'),
    outputShape: graph.outputId === null ? null : (shapes.get(graph.outputId) ?? null),
  };
}

/**
 * A bias right before batch norm is wasted: batch norm subtracts the mean, bias included, and its beta
 * adds the shift back (why torchvision's ResNets have none). A warning on the conv / dense block.
 */
/** From this many blocks on, the bias warning is one line for all of them. */
const BIAS_WARNINGS_EACH = 3;

function biasBeforeBatchNorm(graph: Graph): ModelIssue[] {
  const found: ModelIssue[] = [];
  for (const node of graph.nodes.values()) {
    const { block } = node;
    if (!hasBiasSwitch(block.kind) || (block as { useBias?: unknown }).useBias === false) continue;
    const feedsNorm = node.consumers.some((c) => blockModuleOf(graph.nodes.get(c)?.block.kind)?.cancelsBias === true);
    if (feedsNorm) found.push(makeIssue('biasBeforeBatchNorm', node.id, {}, 'warning'));
  }
  // A network built that way on purpose (Keras's ResNet-50 has these biases) is told once, not on every block.
  if (found.length < BIAS_WARNINGS_EACH) return found;
  const ids = found.map((i) => i.blockId as string);
  const blocks = ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')}, …`;
  return [makeIssue('biasBeforeBatchNormMany', ids[0] ?? null, { count: ids.length, blocks }, 'warning')];
}
