// The weights a network must have, by name and shape, worked out from the spec alone (pure): what a
// project file's or the worker's weights are checked against before anything is loaded. Names and order
// follow TensorFlow.js (buildModel.ts): "<block id>/kernel" then "/bias"; batch norm's gamma, beta,
// moving_mean, moving_variance: each kind's module says which it owns.
import { blockModuleOf } from '../blocks/registry';
import type { ModelAnalysis } from '../model/analysis';
import type { BlockSpec, DataShape, ModelSpec, Shape } from '../model/spec';

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

function blockWeights(block: BlockSpec, input: Shape, data: DataShape): WeightSpec[] {
  const parts = blockModuleOf(block.kind)?.weights?.(block, input, data) ?? [];
  return parts.map((w) => ({ name: `${block.id}/${w.part}`, shape: [...w.shape] }));
}

/** In the analysis' topological order (the order tfjs lists a functional model's weights in may differ: compare by name). */
export function expectedWeights(spec: ModelSpec, analysis: ModelAnalysis, numClasses: number): WeightSpec[] {
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const shapes = new Map(analysis.blocks.map((b) => [b.id, b.outputShape]));
  // Weights depend on the input block's output and the number of classes (the output head).
  const inputBlock = analysis.blocks.find((b) => blockModuleOf(b.kind)?.role === 'input');
  const data: DataShape = { inputShape: inputBlock?.outputShape ?? [], numClasses };
  const out: WeightSpec[] = [];
  for (const a of analysis.blocks) {
    const block = specs.get(a.id);
    if (block === undefined || block.inputs.length === 0) continue;
    const input = shapes.get(block.inputs[0] as string);
    if (input === null || input === undefined) continue;
    out.push(...blockWeights(block, input, data));
  }
  return out;
}

/** The first way `actual` differs from what the network needs, or null when every name and shape agrees. */
export function weightsMismatch(expected: readonly WeightSpec[], actual: readonly WeightSpec[]): string | null {
  const byName = new Map(actual.map((w) => [w.name, w]));
  if (byName.size !== actual.length) return 'a weight name appears twice';
  for (const e of expected) {
    const a = byName.get(e.name);
    if (a === undefined) return `${e.name} is missing`;
    if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i])) {
      return `${e.name} has shape [${a.shape.join(', ')}], the network needs [${e.shape.join(', ')}]`;
    }
  }
  if (actual.length > expected.length) {
    const known = new Set(expected.map((e) => e.name));
    const extra = actual.find((a) => !known.has(a.name));
    return `${String(extra?.name).slice(0, 60)} belongs to no block of the network`;
  }
  return null;
}
