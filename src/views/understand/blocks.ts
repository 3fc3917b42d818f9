import { useMemo } from 'react';
import { roleOf } from '../../blocks/registry';
import { useApp } from '../AppContext';

export interface ChoosableBlock {
  readonly id: string;
  readonly channels: number;
  /** True when the output is a grid of units (a receptive field to crop to). */
  readonly spatial: boolean;
}

/** Blocks whose units a view can pick: every computed block but the input and the output. */
export function useChoosableBlocks(): ChoosableBlock[] {
  const blocks = useApp((s) => s.analysis.blocks);
  return useMemo(() => blocks.flatMap((b) => {
    if (roleOf(b.kind) !== undefined || !b.outputShape) return [];
    const shape = b.outputShape;
    return [{ id: b.id, channels: Number(shape[shape.length - 1] ?? 0), spatial: shape.length === 3 }];
  }), [blocks]);
}
