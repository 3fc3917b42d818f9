// Building blocks of the lessons' checks: pure functions over the app's state and the results of runs.
import type { BlockSpec, ModelSpec, Shape } from '../model/spec';
import type { CheckContext, GradientReading, LessonAppState } from './types';

export const blockOf = (spec: ModelSpec, id: string): BlockSpec | undefined => spec.blocks.find((b) => b.id === id);

export const outputShapeOf = (state: LessonAppState, id: string): Shape | null =>
  state.analysis.blocks.find((b) => b.id === id)?.outputShape ?? null;

export const paramsOf = (state: LessonAppState, id: string): number | null => {
  const b = state.analysis.blocks.find((x) => x.id === id);
  return b ? b.params.trainable + b.params.nonTrainable : null;
};

export const countKind = (spec: ModelSpec, kind: BlockSpec['kind']): number => spec.blocks.filter((b) => b.kind === kind).length;

/** The student brought this side panel of the workspace to the front (panels.ts id) while the step was open. */
export const openedPanel = (ctx: CheckContext, panel: string): boolean =>
  ctx.results.panelsOpened.includes(panel) || ctx.state.panel === panel;

/** A run ended normally and reported at least one epoch. */
export const runFinished = (state: LessonAppState): boolean => state.phase === 'done' && state.epochs.length > 0;

export const finalTestAccuracy = (state: LessonAppState): number | null => state.epochs.at(-1)?.testAccuracy ?? null;

/** Key-order-free equality of plain data (specs written by hand and by the editor differ in key order). */
export function sameData(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([k, v]) => v !== undefined && k !== 'layout').sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The latest run was trained on this network (layout aside). */
export const ranSpec = (ctx: CheckContext, spec: ModelSpec): boolean =>
  ctx.results.run !== null && sameData(ctx.results.run.spec, spec);

/** First weighted layer's gradient norm over the last one's; null without a reading. */
export function firstToLastGradient(g: GradientReading | null): number | null {
  if (!g || g.gradNorm.length < 2) return null;
  const first = g.gradNorm[0] as number;
  const last = g.gradNorm.at(-1) as number;
  return last > 0 && Number.isFinite(first) ? first / last : null;
}

/** Activation functions used by a network's dense and conv blocks (fused) and activation blocks. */
export function activationsOf(spec: ModelSpec): string[] {
  return spec.blocks.flatMap((b) => {
    if (b.kind === 'activation') return [b.fn];
    if ((b.kind === 'dense' || b.kind === 'conv2d') && b.activation && b.activation !== 'linear') return [b.activation];
    return [];
  });
}
