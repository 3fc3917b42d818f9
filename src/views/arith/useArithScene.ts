// Which window the arithmetic view shows: a conv / pool block of the current network (its own numbers from
// the model analysis), or the free-play values. Pure derivations from the store, memoised.
import { useMemo } from 'react';
import type { AxisArithmetic, BlockAnalysis, ModelAnalysis } from '../../model/analysis';
import { blockModuleOf, roleOf } from '../../blocks/registry';
import { WINDOW_FIELD } from '../../blocks/common/receptive';
import type { ModelSpec } from '../../model/spec';
import { freePlayArithmetic, geometryFromArithmetic, strideMisfits, type FreePlay, type StrideFit, type WindowGeometry } from './frames';
import { receptiveField, type ReceptiveField } from '../../model/receptiveField';

/** A kind that slides a window over its input (convolution, pooling): the arithmetic view animates it. */
export const hasWindow = (kind: string): boolean => blockModuleOf(kind)?.receptive === WINDOW_FIELD;

/** Conv and pool blocks whose arithmetic is known: the ones the view can animate. */
export function windowBlocks(analysis: ModelAnalysis): BlockAnalysis[] {
  return analysis.blocks.filter((b) => hasWindow(b.kind) && b.arithmetic.length === 2);
}

export interface ArithSceneData {
  readonly axes: readonly AxisArithmetic[];
  readonly geometry: WindowGeometry | null;
  readonly misfits: readonly StrideFit[];
  readonly fieldOf?: (row: number, col: number) => ReceptiveField | null;
  readonly imageSize: readonly [number, number] | null;
  /** The block's own output [height, width] from the analysis (block mode only). */
  readonly blockOutput: readonly [number, number] | null;
}

export function useArithScene(mode: 'block' | 'free', blockId: string | null, free: FreePlay,
  spec: ModelSpec, analysis: ModelAnalysis): ArithSceneData {
  return useMemo(() => {
    if (mode === 'free') {
      const { axes, geometry } = freePlayArithmetic(free);
      return { axes, geometry, misfits: strideMisfits(axes), imageSize: null, blockOutput: null };
    }
    const block = windowBlocks(analysis).find((b) => b.id === blockId);
    if (!block) return { axes: [], geometry: null, misfits: [], imageSize: null, blockOutput: null };
    const input = analysis.blocks.find((b) => roleOf(b.kind) === 'input')?.outputShape;
    const imageSize = input && input.length === 3 ? [input[0] as number, input[1] as number] as const : null;
    const out = block.outputShape;
    return {
      axes: block.arithmetic,
      geometry: geometryFromArithmetic(block.arithmetic),
      misfits: strideMisfits(block.arithmetic),
      fieldOf: (row: number, col: number) => receptiveField(spec, analysis, block.id, row, col),
      imageSize,
      blockOutput: out && out.length === 3 ? [out[0] as number, out[1] as number] as const : null,
    };
  }, [mode, blockId, free, spec, analysis]);
}
