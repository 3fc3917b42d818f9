// The model core's per-block costs and text summary, in the shape the summary panel shows them. Kept in
// one place so the panel does not depend on how the core spells them.
import type { ModelAnalysis } from '../model/analysis';
import { measureModel, type ModelCost } from '../model/cost';
import type { DataShape, ModelSpec } from '../model/spec';
import { formatSummary } from '../model/summary';

export interface BlockCosts {
  /** Multiply-adds for one example. */
  readonly multiplyAdds: number | null;
  /** Bytes of this block's output for one example (float32). */
  readonly activationBytes: number | null;
  /** Input pixels one output value depends on, [height, width]; null without a spatial input. */
  readonly receptiveField: readonly [number, number] | null;
  /** True when the receptive field covers the whole input image. */
  readonly wholeInput: boolean;
}

export interface PanelCosts {
  readonly blocks: ReadonlyMap<string, BlockCosts>;
  readonly totals: { readonly multiplyAdds: number; readonly activationBytes: number };
  readonly model: ModelCost;
}

/** Costs by block id; blocks the analysis could not compute get nulls, not zeros. */
export function panelCosts(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape): PanelCosts {
  const model = measureModel(spec, analysis, data);
  const computed = new Set(analysis.blocks.filter((b) => b.outputShape !== null).map((b) => b.id));
  const blocks = new Map<string, BlockCosts>();
  for (const b of model.blocks) {
    const known = computed.has(b.id);
    blocks.set(b.id, {
      multiplyAdds: known ? b.macs : null,
      activationBytes: known ? b.bytes : null,
      receptiveField: b.receptiveField?.size ?? null,
      wholeInput: b.receptiveField?.wholeInput ?? false,
    });
  }
  return { blocks, totals: { multiplyAdds: model.totals.macs, activationBytes: model.totals.activationBytes }, model };
}

/** The Keras-style summary as text; with costs, a multiply-adds column too. */
export function summaryText(spec: ModelSpec, analysis: ModelAnalysis, cost: ModelCost | null): string {
  return formatSummary(spec, analysis, cost === null ? {} : { cost });
}
