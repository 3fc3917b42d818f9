// A saved project's trained network as the backbone of a new one (cs231n lecture 6, transfer learning): its
// blocks up to a chosen one, with their trained weights, and a new head for the current dataset's classes.
// Pure: the Projects panel shows the problem of a bad choice in words, and the run starts from `weights`.
import { blockModuleOf } from '../blocks/registry';
import type { WeightList } from '../codegen/weights';
import { analyzeModel } from '../model/analyze';
import { withBlockTraining } from '../model/blockTraining';
import { shapeKind, type BlockSpec, type DataShape, type ModelSpec, type Shape } from '../model/spec';
import { expectedWeights, weightsMismatch } from './expectedWeights';
import type { Project } from './types';

/** 'probe': the backbone frozen, only the new head trains (a linear probe); 'finetune': every block trains. */
export type BackboneMode = 'probe' | 'finetune';

export const BACKBONE_PROBLEMS = {
  noWeights: [],
  badCut: ['block'],
  inputMismatch: ['saved', 'current'],
  doesNotFit: ['block', 'detail'],
  weightsMismatch: ['detail'],
} as const satisfies Record<string, readonly string[]>;

export type BackboneProblemCode = keyof typeof BACKBONE_PROBLEMS;

export interface BackboneProblem {
  readonly code: BackboneProblemCode;
  readonly values: Readonly<Record<string, string>>;
}

export interface Backbone {
  readonly spec: ModelSpec;
  /** The saved weights of the kept blocks: the run starts from these (the head starts fresh). */
  readonly weights: WeightList;
  readonly headIds: readonly string[];
}

export type BackboneResult = { readonly ok: true; readonly value: Backbone } | { readonly ok: false; readonly problem: BackboneProblem };

const refuse = (code: BackboneProblemCode, values: Record<string, string> = {}): BackboneResult => ({ ok: false, problem: { code, values } });
const shapeText = (shape: Shape | null | undefined) => (shape ? shape.join('×') : '?');

/** The blocks a cut can be made after: every block of the saved network but its input and its output. */
export function cutCandidates(spec: ModelSpec): string[] {
  return spec.blocks.filter((b) => {
    const role = blockModuleOf(b.kind)?.role;
    return role !== 'input' && role !== 'output';
  }).map((b) => b.id);
}

/** `cut` and every block it reads from, directly or not. */
function upstreamOf(spec: ModelSpec, cut: string): Set<string> {
  const byId = new Map(spec.blocks.map((b) => [b.id, b]));
  const kept = new Set<string>();
  const visit = (id: string) => {
    if (kept.has(id)) return;
    kept.add(id);
    for (const source of byId.get(id)?.inputs ?? []) visit(source);
  };
  visit(cut);
  return kept;
}

/** A new id with this prefix that the spec does not use yet. */
function freshId(taken: ReadonlySet<string>, prefix: string): string {
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The new head after the cut: image features are flattened, token sequences averaged, then a softmax. */
function headFor(cut: string, cutShape: Shape, taken: ReadonlySet<string>): BlockSpec[] {
  const out = freshId(taken, 'head');
  const kind = shapeKind(cutShape);
  if (kind === 'vector') return [{ id: out, kind: 'softmax', inputs: [cut] }];
  const mid = freshId(new Set([...taken, out]), kind === 'image' ? 'headflat' : 'headpool');
  const first: BlockSpec = kind === 'image' ? { id: mid, kind: 'flatten', inputs: [cut] } : { id: mid, kind: 'tokenpool', inputs: [cut], pool: 'mean' };
  return [first, { id: out, kind: 'softmax', inputs: [mid] }];
}

export function makeBackbone(project: Project, cut: string, target: DataShape, mode: BackboneMode): BackboneResult {
  const saved = project.experiment.spec;
  if (project.weights === null) return refuse('noWeights');
  if (!cutCandidates(saved).includes(cut)) return refuse('badCut', { block: cut.slice(0, 64) });
  const savedInput = project.dataShape.inputShape;
  if (savedInput.length !== target.inputShape.length || savedInput.some((d, i) => d !== target.inputShape[i])) {
    return refuse('inputMismatch', { saved: shapeText(savedInput), current: shapeText(target.inputShape) });
  }
  const kept = upstreamOf(saved, cut);
  const body = saved.blocks.filter((b) => kept.has(b.id));
  const cutShape = analyzeModel(saved, project.dataShape).blocks.find((b) => b.id === cut)?.outputShape ?? null;
  if (cutShape === null) return refuse('doesNotFit', { block: cut, detail: 'no output shape' });
  const head = headFor(cut, cutShape, new Set(saved.blocks.map((b) => b.id)));
  const layout = saved.layout ? Object.fromEntries(Object.entries(saved.layout).filter(([id]) => kept.has(id))) : undefined;
  let spec: ModelSpec = { blocks: [...body, ...head], ...(layout ? { layout } : {}) };
  const analysis = analyzeModel(spec, target);
  const error = analysis.issues.find((i) => i.severity === 'error');
  if (error) return refuse('doesNotFit', { block: error.blockId ?? cut, detail: error.code });
  const headIds = new Set(head.map((b) => b.id));
  const needed = expectedWeights(spec, analysis, target.numClasses).filter((w) => !headIds.has(w.name.slice(0, w.name.lastIndexOf('/'))));
  const names = new Set(needed.map((w) => w.name));
  const weights = project.weights.filter((w) => names.has(w.name));
  const mismatch = weightsMismatch(needed, weights);
  if (mismatch !== null) return refuse('weightsMismatch', { detail: mismatch.slice(0, 120) });
  for (const block of body) {
    const ownsWeights = needed.some((w) => w.name.startsWith(`${block.id}/`));
    // Training modes the saved network had are its own; the new one decides afresh.
    spec = withBlockTraining(spec, block.id, mode === 'probe' && ownsWeights ? { mode: 'frozen' } : { mode: 'trainable' });
  }
  return { ok: true, value: { spec, weights, headIds: [...headIds] } };
}

/**
 * The starting weights that still fit the network being trained (the student may have edited it since):
 * those whose block is still there with the same name and shape. The rest start fresh.
 */
export function fittingWeights(weights: WeightList, spec: ModelSpec, data: DataShape): WeightList {
  const analysis = analyzeModel(spec, data);
  if (!analysis.valid) return [];
  const expected = new Map(expectedWeights(spec, analysis, data.numClasses).map((w) => [w.name, w.shape]));
  return weights.filter((w) => {
    const shape = expected.get(w.name);
    return shape !== undefined && shape.length === w.shape.length && shape.every((d, i) => d === w.shape[i]);
  });
}
